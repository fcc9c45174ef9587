using System.Xml;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// The only way Bankflow opens ISO 20022 XML: no DTD (so no entity expansion, no XXE), no resolver (so
/// nothing outside the stream is ever fetched), and a guard that bounds how much the reader can buffer
/// for one token (see <see cref="MarkupGapGuardStream"/>).
/// </summary>
public static class SafeXmlReader
{
    /// <summary>Most bytes allowed between two markup characters ('&lt;' or '&gt;'); ISO 20022 texts are at most a few hundred characters.</summary>
    public const int DefaultMaxTokenBytes = 1 << 20;

    /// <summary>Deepest element nesting accepted; camt and pain need fewer than 20 levels.</summary>
    public const int MaxDepth = 64;

    public static XmlReaderSettings Settings(XmlNameTable? nameTable = null) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        NameTable = nameTable,
        MaxCharactersFromEntities = 0,
    };

    /// <summary>
    /// A reader for <see cref="XmlElementCursor"/>. When <paramref name="checkFirst"/> is set and the stream can seek,
    /// the stream is read once to check whether it is plain XML that <see cref="Utf8SubsetXmlReader"/> reads exactly
    /// as the framework's reader does (reporting the same nodes, values, lines and columns); then it is read from the
    /// same position by that reader, several times faster. Otherwise, and for any file outside that subset or not
    /// well-formed, it is <see cref="Create"/>. For streams that are cheap to read twice (a file, memory).
    /// </summary>
    public static XmlReader CreateForCursor(Stream input, XmlNameTable nameTable, int maxTokenBytes, bool checkFirst)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (checkFirst && input.CanSeek)
        {
            var start = input.Position;
            var inSubset = Utf8SubsetXmlReader.IsInSubset(input, maxTokenBytes, out _);
            input.Position = start;
            if (inSubset)
            {
                return Utf8SubsetXmlReader.ForCheckedDocument(input, nameTable);
            }
        }
        return Create(input, nameTable, maxTokenBytes);
    }

    /// <summary>Wraps <paramref name="input"/> in the token guard and opens a reader with <see cref="Settings"/>.</summary>
    public static XmlReader Create(Stream input, XmlNameTable? nameTable = null, int maxTokenBytes = DefaultMaxTokenBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        return XmlReader.Create(new MarkupGapGuardStream(input, maxTokenBytes), Settings(nameTable));
    }
}
