using Bankflow.Storage.Blobs;

namespace Bankflow.Storage.Tests.Blobs;

public sealed class BlobMetadataTests
{
    [Theory]
    [InlineData("sbanken", "sbanken")]
    [InlineData("Ålesund", "%C3%85lesund")] // Å = U+00C5 = UTF-8 C3 85
    [InlineData("100 %", "100 %25")]
    [InlineData(" a  b ", "%20a %20b%20")] // leading, repeated and trailing spaces would be trimmed or folded
    [InlineData("\"quoted\" & 'x'", "\"quoted\" & 'x'")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("€", "%E2%82%AC")]
    public void Values_are_percent_encoded_only_where_a_header_cannot_carry_them(string value, string encoded)
    {
        Assert.Equal(encoded, BlobMetadata.EncodeValue(value, "metadata"));
        Assert.Equal(value, BlobMetadata.DecodeValue(encoded));
    }

    [Theory]
    [InlineData("50%")]           // '%' not followed by two hex digits
    [InlineData("%ZZ")]
    [InlineData("%C3")]           // truncated UTF-8
    public void A_stored_value_that_is_not_our_encoding_is_returned_as_stored(string stored)
    {
        Assert.Equal(stored, BlobMetadata.DecodeValue(stored));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("Kåre")]
    [InlineData("")]
    [InlineData("a b")]
    public void Names_must_be_CSharp_identifiers(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => BlobMetadata.Encode(new Dictionary<string, string> { [name] = "x" }, "metadata"));

        Assert.Equal("metadata", error.ParamName);
        Assert.Contains("C# identifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_differing_only_in_case_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => BlobMetadata.Encode(new Dictionary<string, string> { ["Kunde"] = "a", ["kunde"] = "b" }, "metadata"));

        Assert.Contains("case-insensitive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_above_8_KiB_after_encoding_is_rejected()
    {
        // 3000 'æ' encode to 3000 × 6 = 18 000 characters.
        var error = Assert.Throws<ArgumentException>(
            () => BlobMetadata.Encode(new Dictionary<string, string> { ["Big"] = new string('æ', 3000) }, "metadata"));

        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
    }
}
