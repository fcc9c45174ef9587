using System.Text;
using System.Xml;
using Bankflow.Domain.Iso20022.Common;
using Bankflow.Testing.Camt;

namespace Bankflow.Domain.Tests.Camt;

/// <summary>
/// The fast reader reports exactly the nodes the framework's reader reports (type, names, namespace, depth, value,
/// line, column, the Ccy attribute) for every document its check accepts, and the check refuses what the framework
/// refuses or what the fast reader does not read the same way.
/// </summary>
public sealed class Utf8SubsetXmlReaderTests
{
    public static TheoryData<string> PlainDocuments() =>
    [
        "<Document><A>1</A></Document>",
        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Document xmlns=\"urn:x\">\r\n\t<A Ccy=\"NOK\">Ø😀x</A><B>é</B>\r\n  <C\r\n   a=\"1\"\r\n  >t&amp;x</C  >\r<D/>\n<E>a\r\nb</E></Document>\r\n",
        "<?xml version='1.0' encoding='utf-8' standalone='yes'?><!-- a comment --><Document><A>  </A><B> x <C/> y </B><D>&#32;</D><E>&#10;</E><F>  &#32;  </F></Document><!-- after -->\n",
        "<?xml version=\"1.0\"?>\n<ns:Document xmlns:ns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:a b.xsd\"><ns:A Ccy='EUR'>&lt;&gt;&quot;&apos;&#x1F600;&#229;</ns:A><ns:B/></ns:Document>",
        "<Document xmlns=\"urn:a\"><X xmlns=\"urn:b\"><Y>1</Y></X><Z xmlns=\"\">2</Z><p:Q xmlns:p=\"urn:p\">3</p:Q></Document>",
        "<Document><Amt Ccy=\"NOK\" >12.50</Amt ><Amt\tCcy=\"NOK\"/><Nm>Åse — “Ærlig” Øst ½ € 𝄞</Nm><T>a]b]]c&gt;d>e</T></Document>",
        "<Document>\r\n\r\n<A>x\ry\r\n\r\nz</A>\n\r<B>&#13;&#10;q</B></Document>",
        "<Document><A>x<B/>y<C>z</C>w</A></Document>",
    ];

    [Theory]
    [MemberData(nameof(PlainDocuments))]
    public void Plain_documents_are_read_node_for_node_as_the_framework_reads_them(string xml)
    {
        AssertSameNodes(Encoding.UTF8.GetBytes(xml));
    }

    [Fact]
    public void Generated_camt_files_of_every_shape_are_read_node_for_node_as_the_framework_reads_them()
    {
        foreach (var version in CamtGenerator.Versions)
        {
            AssertSameNodes(CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 3, Version: version, Statements: 2, EntriesPerStatement: 30, TransactionsSummary: true)));
            AssertSameNodes(CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 4, Notification: true, Version: version, EntriesPerStatement: 30, Indent: false)));
        }
        using var lean = new MemoryStream();
        LeanCamtGenerator.Write(lean, 200);
        AssertSameNodes(lean.ToArray());
        var crlf = Encoding.UTF8.GetString(lean.ToArray()).Replace("\n", "\r\n", StringComparison.Ordinal).Replace("  ", "\t", StringComparison.Ordinal);
        AssertSameNodes(Encoding.UTF8.GetBytes(crlf));
    }

    public static TheoryData<string, string> Outside() => new()
    {
        { "DOCTYPE", "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x \"y\">]><Document>&x;</Document>" },
        { "CDATA", "<Document><A><![CDATA[x]]></A></Document>" },
        { "comment inside the root", "<Document><!-- c --><A>1</A></Document>" },
        { "processing instruction", "<?xml version=\"1.0\"?><?pi x?><Document/>" },
        { "other encoding", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Document/>" },
        { "declaration not first", " <?xml version=\"1.0\"?><Document/>" },
        { "declaration without version", "<?xml encoding=\"UTF-8\"?><Document/>" },
        { "mismatched end tag", "<Document><A>1</B></Document>" },
        { "unclosed", "<Document><A>1</A>" },
        { "two roots", "<Document/><Document/>" },
        { "text outside the root", "<Document/>x" },
        { "undeclared element prefix", "<p:Document/>" },
        { "undeclared attribute prefix", "<Document p:a=\"1\"/>" },
        { "duplicate attribute", "<Document a=\"1\" a=\"2\"/>" },
        { "same local name twice", "<Document xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:a=\"1\" q:a=\"2\"/>" },
        { "entity in an attribute", "<Document a=\"&amp;\"/>" },
        { "new line in an attribute", "<Document a=\"x\ny\"/>" },
        { "unknown entity", "<Document>&nbsp;</Document>" },
        { "invalid character reference", "<Document>&#0;</Document>" },
        { "surrogate character reference", "<Document>&#xD800;</Document>" },
        { "]]> in text", "<Document>a]]>b</Document>" },
        { "control character", "<Document>a\u0001b</Document>" },
        { "U+FFFE", "<Document>a\uFFFEb</Document>" },
        { "attributes without space", "<Document a=\"1\"b=\"2\"/>" },
        { "unquoted attribute", "<Document a=1/>" },
        { "non-ASCII name", "<Dokument><Beløp>1</Beløp></Dokument>" },
        { "xml: attribute", "<Document xml:space=\"preserve\"> </Document>" },
        { "empty", "" },
        { "only white space", "  \n" },
        { "truncated tag", "<Document><A" },
        { "comment with --", "<!-- a -- b --><Document/>" },
    };

    [Theory]
    [MemberData(nameof(Outside))]
    public void Documents_outside_the_subset_are_left_to_the_framework(string what, string xml)
    {
        Assert.False(IsInSubset(Encoding.UTF8.GetBytes(xml), SafeXmlReader.DefaultMaxTokenBytes, out var reason), what);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void Invalid_UTF8_and_UTF16_are_left_to_the_framework()
    {
        Assert.False(IsInSubset([.. "<Document>"u8, 0xC3, 0x28, .. "</Document>"u8], SafeXmlReader.DefaultMaxTokenBytes, out _));
        Assert.False(IsInSubset(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<Document/>")).ToArray(), SafeXmlReader.DefaultMaxTokenBytes, out _));
    }

    [Fact]
    public void Deep_nesting_and_long_tokens_are_left_to_the_framework_and_its_guards()
    {
        var deep = string.Concat(Enumerable.Repeat("<A>", 70)) + string.Concat(Enumerable.Repeat("</A>", 70));
        Assert.False(IsInSubset(Encoding.UTF8.GetBytes(deep), SafeXmlReader.DefaultMaxTokenBytes, out _));
        var shallow = string.Concat(Enumerable.Repeat("<A>", 60)) + string.Concat(Enumerable.Repeat("</A>", 60));
        Assert.True(IsInSubset(Encoding.UTF8.GetBytes(shallow), SafeXmlReader.DefaultMaxTokenBytes, out var reason), reason);

        var longText = "<Document><A>" + new string('x', 5000) + "</A></Document>";
        Assert.False(IsInSubset(Encoding.UTF8.GetBytes(longText), maxTokenBytes: 4096, out _));
        Assert.True(IsInSubset(Encoding.UTF8.GetBytes(longText), maxTokenBytes: 8192, out reason), reason);
        // A text longer than the reader's first buffer is read whole.
        var huge = "<Document><A>" + new string('y', 200_000) + "</A></Document>";
        AssertSameNodes(Encoding.UTF8.GetBytes(huge));
    }

    /// <summary>
    /// Every single-byte change of a small file: where the check accepts the result, the framework reads it without
    /// an error and both readers report the same nodes. Most changes break the XML and must be refused.
    /// </summary>
    [Fact]
    public void Single_byte_changes_are_refused_or_read_exactly_as_the_framework_reads_them()
    {
        var original = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 9, Version: "001.08", EntriesPerStatement: 2, Indent: false));
        byte[] replacements = "<>/&;\"'=:x0 \n\r-!?#]"u8.ToArray();
        var random = new Random(9);
        var accepted = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[random.Next(bytes.Length)] = i % 7 == 0 ? (byte)random.Next(256) : replacements[random.Next(replacements.Length)];
            if (IsInSubset(bytes, SafeXmlReader.DefaultMaxTokenBytes, out _))
            {
                accepted++;
                AssertSameNodes(bytes);
            }
        }
        Assert.InRange(accepted, 100, 2900);
    }

    [Fact]
    public void The_scan_finds_what_the_framework_reader_fails_on_ahead_of_its_position()
    {
        // Multi-byte characters across every block boundary of a small guard (blocks as long as the guard).
        var text = string.Concat(Enumerable.Repeat("<A>Ø😀€x</A>", 400));
        var plain = Encoding.UTF8.GetBytes($"<Document>{text}</Document>");
        foreach (var limit in new[] { 64, 100, 4096 })
        {
            Assert.True(Utf8SubsetXmlReader.FailsOnlyWhereItParses(new MemoryStream(plain), limit));
        }
        byte[] broken = [.. plain[..^20], 0xE2, 0x82, .. plain[^20..]];
        Assert.False(Utf8SubsetXmlReader.FailsOnlyWhereItParses(new MemoryStream(broken), 4096));
        byte[] cut = [.. plain, 0xF0, 0x9F];
        Assert.False(Utf8SubsetXmlReader.FailsOnlyWhereItParses(new MemoryStream(cut), 4096));

        var gap = Encoding.UTF8.GetBytes("<Document><A>" + new string('x', 5000) + "</A></Document>");
        Assert.False(Utf8SubsetXmlReader.FailsOnlyWhereItParses(new MemoryStream(gap), 4096));
        Assert.True(Utf8SubsetXmlReader.FailsOnlyWhereItParses(new MemoryStream(gap), 5000));
        Assert.False(Utf8SubsetXmlReader.FailsOnlyWhereItParses(new MemoryStream(gap), 4999));
    }

    private static bool IsInSubset(byte[] bytes, int maxTokenBytes, out string? reason) =>
        Utf8SubsetXmlReader.IsInSubset(new MemoryStream(bytes), maxTokenBytes, out reason);

    private static void AssertSameNodes(byte[] bytes)
    {
        Assert.True(IsInSubset(bytes, SafeXmlReader.DefaultMaxTokenBytes, out var reason), reason);
        var expected = Nodes(SafeXmlReader.Create(new MemoryStream(bytes), new NameTable()));
        var fast = Nodes(new Utf8SubsetXmlReader(new MemoryStream(bytes), new NameTable(), SafeXmlReader.DefaultMaxTokenBytes));
        for (var i = 0; i < Math.Min(expected.Count, fast.Count); i++)
        {
            Assert.True(expected[i] == fast[i], $"node {i}: framework {expected[i]}, fast {fast[i]}");
        }
        Assert.Equal(expected.Count, fast.Count);
    }

    private static List<string> Nodes(XmlReader reader)
    {
        var nodes = new List<string>();
        using (reader)
        {
            var lines = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.XmlDeclaration)
                {
                    continue;
                }
                var ccy = reader.NodeType == XmlNodeType.Element ? reader.GetAttribute("Ccy") : null;
                nodes.Add($"{reader.NodeType} {reader.LocalName} ns={reader.NamespaceURI} depth={reader.Depth} empty={reader.IsEmptyElement} value=[{reader.Value}] ccy={ccy} at {lines.LineNumber}:{lines.LinePosition}");
            }
        }
        return nodes;
    }
}
