using System.Text.Json;

namespace Bankflow.Functions.Invocation;

/// <summary>
/// Reads values in the host's encoding (custom-handler-notes §1.2): byte arrays arrive as base64; objects as
/// JSON objects; every other scalar is JSON-encoded a second time (<c>hello</c> → <c>"\"hello\""</c>,
/// <c>1</c> → <c>"1"</c>). Tolerant of both the double-encoded and the plain form, since the Learn docs
/// show plain values and a future host may send them.
/// </summary>
public static class InvocationValues
{
    /// <summary>A text value: unwraps JSON string literals nested inside strings; numbers and booleans as their text.</summary>
    public static string? AsString(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                var text = value.GetString()!;
                // Unwrap while the content is itself a JSON string literal ("\"hello\"" → "hello").
                for (var depth = 0; depth < 4 && text.Length >= 2 && text[0] == '"' && text[^1] == '"'; depth++)
                {
                    try
                    {
                        text = JsonSerializer.Deserialize<string>(text) ?? text;
                    }
                    catch (JsonException)
                    {
                        break;
                    }
                }
                return text;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return value.GetRawText();
            default:
                return value.GetRawText();
        }
    }

    /// <summary>
    /// A JSON object or array value: accepts it directly, or as a (possibly double-encoded) string holding JSON.
    /// Null when the value holds no JSON structure.
    /// </summary>
    public static JsonElement? AsJson(JsonElement value)
    {
        var current = value;
        for (var depth = 0; depth < 4; depth++)
        {
            if (current.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return current;
            }
            if (current.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            try
            {
                using var doc = JsonDocument.Parse(current.GetString()!);
                current = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>Binary content (blob trigger, binary bindings): base64, possibly wrapped as a JSON string literal.</summary>
    public static bool TryAsBytes(JsonElement value, out byte[] bytes, out string? error)
    {
        bytes = [];
        if (value.ValueKind != JsonValueKind.String)
        {
            error = $"expected base64 text, found a JSON {value.ValueKind}";
            return false;
        }
        var text = value.GetString()!;
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = AsString(value)!;
        }
        try
        {
            bytes = Convert.FromBase64String(text);
            error = null;
            return true;
        }
        catch (FormatException)
        {
            error = "content is not valid base64";
            return false;
        }
    }

    /// <summary>An integer value such as <c>DequeueCount</c> (arrives as <c>"1"</c>).</summary>
    public static long? AsInt64(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }
        return long.TryParse(AsString(value), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }
}
