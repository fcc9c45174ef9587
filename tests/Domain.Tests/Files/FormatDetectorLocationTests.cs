using System.Text;
using Bankflow.Domain.Files;

namespace Bankflow.Domain.Tests.Files;

/// <summary>
/// A file the detector cannot place is refused with the place that made it so (found by the hostile-input corpus:
/// these reasons named no line, so neither `bankflow parse` nor a quarantine reason said where to look).
/// Only reasons about the whole file (empty, only white space) have no place.
/// </summary>
public sealed class FormatDetectorLocationTests
{
    private static DetectedFormat Detect(string text) => FormatDetector.Detect(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Unrecognised_content_is_placed_where_it_begins_after_blank_lines()
    {
        var detected = Detect("\n\n   PK\u0003\u0004 not a bank file");

        Assert.Equal(BankFileFormat.Unknown, detected.Format);
        Assert.Equal((3, 4), (detected.Line, detected.Column));
        Assert.StartsWith("line 3, column 4: not a recognised bank file", detected.LocatedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DOCTYPE_is_placed_where_the_XML_reader_met_it()
    {
        var detected = Detect("<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY a \"x\">]>\n<Document/>");

        Assert.Contains("DOCTYPE", detected.Reason, StringComparison.Ordinal);
        Assert.Equal(2, detected.Line);
        Assert.NotNull(detected.Column);
    }

    [Theory]
    [InlineData("<?xml version=\"2.0\"?><Document/>", 1)]
    [InlineData("<?xml version=\"1.0\" encoding=\"x-bogus\"?><Document/>", 1)]
    [InlineData("\n\n<?xml version=\"1.0\"?>", 3)]
    [InlineData("<?xml version=\"1.0\"?>\n<Dokument xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>", 2)]
    [InlineData("<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02\"/>", 2)]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- only a comment -->\n", 3)]
    public void Refused_XML_names_a_line(string xml, int line)
    {
        var detected = Detect(xml);

        Assert.Equal(BankFileFormat.Unknown, detected.Format);
        Assert.Equal(line, detected.Line);
        Assert.StartsWith($"line {line}, column ", detected.LocatedReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'<', 0 }, "UTF-16 (it begins with the byte order mark FF FE)")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0, (byte)'<' }, "UTF-16 (it begins with the byte order mark FE FF)")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0, 0, (byte)'<', 0, 0, 0 }, "UTF-32")]
    [InlineData(new byte[] { (byte)'<', 0, (byte)'?', 0 }, "UTF-16 without a byte order mark")]
    public void Wide_encodings_are_named_at_line_1(byte[] head, string expected)
    {
        var detected = FormatDetector.Detect(head);

        Assert.Equal(BankFileFormat.Unknown, detected.Format);
        Assert.Contains(expected, detected.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1), (detected.Line, detected.Column));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData(" \r\n\t", "the file holds only white space")]
    public void Whole_file_reasons_have_no_place(string text, string reason)
    {
        var detected = Detect(text);

        Assert.Equal(reason, detected.LocatedReason);
        Assert.Null(detected.Line);
    }
}
