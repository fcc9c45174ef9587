using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Builds invocation requests exactly as the Functions host encodes them (custom-handler-notes §1.2–1.3):
/// byte arrays as base64; objects as nested JSON; every other scalar JSON-encoded a second time
/// (<c>hello</c> → <c>"\"hello\""</c>, <c>1</c> → <c>"1"</c>); metadata minus keys ending in "trigger";
/// plus <c>sys</c>.
/// </summary>
public static class HostPayloads
{
    /// <summary>A scalar the way the host's <c>JsonConvert.SerializeObject(value)</c> carries it: its JSON text, as a string.</summary>
    public static JsonNode Scalar(string value) => JsonValue.Create(JsonSerializer.Serialize(value))!;

    public static JsonNode Scalar(long value) => JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture))!;

    /// <summary>Dates go through <c>ToString()</c> on the host: ISO-8601, whole seconds.</summary>
    public static JsonNode Date(DateTimeOffset value) => JsonValue.Create(value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss+00:00", System.Globalization.CultureInfo.InvariantCulture))!;

    public static JsonObject Sys(string functionName, DateTimeOffset now) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = Date(now),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    public static JsonObject Blob(string functionName, string bindingName, byte[] content, IReadOnlyDictionary<string, string> pathTokens,
        Uri blobUri, string etag, string? contentType, DateTimeOffset lastModified, DateTimeOffset now)
    {
        var metadata = new JsonObject();
        foreach (var (token, value) in pathTokens)
        {
            metadata[token] = Scalar(value);
        }
        metadata["Uri"] = Scalar(blobUri.AbsoluteUri);
        metadata["Properties"] = new JsonObject
        {
            ["ContentLength"] = content.LongLength,
            ["ContentType"] = contentType,
            ["ETag"] = etag,
            ["LastModified"] = lastModified.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["BlobType"] = "Block",
        };
        metadata["Metadata"] = new JsonObject();
        metadata["sys"] = Sys(functionName, now);
        return new JsonObject
        {
            // Blob content is always base64, whatever dataType says.
            ["Data"] = new JsonObject { [bindingName] = Convert.ToBase64String(content) },
            ["Metadata"] = metadata,
        };
    }

    public static JsonObject Timer(string functionName, string bindingName, bool isPastDue, DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now) => new()
    {
        ["Data"] = new JsonObject
        {
            [bindingName] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = last is null ? null : new JsonObject
                {
                    ["Last"] = last.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["Next"] = next.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["LastUpdated"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                },
                ["IsPastDue"] = isPastDue,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = Sys(functionName, now) },
    };

    /// <summary>A queue message (Storage queues) or Service Bus message: the text double-encoded.</summary>
    public static JsonObject Message(string functionName, string bindingName, string text, string messageId, long deliveryCount, bool serviceBus, DateTimeOffset now)
    {
        var metadata = new JsonObject();
        // The host copies a JSON body's top-level scalar properties into the metadata (before its own keys win or lose).
        try
        {
            if (JsonNode.Parse(text) is JsonObject body)
            {
                foreach (var (key, value) in body)
                {
                    if (value is JsonValue v)
                    {
                        metadata[key] = v.GetValueKind() == JsonValueKind.String ? Scalar(v.GetValue<string>()) : JsonValue.Create(v.ToJsonString());
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing to copy.
        }
        if (serviceBus)
        {
            metadata["DeliveryCount"] = Scalar(deliveryCount);
            metadata["MessageId"] = Scalar(messageId);
            metadata["EnqueuedTimeUtc"] = Date(now);
        }
        else
        {
            metadata["DequeueCount"] = Scalar(deliveryCount);
            metadata["Id"] = Scalar(messageId);
            metadata["InsertionTime"] = Date(now);
        }
        metadata["sys"] = Sys(functionName, now);
        return new JsonObject
        {
            ["Data"] = new JsonObject { [bindingName] = Scalar(text) },
            ["Metadata"] = metadata,
        };
    }
}
