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
        head = head[start..];
        if (head.StartsWith("NY"u8))
        {
            return DetectNets(head);
        }
        if (head[0] == (byte)'<')
        {
            return DetectXml(head);
        }
        return DetectedFormat.Unknown(
            $"not a recognised bank file: expected a Nets record (\"NY000010…\") or ISO 20022 XML (\"<?xml…\"), found {Describe(head)}");
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

    private static DetectedFormat DetectXml(ReadOnlySpan<byte> head)
    {
        var settings = SafeXmlReader.Settings();
        string? rootNamespace = null;
        string? messageElement = null;
        try
        {
            using var stream = new MemoryStream(head.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (rootNamespace is null)
                {
                    rootNamespace = reader.NamespaceURI;
                    if (reader.LocalName != "Document")
                    {
                        return DetectedFormat.Unknown($"XML root element is <{reader.LocalName}>, expected an ISO 20022 <Document>");
                    }
                    continue;
                }
                messageElement = reader.LocalName;
                break;
            }
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return DetectedFormat.Unknown("XML with a DOCTYPE: document type definitions are not accepted (they can hide entity attacks)");
        }
        catch (XmlException ex) when (rootNamespace is null)
        {
            return DetectedFormat.Unknown($"not well-formed XML: {ex.Message}");
        }
        catch (XmlException)
        {
            // The head ended inside the document; the root (and perhaps the message element) was seen.
        }
        if (rootNamespace is null)
        {
            return DetectedFormat.Unknown("XML without a root element");
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
                _ => DetectedFormat.Unknown($"ISO 20022 message {match.Value} is not a format Bankflow reads (camt.053, camt.054, pain.001, pain.002)"),
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
                $"XML namespace '{rootNamespace}' with message element <{messageElement ?? "none"}> is not a format Bankflow reads"),
        };
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
