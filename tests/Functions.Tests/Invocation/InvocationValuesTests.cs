using System.Text.Json;
using Bankflow.Functions.Invocation;

namespace Bankflow.Functions.Tests.Invocation;

public sealed class InvocationValuesTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData("\"\\\"hello\\\"\"", "hello")]       // host: JsonConvert.SerializeObject("hello") carried as a string
    [InlineData("\"hello\"", "hello")]               // what the Learn docs show
    [InlineData("\"1\"", "1")]                       // a number, double-encoded
    [InlineData("1", "1")]
    [InlineData("true", "true")]
    [InlineData("\"\\\"\\\\\\\"nested\\\\\\\"\\\"\"", "nested")] // encoded three times
    [InlineData("\"\\\"\"", "\"")]                   // a lone quote character is not an encoding
    public void AsString_unwraps_every_form_the_host_may_send(string json, string expected) =>
        Assert.Equal(expected, InvocationValues.AsString(Json(json)));

    [Fact]
    public void AsString_of_null_is_null() => Assert.Null(InvocationValues.AsString(Json("null")));

    [Fact]
    public void AsJson_finds_objects_directly_or_inside_encoded_strings()
    {
        Assert.Equal(JsonValueKind.Object, InvocationValues.AsJson(Json("""{"a":1}"""))!.Value.ValueKind);
        Assert.Equal(1, InvocationValues.AsJson(Json("\"{\\\"a\\\":1}\""))!.Value.GetProperty("a").GetInt32());
        Assert.Equal(1, InvocationValues.AsJson(Json("\"\\\"{\\\\\\\"a\\\\\\\":1}\\\"\""))!.Value.GetProperty("a").GetInt32());
        Assert.Null(InvocationValues.AsJson(Json("\"plain text\"")));
        Assert.Null(InvocationValues.AsJson(Json("42")));
    }

    [Fact]
    public void TryAsBytes_decodes_base64_and_refuses_anything_else()
    {
        Assert.True(InvocationValues.TryAsBytes(Json("\"AQID\""), out var bytes, out _));
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes);
        Assert.True(InvocationValues.TryAsBytes(Json("\"\\\"AQID\\\"\""), out bytes, out _));
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes);
        Assert.False(InvocationValues.TryAsBytes(Json("\"***\""), out _, out var error));
        Assert.Contains("base64", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"5\"", 5L)]
    [InlineData("5", 5L)]
    [InlineData("\"\\\"5\\\"\"", 5L)]
    public void AsInt64_reads_counts_in_any_encoding(string json, long expected) =>
        Assert.Equal(expected, InvocationValues.AsInt64(Json(json)));

    [Fact]
    public void AsInt64_of_text_is_null() => Assert.Null(InvocationValues.AsInt64(Json("\"five\"")));
}
