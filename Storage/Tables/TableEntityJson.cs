using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace Bankflow.Storage.Tables;

/// <summary>
/// The OData JSON shape of an entity. Writing annotates every type JSON cannot carry unambiguously
/// (<c>Prop@odata.type</c>: Edm.Int64 as a string, Edm.Double always, Edm.DateTime, Edm.Guid, Edm.Binary);
/// reading expects <c>odata=minimalmetadata</c>, which annotates the same types on the way back.
/// </summary>
internal static class TableEntityJson
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Checks keys and property count, then serialises; throws ArgumentException naming <paramref name="parameterName"/>.</summary>
    public static byte[] Serialize(TableEntity entity, string parameterName)
    {
        Validate(entity, parameterName);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, entity);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void Validate(TableEntity? entity, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(entity, parameterName);
        TableKeys.Validate(entity.PartitionKey, "PartitionKey", parameterName);
        TableKeys.Validate(entity.RowKey, "RowKey", parameterName);
        if (entity.Count > TableEntity.MaxCustomProperties)
        {
            throw new ArgumentException(
                $"an entity may hold at most {TableEntity.MaxCustomProperties} custom properties; found {entity.Count}", parameterName);
        }
    }

    private static void Write(Utf8JsonWriter json, TableEntity entity)
    {
        json.WriteStartObject();
        json.WriteString("PartitionKey", entity.PartitionKey);
        json.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            switch (value)
            {
                case string s:
                    json.WriteString(name, s);
                    break;
                case int i:
                    json.WriteNumber(name, i);
                    break;
                case long l:
                    Annotate(json, name, "Edm.Int64");
                    json.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                    break;
                case bool b:
                    json.WriteBoolean(name, b);
                    break;
                case double d:
                    // Annotated so 3.0 stays a double instead of becoming Edm.Int32.
                    Annotate(json, name, "Edm.Double");
                    if (double.IsFinite(d))
                    {
                        json.WriteNumber(name, d);
                    }
                    else
                    {
                        // Only reachable for a row read from the service and written back; OData spells these as strings.
                        json.WriteString(name, d.ToString(CultureInfo.InvariantCulture));
                    }
                    break;
                case DateTimeOffset t:
                    Annotate(json, name, "Edm.DateTime");
                    json.WriteString(name, FormatDateTime(t));
                    break;
                case Guid g:
                    Annotate(json, name, "Edm.Guid");
                    json.WriteString(name, g.ToString("D"));
                    break;
                case byte[] bytes:
                    Annotate(json, name, "Edm.Binary");
                    json.WriteBase64String(name, bytes);
                    break;
                default:
                    // TableEntity's setter refuses every other type.
                    throw new InvalidOperationException($"unsupported property type {value.GetType().Name}");
            }
        }
        json.WriteEndObject();
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static void Annotate(Utf8JsonWriter json, string name, string edmType) =>
        json.WriteString(name + "@odata.type", edmType);

    /// <summary>Reads one entity object; <paramref name="etagHeader"/> wins over <c>odata.etag</c> (both are the same value).</summary>
    public static TableEntity Read(JsonElement element, string? etagHeader = null)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith("@odata.type", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types[property.Name[..^"@odata.type".Length]] = property.Value.GetString()!;
            }
        }

        var entity = new TableEntity();
        string? etag = etagHeader;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (name == "odata.etag")
            {
                etag ??= value.GetString();
                continue;
            }
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            switch (name)
            {
                case "PartitionKey":
                    entity.PartitionKey = value.GetString() ?? "";
                    continue;
                case "RowKey":
                    entity.RowKey = value.GetString() ?? "";
                    continue;
                case "Timestamp":
                    entity.Timestamp = ParseDateTime(value.GetString()!);
                    continue;
            }
            entity.SetFromService(name, ReadValue(name, value, types.GetValueOrDefault(name)));
        }
        if (etag is not null)
        {
            entity.ETag = new ETag(etag);
        }
        return entity;
    }

    private static object ReadValue(string name, JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => long.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble(),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString()!,
        null => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Unannotated numbers: integral ones are Edm.Int32, the rest Edm.Double (the service annotates Int64).
            JsonValueKind.Number => value.TryGetInt32(out var i) && !value.GetRawText().Contains('.', StringComparison.Ordinal)
                ? (object)i
                : (object)value.GetDouble(),
            _ => throw new FormatException($"property '{name}': unexpected JSON {value.ValueKind}"),
        },
        _ => throw new FormatException($"property '{name}': unsupported type {edmType}"),
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
