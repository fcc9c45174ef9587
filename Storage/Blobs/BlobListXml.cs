using System.Globalization;
using System.Xml;
using Azure;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Blobs;

/// <summary>Reads a List Blobs response (<c>EnumerationResults</c>): the blobs of one page and the NextMarker.</summary>
internal static class BlobListXml
{
    public static (IReadOnlyList<BlobItem> Items, string? NextMarker) Parse(Stream content, string operation)
    {
        var items = new List<BlobItem>();
        string? nextMarker = null;
        var path = new Stack<string>();
        BlobEntry? blob = null;
        try
        {
            using var reader = XmlReader.Create(content, StorageXml.Settings);
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (path.Pop() == "Blob" && blob is not null)
                    {
                        items.Add(blob.ToItem(operation));
                        blob = null;
                    }
                    reader.Read();
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }
                var name = reader.LocalName;
                var parent = path.Count > 0 ? path.Peek() : "";
                if (blob is not null && parent == "Blob" && name == "Name")
                {
                    // Names with characters XML cannot carry come percent-encoded with Encoded="true".
                    var encoded = reader.GetAttribute("Encoded") == "true";
                    var text = reader.ReadElementContentAsString();
                    blob.Name = encoded ? Uri.UnescapeDataString(text) : text;
                }
                else if (blob is not null && parent == "Properties")
                {
                    blob.Properties[name] = reader.ReadElementContentAsString();
                }
                else if (blob is not null && parent == "Metadata")
                {
                    blob.Metadata[name] = BlobMetadata.DecodeValue(reader.ReadElementContentAsString());
                }
                else if (parent == "EnumerationResults" && name == "NextMarker")
                {
                    nextMarker = reader.ReadElementContentAsString();
                }
                else if (reader.IsEmptyElement)
                {
                    reader.Read();
                }
                else
                {
                    if (name == "Blob" && parent == "Blobs")
                    {
                        blob = new BlobEntry();
                    }
                    path.Push(name);
                    reader.Read();
                }
            }
        }
        catch (Exception e) when (e is XmlException or FormatException or OverflowException)
        {
            throw new RequestFailedException(200, $"{operation}: the listing could not be read: {e.Message}", "InvalidResponseXml", e);
        }
        return (items, nextMarker);
    }

    private sealed class BlobEntry
    {
        public string? Name { get; set; }

        public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);

        public BlobItem ToItem(string operation)
        {
            if (Name is null || !Properties.TryGetValue("Etag", out var etag) || !Properties.TryGetValue("Last-Modified", out var lastModified))
            {
                throw new RequestFailedException(200, $"{operation}: a Blob entry lacks Name, Etag or Last-Modified", "InvalidResponseXml", null);
            }
            var length = Properties.TryGetValue("Content-Length", out var l) && l.Length > 0
                ? long.Parse(l, NumberStyles.None, CultureInfo.InvariantCulture)
                : 0;
            var contentType = Properties.TryGetValue("Content-Type", out var t) && t.Length > 0 ? t : null;
            return new BlobItem(Name, length, contentType, BlobRest.NormaliseETag(etag), BlobRest.ParseHttpDate(lastModified), Metadata);
        }
    }
}
