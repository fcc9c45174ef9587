using Bankflow.Storage.Tables;

namespace Bankflow.Storage.Tests.Tables;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("O'Brien æøå ÆØÅ")]
    [InlineData("%20+&=()*,;:@!$")]
    [InlineData("\u00A0non-breaking")]
    public void Allowed_keys_pass(string key) => TableKeys.Validate(key, "RowKey", "rowKey");

    [Fact]
    public void Exactly_1024_characters_pass_and_1025_fail()
    {
        TableKeys.Validate(new string('k', 1024), "RowKey", "rowKey");
        var e = Assert.Throws<ArgumentException>(() => TableKeys.Validate(new string('k', 1025), "RowKey", "rowKey"));
        Assert.Equal("rowKey", e.ParamName);
        Assert.StartsWith("RowKey must be at most 1024 characters; found 1025", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("O'Brien", "O%27%27Brien")]
    [InlineData("a b", "a%20b")]
    [InlineData("æøå", "%C3%A6%C3%B8%C3%A5")]
    [InlineData("100%", "100%25")]
    [InlineData("a+b&c=d", "a%2Bb%26c%3Dd")]
    public void Url_form_doubles_quotes_then_percent_encodes(string key, string expected) =>
        Assert.Equal(expected, TableKeys.ForUrl(key));
}
