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

    /// <summary>Wraps <paramref name="input"/> in the token guard and opens a reader with <see cref="Settings"/>.</summary>
    public static XmlReader Create(Stream input, XmlNameTable? nameTable = null, int maxTokenBytes = DefaultMaxTokenBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        return XmlReader.Create(new MarkupGapGuardStream(input, maxTokenBytes), Settings(nameTable));
    }
}
