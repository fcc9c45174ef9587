using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Common;

namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// Receives the elements of a pain message, by path relative to the message element
/// (e.g. "PmtInf/CdtTrfTxInf/Amt/InstdAmt"). Namespaces of child elements are ignored on purpose:
/// banks use their own namespaces for the same structure.
/// </summary>
internal abstract class PainXmlHandler
{
    public virtual void Start(string path, PainXmlWalker walker)
    {
    }

    /// <param name="text">The element's text content (trimmed), or null when it has none.</param>
    public virtual void End(string path, string? text, PainXmlWalker walker)
    {
    }
}

/// <summary>
/// A forward-only walk over a pain.001/pain.002 document with a safe <see cref="XmlReader"/> (no DTD, no
/// resolver). Malformed XML ends the walk with an error diagnostic instead of an exception.
/// </summary>
internal sealed partial class PainXmlWalker
{
    private const int MaxDepth = 64;

    /// <summary>Elements that may repeat: their index is always shown, so "PmtInf[1]" is not mistaken for "all".</summary>
    private static readonly HashSet<string> RepeatedElements =
        ["PmtInf", "CdtTrfTxInf", "OrgnlPmtInfAndSts", "TxInfAndSts", "StsRsnInf", "Ustrd", "NbOfTxsPerSts"];

    private readonly XmlReader _reader;
    private readonly List<string> _names = [];
    private readonly List<Dictionary<string, int>> _siblingCounts = [];
    private readonly List<int> _indexes = [];

    private PainXmlWalker(XmlReader reader) => _reader = reader;

    [GeneratedRegex(@"pain\.00[12]\.(\d{3})\.(\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex VersionInNamespace();

    /// <summary>The root namespace, e.g. "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03".</summary>
    public string? Namespace { get; private set; }

    /// <summary>The version taken from the namespace ("001.03"), also for bank variants such as "….pain.002.001.03.ch.02.xsd".</summary>
    public string? Version { get; private set; }

    /// <summary>Where the last node read began: a DOCTYPE after it is reported there (the framework gives no position).</summary>
    private (int Line, int Column) LastNode { get; set; }

    /// <summary>1-based line of the current element.</summary>
    public int Line => _reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    public string? Attribute(string name) => _reader.GetAttribute(name);

    /// <summary>Diagnostic path of the current element with sibling indexes, e.g. "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]/Amt/InstdAmt".</summary>
    public string DiagnosticPath()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < _names.Count; i++)
        {
            builder.Append('/').Append(_names[i]);
            if (_indexes[i] > 1 || RepeatedElements.Contains(_names[i]))
            {
                builder.Append('[').Append(_indexes[i]).Append(']');
            }
        }
        return builder.ToString();
    }

    private int? LineOrNull => Line > 0 ? Line : null;

    private string? PathOrNull => _names.Count > 0 ? DiagnosticPath() : null;

    /// <summary>A finding at the current element; a found value is cut at 40 characters (diagnostics never echo large parts of a file).</summary>
    public Diagnostic Diagnose(Severity severity, string message, string? field = null, string? expected = null, string? found = null) =>
        new(severity, message) { Line = Line, Path = DiagnosticPath(), Field = field, Expected = expected, Found = found is { Length: > 40 } ? string.Concat(found.AsSpan(0, 40), "…") : found };

    /// <summary>
    /// Walks the document. Returns false (with an error in <paramref name="diagnostics"/>) when the document
    /// is not well-formed or is not the expected message; the handler may then have seen part of it.
    /// </summary>
    public static bool Walk(Stream input, string messageElement, string formatName, PainXmlHandler handler, List<Diagnostic> diagnostics)
    {
        XmlReader? reader = null;
        PainXmlWalker? walker = null;
        try
        {
            reader = SafeXmlReader.Create(input);
            walker = new PainXmlWalker(reader);
            return walker.Run(messageElement, formatName, handler, diagnostics);
        }
        catch (XmlException ex) when (ex.LineNumber == 0 && ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            // A DOCTYPE outside the root element is refused without a position (the reader stops before moving onto it),
            // and the framework's text says to turn DTD processing on: exactly what must not happen. Say where instead.
            var (line, column) = walker?.LastNode ?? (0, 0);
            diagnostics.Add(new Diagnostic(Severity.Error,
                (line > 0 ? $"after line {line}, column {column}: " : "before the root element: ") + $"the {formatName} file has a DOCTYPE: document type definitions (DTD) are not accepted (they can pull in other files or expand entities)")
            {
                Line = line > 0 ? line : null,
                Column = line > 0 && column > 0 ? column : null,
            });
            return false;
        }
        catch (XmlException ex)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, $"the {formatName} file is not well-formed XML: {ex.Message}")
            {
                Line = ex.LineNumber > 0 ? ex.LineNumber : walker?.LineOrNull,
                Column = ex.LineNumber > 0 && ex.LinePosition > 0 ? ex.LinePosition : null,
            });
            return false;
        }
        catch (XmlTokenTooLongException ex)
        {
            // The token guard stops a value (or a file without markup) too long to be ISO 20022: where the reader was is where it began.
            diagnostics.Add(new Diagnostic(Severity.Error, $"the {formatName} file cannot be read: {ex.Message}") { Line = walker?.LineOrNull ?? 1, Path = walker?.PathOrNull });
            return false;
        }
        catch (DecoderFallbackException ex)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, $"the {formatName} file has bytes that are not valid in its encoding: {ex.Message}") { Line = walker?.LineOrNull ?? 1, Path = walker?.PathOrNull });
            return false;
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private bool Run(string messageElement, string formatName, PainXmlHandler handler, List<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        var sawMessage = false;
        while (_reader.Read())
        {
            if (_reader is IXmlLineInfo info)
            {
                LastNode = (info.LineNumber, info.LinePosition);
            }
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    var depth = _names.Count;
                    if (depth == 0)
                    {
                        if (_reader.LocalName != "Document")
                        {
                            diagnostics.Add(new Diagnostic(Severity.Error, $"the root element must be <Document>, found <{_reader.LocalName}>") { Line = Line });
                            return false;
                        }
                        Namespace = _reader.NamespaceURI;
                        var match = VersionInNamespace().Match(Namespace);
                        Version = match.Success ? $"{match.Groups[1].Value}.{match.Groups[2].Value}" : null;
                    }
                    else if (depth == 1)
                    {
                        if (_reader.LocalName != messageElement || sawMessage)
                        {
                            diagnostics.Add(new Diagnostic(Severity.Error,
                                $"a {formatName} document holds one <{messageElement}>, found <{_reader.LocalName}>")
                            { Line = Line, Path = "/Document/" + _reader.LocalName });
                            return false;
                        }
                        sawMessage = true;
                    }
                    else if (depth >= MaxDepth)
                    {
                        diagnostics.Add(new Diagnostic(Severity.Error, $"elements nested deeper than {MaxDepth} levels") { Line = Line });
                        return false;
                    }
                    Push(_reader.LocalName);
                    text.Clear();
                    var path = RelativePath();
                    if (path is not null)
                    {
                        handler.Start(path, this);
                    }
                    if (_reader.IsEmptyElement)
                    {
                        if (path is not null)
                        {
                            handler.End(path, null, this);
                        }
                        Pop();
                    }
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    text.Append(_reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    var endPath = RelativePath();
                    if (endPath is not null)
                    {
                        var value = text.Length == 0 ? null : text.ToString().Trim();
                        handler.End(endPath, string.IsNullOrEmpty(value) ? null : value, this);
                    }
                    text.Clear();
                    Pop();
                    break;
            }
        }
        if (!sawMessage)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, $"the document has no <{messageElement}> message element") { Line = LineOrNull, Path = "/Document" });
            return false;
        }
        return true;
    }

    private void Push(string name)
    {
        var index = 1;
        if (_siblingCounts.Count > 0)
        {
            var counts = _siblingCounts[^1];
            counts[name] = index = counts.GetValueOrDefault(name) + 1;
        }
        _names.Add(name);
        _indexes.Add(index);
        _siblingCounts.Add([]);
    }

    private void Pop()
    {
        _names.RemoveAt(_names.Count - 1);
        _indexes.RemoveAt(_indexes.Count - 1);
        _siblingCounts.RemoveAt(_siblingCounts.Count - 1);
    }

    /// <summary>Path below the message element; "" for the message element itself, null above it.</summary>
    private string? RelativePath() => _names.Count < 2 ? null : string.Join('/', _names.Skip(2));
}
