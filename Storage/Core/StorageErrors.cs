using System.Text.Json;
using System.Xml;
using Azure;

namespace Bankflow.Storage.Core;

/// <summary>
/// Turns a failed service response into a <see cref="RequestFailedException"/> carrying status, the
/// service's error code and its message. Blob and Queue answer with XML, Table with OData JSON.
/// </summary>
internal static class StorageErrors
{
    public static RequestFailedException Create(Response response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        var body = response.Content?.ToString();
        if (!string.IsNullOrWhiteSpace(body))
        {
            var (bodyCode, bodyMessage) = body.TrimStart().StartsWith('<') ? FromXml(body) : FromJson(body);
            code ??= bodyCode;
            message = bodyMessage;
        }
        var text = $"{operation} failed: {response.Status} {response.ReasonPhrase}" +
                   (code is null ? "" : $" ({code})") +
                   (message is null ? "" : $": {message}");
        return new RequestFailedException(response.Status, text, code, innerException: null);
    }

    public static void ThrowIfFailed(Response response, string operation)
    {
        if (response.IsError)
        {
            throw Create(response, operation);
        }
    }

    private static (string? Code, string? Message) FromXml(string body)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), StorageXml.Settings);
            string? code = null, message = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.LocalName == "Code")
                {
                    code = reader.ReadElementContentAsString();
                }
                else if (reader.LocalName == "Message")
                {
                    message = reader.ReadElementContentAsString();
                }
            }
            return (code, FirstLine(message));
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    private static (string? Code, string? Message) FromJson(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString())
                    : null;
                return (code, FirstLine(message));
            }
            return (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Service messages end with "RequestId:… Time:…" lines; the first line is the useful part.</summary>
    private static string? FirstLine(string? message) =>
        message?.Split('\n', 2)[0].Trim();
}
