using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Bankflow.Domain.Iso20022.Common;

namespace Bankflow.Domain.Files;

/// <summary>
/// Tells a bank file's format from its content, never from its name: a file downloaded from an
/// online bank may be called anything. Looks only at the head of the file.
/// </summary>
public static partial class FormatDetector
{
    /// <summary>How much of the file the detector needs at most.</summary>
    public const int HeadLength = 64 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    [GeneratedRegex(@"(camt|pain)\.(\d{3})\.(\d{3})\.(\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex Iso20022Namespace();

    public static DetectedFormat Detect(ReadOnlySpan<byte> head)
    {
        if (WideEncoding(head) is { } wide)
        {
            return DetectedFormat.Unknown(
                $"the file is {wide}: bank files are UTF-8 XML (ISO 20022) or ISO-8859-1 text (Nets); ask the bank or the exporting program for one of those", 1, 1);
        }
        if (head.StartsWith(Utf8Bom))
        {
            head = head[Utf8Bom.Length..];
        }
        var start = 0;
        while (start < head.Length && head[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }
        if (start == head.Length)
        {
            return DetectedFormat.Unknown(head.IsEmpty ? "the file is empty" : "the file holds only white space");
        }
        // Every reason below names where the file's content begins (after a BOM and blank lines), or the XML reader's place.
        var at = new Place(head[..start]);
        head = head[start..];
        if (head.StartsWith("NY"u8))
        {
            return DetectNets(head);
        }
        if (head[0] == (byte)'<')
        {
            return DetectXml(head, at);
        }
        return DetectedFormat.Unknown(
            $"not a recognised bank file: expected a Nets record (\"NY000010…\") or ISO 20022 XML (\"<?xml…\"), found {Describe(head)}", at.Line, at.Column);
    }

    /// <summary>
    /// UTF-16 and UTF-32 (by their byte order marks, or a '&lt;' with a zero byte beside it, as UTF-16 XML without a mark
    /// begins): said as such, rather than as unrecognised bytes that read as gibberish in the reason.
    /// </summary>
    private static string? WideEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return "UTF-32 (it begins with the byte order mark FF FE 00 00)";
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return "UTF-32 (it begins with the byte order mark 00 00 FE FF)";
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return $"UTF-16 (it begins with the byte order mark {head[0]:X2} {head[1]:X2})";
        }
        if (head.StartsWith("<\0"u8) || head.StartsWith("\0<"u8))
        {
            return "UTF-16 without a byte order mark (it begins with '<' and a zero byte)";
        }
        return null;
    }

    /// <summary>Where the content starts: line and column after the white space before it.</summary>
    private readonly struct Place
    {
        public Place(ReadOnlySpan<byte> before)
        {
            Line = 1 + before.Count((byte)'\n');
            Column = before.Length - before.LastIndexOf((byte)'\n');
        }

        public int Line { get; }

        public int Column { get; }

        /// <summary>A position the XML reader reports for the content from this place on, as a position in the file.</summary>
        public (int Line, int Column) Of(int line, int column) =>
            line <= 1 ? (Line, Column + Math.Max(column, 1) - 1) : (Line + line - 1, Math.Max(column, 1));
    }

    /// <summary>
    /// Anything that begins with the Nets format code "NY" is read as a Nets file, even when it does not begin with
    /// a transmission start (NY000010) or its lines are not 80 characters: the Nets reader then names the line and
    /// the record that are wrong ("line 1: expected 80 characters, found 6"), which a refusal here could not.
    /// </summary>
    private static DetectedFormat DetectNets(ReadOnlySpan<byte> head)
    {
        // The transmission start is the same for OCR giro (service 09) and AvtaleGiro (service 21):
        // the service code of the later records (positions 3–4) tells them apart.
        var sawAvtaleGiro = false;
        foreach (var range in head.Split((byte)'\n'))
        {
            var line = head[range];
            if (line.Length < 4 || !line.StartsWith("NY"u8))
            {
                continue;
            }
            var service = line.Slice(2, 2);
            if (service.SequenceEqual("09"u8))
            {
                return new DetectedFormat(BankFileFormat.OcrGiro, null, null);
            }
            sawAvtaleGiro |= service.SequenceEqual("21"u8);
        }
        return sawAvtaleGiro
            ? new DetectedFormat(BankFileFormat.AvtaleGiro, null, null)
            : new DetectedFormat(BankFileFormat.OcrGiro, null, null);
    }

    private static DetectedFormat DetectXml(ReadOnlySpan<byte> head, Place at)
    {
        var settings = SafeXmlReader.Settings();
        string? rootNamespace = null;
        string? messageElement = null;
        (int Line, int Column) root = (at.Line, at.Column);
        (int Line, int Column) last = root;
        try
        {
            using var stream = new MemoryStream(head.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                last = at.Of(info.LineNumber, info.LinePosition);
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (rootNamespace is null)
                {
                    rootNamespace = reader.NamespaceURI;
                    root = last;
                    if (reader.LocalName != "Document")
                    {
                        return DetectedFormat.Unknown($"XML root element is <{reader.LocalName}>, expected an ISO 20022 <Document>", root.Line, root.Column);
                    }
                    continue;
                }
                messageElement = reader.LocalName;
                break;
            }
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            // The reader refuses the DTD before it moves onto it (its position is still the node before): say where it is.
            var doctype = head.IndexOf("<!DOCTYPE"u8);
            var (line, column) = doctype >= 0 ? End(head[..doctype], at) : ex.LineNumber > 0 ? at.Of(ex.LineNumber, ex.LinePosition) : last;
            return DetectedFormat.Unknown("XML with a DOCTYPE: document type definitions are not accepted (they can hide entity attacks)", line, column);
        }
        catch (XmlException ex) when (rootNamespace is null)
        {
            // "Root element is missing" comes without a position: it is where the reader stopped, the end of what it read.
            var (line, column) = ex.LineNumber > 0 ? at.Of(ex.LineNumber, ex.LinePosition) : End(head, at);
            return DetectedFormat.Unknown($"not well-formed XML: {ex.Message}", line, column);
        }
        catch (XmlException)
        {
            // The head ended inside the document; the root (and perhaps the message element) was seen.
        }
        if (rootNamespace is null)
        {
            var (line, column) = End(head, at);
            return DetectedFormat.Unknown("XML without a root element", line, column);
        }
        var match = Iso20022Namespace().Match(rootNamespace);
        if (match.Success)
        {
            var version = $"{match.Groups[3].Value}.{match.Groups[4].Value}";
            return (match.Groups[1].Value, match.Groups[2].Value) switch
            {
                ("camt", "053") => new DetectedFormat(BankFileFormat.Camt053, version, null),
                ("camt", "054") => new DetectedFormat(BankFileFormat.Camt054, version, null),
                ("pain", "001") => new DetectedFormat(BankFileFormat.Pain001, version, null),
                ("pain", "002") => new DetectedFormat(BankFileFormat.Pain002, version, null),
                _ => DetectedFormat.Unknown($"ISO 20022 message {match.Value} is not a format Bankflow reads (camt.053, camt.054, pain.001, pain.002)", root.Line, root.Column),
            };
        }
        // Some banks use their own namespace; the message element still says what it is.
        return messageElement switch
        {
            "BkToCstmrStmt" => new DetectedFormat(BankFileFormat.Camt053, null, null),
            "BkToCstmrDbtCdtNtfctn" => new DetectedFormat(BankFileFormat.Camt054, null, null),
            "CstmrCdtTrfInitn" => new DetectedFormat(BankFileFormat.Pain001, null, null),
            "CstmrPmtStsRpt" => new DetectedFormat(BankFileFormat.Pain002, null, null),
            _ => DetectedFormat.Unknown(
                $"XML namespace '{rootNamespace}' with message element <{messageElement ?? "none"}> is not a format Bankflow reads", root.Line, root.Column),
        };
    }

    /// <summary>The place just after the last byte of <paramref name="head"/>.</summary>
    private static (int Line, int Column) End(ReadOnlySpan<byte> head, Place at)
    {
        var inner = new Place(head);
        return at.Of(inner.Line, inner.Column);
    }

    /// <summary>The first bytes, printable, for a reason a person can read (no more than 16 characters: never leak content).</summary>
    private static string Describe(ReadOnlySpan<byte> head)
    {
        var slice = head[..Math.Min(16, head.Length)];
        var builder = new StringBuilder("\"");
        foreach (var b in slice)
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '·');
        }
        return builder.Append('"').ToString();
    }
}
