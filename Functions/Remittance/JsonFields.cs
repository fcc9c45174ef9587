using System.Globalization;
using System.Text.Json;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// Reads a JSON request body field by field and collects one message per offending field, so a caller gets
/// every problem at once (problem+json "errors") instead of a generic "could not bind" answer.
/// Field names are the JSON paths the caller sent ("payments[2].amount").
/// </summary>
public sealed class JsonFields(JsonElement root, string prefix = "")
{
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public bool HasErrors => Errors.Count > 0;

    public JsonElement Root => root;

    public string Name(string field) => prefix + field;

    public void Fail(string field, string message)
    {
        var name = Name(field);
        if (!Errors.TryGetValue(name, out var list))
        {
            Errors[name] = list = [];
        }
        list.Add(message);
    }

    public void Merge(JsonFields other)
    {
        foreach (var (field, messages) in other.Errors)
        {
            if (!Errors.TryGetValue(field, out var list))
            {
                Errors[field] = list = [];
            }
            list.AddRange(messages);
        }
    }

    public Dictionary<string, string[]> ToDictionary() => Errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    private bool TryGet(string field, out JsonElement value)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        return false;
    }

    public bool Has(string field) => TryGet(field, out _);

    public string? String(string field, bool required = false)
    {
        if (!TryGet(field, out var value))
        {
            if (required)
            {
                Fail(field, "is required");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, $"must be a string, found {Describe(value)}");
            return null;
        }
        return value.GetString();
    }

    public bool Bool(string field, bool fallback = false)
    {
        if (!TryGet(field, out var value))
        {
            return fallback;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Fail(field, $"must be true or false, found {Describe(value)}");
        return fallback;
    }

    /// <summary>An enum by name, case-insensitive; the message lists the names allowed.</summary>
    public TEnum Enum<TEnum>(string field, TEnum fallback, bool required = false)
        where TEnum : struct, Enum
    {
        var text = String(field, required);
        if (text is null)
        {
            return fallback;
        }
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !text.Any(char.IsAsciiDigit))
        {
            return parsed;
        }
        Fail(field, $"must be one of {string.Join(", ", System.Enum.GetNames<TEnum>())}, found '{Shorten(text)}'");
        return fallback;
    }

    public DateOnly? Date(string field, bool required = false)
    {
        var text = String(field, required);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Fail(field, $"must be a date as yyyy-MM-dd, found '{Shorten(text)}'");
        return null;
    }

    public DateTimeOffset? Timestamp(string field)
    {
        var text = String(field);
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10))
        {
            return at;
        }
        Fail(field, $"must be an ISO 8601 time with an offset (e.g. 2026-11-23T09:30:00+01:00), found '{Shorten(text)}'");
        return null;
    }

    /// <summary>
    /// A decimal amount in kroner, as a JSON number or a string ("1234.50"). Exponents and values a decimal
    /// cannot hold are refused here; sign, decimals and size are the domain's rules.
    /// </summary>
    public decimal? Amount(string field)
    {
        if (!TryGet(field, out var value))
        {
            Fail(field, "is required");
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (text is null)
        {
            Fail(field, $"must be an amount in kroner such as 1234.50, found {Describe(value)}");
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            Fail(field, $"must be an amount in kroner with '.' as decimal separator (e.g. 1234.50), found '{Shorten(text)}'");
            return null;
        }
        return amount;
    }

    public JsonFields? Object(string field, bool required = false)
    {
        if (!TryGet(field, out var value))
        {
            if (required)
            {
                Fail(field, "is required");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(field, $"must be an object, found {Describe(value)}");
            return null;
        }
        return new JsonFields(value, Name(field) + ".");
    }

    public IReadOnlyList<JsonElement>? Array(string field, bool required = false)
    {
        if (!TryGet(field, out var value))
        {
            if (required)
            {
                Fail(field, "is required");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(field, $"must be an array, found {Describe(value)}");
            return null;
        }
        return value.EnumerateArray().ToList();
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
