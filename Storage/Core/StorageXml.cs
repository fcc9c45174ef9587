using System.Xml;

namespace Bankflow.Storage.Core;

/// <summary>How the storage clients read the service's XML answers (listings, messages, errors): no DTD, no resolver.</summary>
internal static class StorageXml
{
    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
    };
}
