using System.Text.Json;

namespace Bankflow.Functions.Invocation;

/// <summary>A blob-trigger invocation: the whole blob (always base64 from the host) and the path tokens.</summary>
public sealed record BlobTrigger(byte[] Content, IReadOnlyDictionary<string, string> PathTokens, Uri? Uri, string? ETag, long? ContentLength);

/// <summary>A timer invocation (<c>TimerInfo</c>).</summary>
public sealed record TimerTrigger(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next);

/// <summary>A queue or Service Bus message: its text (double encoding removed) and how often it was delivered.</summary>
public sealed record MessageTrigger(string Text, long DeliveryCount, string? MessageId);

/// <summary>An Event Grid event (the host sends an object; a string holding JSON is accepted too).</summary>
public sealed record EventGridTrigger(string? Id, string? EventType, string? Subject, JsonElement Data);

/// <summary>An HTTP request as the host encodes it when forwarding is off.</summary>
public sealed record HttpTrigger(string Method, string? Url, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string[]> Headers, IReadOnlyDictionary<string, string> Params, string? Body);

/// <summary>
/// Decodes each trigger kind from an <see cref="InvocationRequest"/> (custom-handler-notes §1.3). Each
/// decoder fails with a reason instead of throwing: a malformed payload is answered with a failed
/// invocation the host retries, and the handler keeps running.
/// </summary>
public static class TriggerDecoders
{
    public static bool TryBlob(InvocationRequest request, string bindingName, IEnumerable<string> pathTokens, out BlobTrigger? trigger, out string? error)
    {
        trigger = null;
        if (!request.Data.TryGetValue(bindingName, out var content))
        {
            error = $"invocation has no Data.{bindingName}";
            return false;
        }
        if (!InvocationValues.TryAsBytes(content, out var bytes, out error))
        {
            error = $"Data.{bindingName}: {error}";
            return false;
        }
        var tokens = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var token in pathTokens)
        {
            if (request.Metadata.TryGetValue(token, out var value) && InvocationValues.AsString(value) is { } text)
            {
                tokens[token] = text;
            }
        }
        Uri? uri = null;
        if (request.Metadata.TryGetValue("Uri", out var uriValue) && InvocationValues.AsString(uriValue) is { } uriText)
        {
            Uri.TryCreate(uriText, UriKind.Absolute, out uri);
        }
        string? etag = null;
        long? length = null;
        if (request.Metadata.TryGetValue("Properties", out var props) && InvocationValues.AsJson(props) is { ValueKind: JsonValueKind.Object } properties)
        {
            etag = GetCaseInsensitive(properties, "ETag") is { } e ? InvocationValues.AsString(e) : null;
            length = GetCaseInsensitive(properties, "ContentLength") is { } l ? InvocationValues.AsInt64(l) : null;
        }
        trigger = new BlobTrigger(bytes, tokens, uri, etag, length);
        return true;
    }

    public static bool TryTimer(InvocationRequest request, string bindingName, out TimerTrigger? trigger, out string? error)
    {
        trigger = null;
        if (!request.Data.TryGetValue(bindingName, out var raw) || InvocationValues.AsJson(raw) is not { ValueKind: JsonValueKind.Object } timer)
        {
            error = $"invocation has no timer object in Data.{bindingName}";
            return false;
        }
        var pastDue = GetCaseInsensitive(timer, "IsPastDue") is { } p && (p.ValueKind == JsonValueKind.True || InvocationValues.AsString(p) == "true");
        DateTimeOffset? last = null, next = null;
        if (GetCaseInsensitive(timer, "ScheduleStatus") is { ValueKind: JsonValueKind.Object } status)
        {
            last = ReadDate(GetCaseInsensitive(status, "Last"));
            next = ReadDate(GetCaseInsensitive(status, "Next"));
        }
        trigger = new TimerTrigger(pastDue, last, next);
        error = null;
        return true;
    }

    public static bool TryMessage(InvocationRequest request, string bindingName, out MessageTrigger? trigger, out string? error)
    {
        trigger = null;
        if (!request.Data.TryGetValue(bindingName, out var raw))
        {
            error = $"invocation has no Data.{bindingName}";
            return false;
        }
        // A JSON body may arrive as an object (binding type chosen by the extension) or as double-encoded text.
        var text = raw.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? raw.GetRawText() : InvocationValues.AsString(raw);
        if (text is null)
        {
            error = $"Data.{bindingName} is null";
            return false;
        }
        var count = 1L;
        foreach (var key in new[] { "DeliveryCount", "DequeueCount" })
        {
            if (request.Metadata.TryGetValue(key, out var c) && InvocationValues.AsInt64(c) is { } n)
            {
                count = n;
                break;
            }
        }
        string? id = null;
        foreach (var key in new[] { "MessageId", "Id" })
        {
            if (request.Metadata.TryGetValue(key, out var m) && InvocationValues.AsString(m) is { } s)
            {
                id = s;
                break;
            }
        }
        trigger = new MessageTrigger(text, count, id);
        error = null;
        return true;
    }

    public static bool TryEventGrid(InvocationRequest request, string bindingName, out EventGridTrigger? trigger, out string? error)
    {
        trigger = null;
        if (!request.Data.TryGetValue(bindingName, out var raw) || InvocationValues.AsJson(raw) is not { ValueKind: JsonValueKind.Object } evt)
        {
            error = $"invocation has no event object in Data.{bindingName}";
            return false;
        }
        string? Text(string name) => GetCaseInsensitive(evt, name) is { } v ? InvocationValues.AsString(v) : null;
        var data = GetCaseInsensitive(evt, "data") ?? default;
        trigger = new EventGridTrigger(Text("id"), Text("eventType"), Text("subject"), data.ValueKind == JsonValueKind.Undefined ? default : data.Clone());
        error = null;
        return true;
    }

    public static bool TryHttp(InvocationRequest request, string bindingName, out HttpTrigger? trigger, out string? error)
    {
        trigger = null;
        if (!request.Data.TryGetValue(bindingName, out var raw) || InvocationValues.AsJson(raw) is not { ValueKind: JsonValueKind.Object } http)
        {
            error = $"invocation has no request object in Data.{bindingName}";
            return false;
        }
        var method = GetCaseInsensitive(http, "Method") is { } m ? InvocationValues.AsString(m) : null;
        if (string.IsNullOrEmpty(method))
        {
            error = "HTTP request has no Method";
            return false;
        }
        trigger = new HttpTrigger(
            method,
            GetCaseInsensitive(http, "Url") is { } u ? InvocationValues.AsString(u) : null,
            StringMap(GetCaseInsensitive(http, "Query")),
            HeaderMap(GetCaseInsensitive(http, "Headers")),
            StringMap(GetCaseInsensitive(http, "Params")),
            GetCaseInsensitive(http, "Body") is { } b ? InvocationValues.AsString(b) : null);
        error = null;
        return true;
    }

    private static Dictionary<string, string> StringMap(JsonElement? element)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var p in obj.EnumerateObject())
            {
                map[p.Name] = InvocationValues.AsString(p.Value) ?? "";
            }
        }
        return map;
    }

    private static Dictionary<string, string[]> HeaderMap(JsonElement? element)
    {
        var map = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (element is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var p in obj.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                    ? p.Value.EnumerateArray().Select(v => InvocationValues.AsString(v) ?? "").ToArray()
                    : [InvocationValues.AsString(p.Value) ?? ""];
            }
        }
        return map;
    }

    private static DateTimeOffset? ReadDate(JsonElement? value) =>
        value is { } v && InvocationValues.AsString(v) is { } text &&
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    private static JsonElement? GetCaseInsensitive(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }
        return null;
    }
}
