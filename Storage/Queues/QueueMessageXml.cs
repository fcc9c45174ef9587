using System.Globalization;
using System.Text;
using System.Xml;
using Azure;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Queues;

/// <summary>
/// The message XML: requests carry <c>&lt;QueueMessage&gt;&lt;MessageText&gt;…&lt;/MessageText&gt;&lt;/QueueMessage&gt;</c>
/// with the text XML-escaped and otherwise as given (no base64); responses are a <c>QueueMessagesList</c>.
/// The request body is pure ASCII: characters outside it travel as XML character references (<c>&amp;#xE6;</c> for
/// æ). Every XML parser reads those as the same text, and it sidesteps an Azurite 3.37 fault that decodes the
/// request body chunk by chunk and turns a UTF-8 character split at a chunk boundary into U+FFFD (seen at 4 KiB).
/// </summary>
internal static class QueueMessageXml
{
    /// <summary>The service's limit on a message's text, as UTF-8 bytes (what Azurite checks too).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Validates the text (XML 1.0 characters only, ≤ 64 KiB of UTF-8) and returns the request body.</summary>
    public static byte[] Body(string messageText, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(messageText, parameterName);
        var escaped = new StringBuilder(messageText.Length + 96);
        escaped.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessage><MessageText>");
        for (var i = 0; i < messageText.Length; i++)
        {
            var c = messageText[i];
            if (char.IsHighSurrogate(c) && i + 1 < messageText.Length && char.IsLowSurrogate(messageText[i + 1]))
            {
                escaped.Append("&#x").Append(char.ConvertToUtf32(c, messageText[i + 1]).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                i++;
                continue;
            }
            if (!XmlConvert.IsXmlChar(c))
            {
                throw new ArgumentException(
                    $"message text contains U+{(int)c:X4} at index {i}, which XML cannot carry (send such data base64-encoded)", parameterName);
            }
            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                // A literal CR would be normalised away by the service's XML parser.
                case '\r':
                case > '~':
                    escaped.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }
        var size = Encoding.UTF8.GetByteCount(messageText);
        if (size > MaxMessageBytes)
        {
            throw new ArgumentException(
                $"message text is {size} bytes of UTF-8; a queue message holds at most {MaxMessageBytes}", parameterName);
        }
        escaped.Append("</MessageText></QueueMessage>");
        return Encoding.ASCII.GetBytes(escaped.ToString());
    }

    /// <summary>Each QueueMessage element of a QueueMessagesList as child name → text.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(Stream content, string operation)
    {
        var messages = new List<IReadOnlyDictionary<string, string>>();
        try
        {
            using var reader = XmlReader.Create(content, StorageXml.Settings);
            reader.MoveToContent();
            if (reader.LocalName != "QueueMessagesList")
            {
                throw new XmlException($"root element is <{reader.LocalName}>, expected <QueueMessagesList>");
            }
            if (reader.IsEmptyElement)
            {
                return messages;
            }
            reader.Read();
            while (!reader.EOF && reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "QueueMessage")
                {
                    messages.Add(ReadMessage(reader));
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (XmlException e)
        {
            throw new RequestFailedException(200, $"{operation}: the response could not be read: {e.Message}", "InvalidResponseXml", e);
        }
        return messages;
    }

    private static Dictionary<string, string> ReadMessage(XmlReader reader)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return fields;
        }
        reader.Read();
        while (!reader.EOF && reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                var name = reader.LocalName;
                fields[name] = reader.ReadElementContentAsString();
            }
            else
            {
                reader.Read();
            }
        }
        reader.Read();
        return fields;
    }

    public static string Field(IReadOnlyDictionary<string, string> fields, string name, string operation) =>
        fields.TryGetValue(name, out var value)
            ? value
            : throw new RequestFailedException(200, $"{operation}: a QueueMessage lacks <{name}>", "InvalidResponseXml", null);

    public static DateTimeOffset Time(IReadOnlyDictionary<string, string> fields, string name, string operation)
    {
        var text = Field(fields, name, operation);
        return DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new RequestFailedException(200, $"{operation}: <{name}> is '{text}', not an RFC 1123 date", "InvalidResponseXml", null);
    }

    public static long Count(IReadOnlyDictionary<string, string> fields, string name, string operation)
    {
        var text = Field(fields, name, operation);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new RequestFailedException(200, $"{operation}: <{name}> is '{text}', not a count", "InvalidResponseXml", null);
    }
}
