using System.Security.Cryptography;
using Bankflow.Functions.Idempotency;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Tests.Idempotency;

public sealed class RequestFingerprintTests
{
    private static readonly string Body = Convert.ToHexStringLower(SHA256.HashData("{\"a\":1}"u8));

    private static HttpRequest Request(string method, string path, string query = "", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }
        return context.Request;
    }

    private static string Of(HttpRequest request, string? body = null, params string[] headers) => RequestFingerprint.Of(request, body ?? Body, headers);

    [Fact]
    public void The_same_method_path_query_and_body_give_the_same_fingerprint_whatever_the_query_order_and_function_key()
    {
        var first = Of(Request("POST", "/api/clients/c/files", "?name=a.txt&x=1&code=key-one"));
        var again = Of(Request("post", "/api/clients/c/files", "?x=1&code=key-two&name=a.txt"));

        Assert.Equal(first, again);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void Method_path_query_body_and_named_headers_each_make_another_request()
    {
        var request = Request("POST", "/api/clients/c/payment-batches", "?a=1", ("X-File-Name", "a.txt"));
        var fingerprint = Of(request, null, "X-File-Name");
        var others = new[]
        {
            Of(Request("PUT", "/api/clients/c/payment-batches", "?a=1", ("X-File-Name", "a.txt")), null, "X-File-Name"),
            Of(Request("POST", "/api/clients/c/payment-batches/B1/send", "?a=1", ("X-File-Name", "a.txt")), null, "X-File-Name"),
            Of(Request("POST", "/api/clients/c/payment-batches", "?a=2", ("X-File-Name", "a.txt")), null, "X-File-Name"),
            Of(Request("POST", "/api/clients/c/payment-batches", "?a=1", ("X-File-Name", "b.txt")), null, "X-File-Name"),
            Of(request, Convert.ToHexStringLower(SHA256.HashData("{\"a\": 1}"u8)), "X-File-Name"),
        };

        Assert.Equal(others.Length + 1, others.Append(fingerprint).Distinct().Count());
        // A header not named is not part of it.
        Assert.Equal(Of(Request("POST", "/p")), Of(Request("POST", "/p", "", ("X-Other", "1"))));
    }

    [Fact]
    public void A_value_cannot_forge_a_separator()
    {
        Assert.NotEqual(Of(Request("POST", "/p", "?a=1%26b%3D2")), Of(Request("POST", "/p", "?a=1&b=2")));
        Assert.NotEqual(Of(Request("POST", "/p%0Ax")), Of(Request("POST", "/p", "?x")));
    }

    [Fact]
    public async Task A_body_is_hashed_as_it_streams_and_one_over_the_limit_has_no_hash()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), await RequestFingerprint.HashBodyAsync(new MemoryStream(bytes), bytes.Length, default));
        Assert.Null(await RequestFingerprint.HashBodyAsync(new MemoryStream(bytes), bytes.Length - 1, default));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), await RequestFingerprint.HashBodyAsync(Stream.Null, 0, default));
    }

    [Theory]
    [InlineData("", KeyPresence.Invalid)]
    [InlineData("has space", KeyPresence.Invalid)]
    [InlineData("æøå", KeyPresence.Invalid)]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", KeyPresence.Valid)]
    [InlineData("a/b#c?d\\e", KeyPresence.Valid)]
    public void Keys_are_one_to_255_visible_ASCII_characters(string key, KeyPresence expected)
    {
        var request = Request("POST", "/p", "", (IdempotencyKeyHeader.Name, key));

        Assert.Equal(expected, IdempotencyKeyHeader.Read(request, out _));
        Assert.Equal(KeyPresence.Invalid, IdempotencyKeyHeader.Read(Request("POST", "/p", "", (IdempotencyKeyHeader.Name, new string('k', 256))), out _));
        Assert.Equal(KeyPresence.Absent, IdempotencyKeyHeader.Read(Request("POST", "/p"), out _));
        Assert.Matches("^[0-9a-f]{64}$", IdempotencyKeyHeader.RowKey("a/b#c?d\\e"));
    }
}
