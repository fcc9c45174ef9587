using System.Text.Json;
using Bankflow.Domain.Diagnostics;

namespace Bankflow.LocalHost.Parse;

/// <summary>The "diagnostics" array every parse output ends with.</summary>
internal static class DiagnosticJson
{
    public static void WriteArray(Utf8JsonWriter json, IEnumerable<Diagnostic> diagnostics)
    {
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("severity", d.Severity == Severity.Error ? "error" : "warning");
            WriteIfSet(json, "line", d.Line);
            WriteIfSet(json, "path", d.Path);
            WriteIfSet(json, "recordType", d.RecordType);
            WriteIfSet(json, "field", d.Field);
            WriteIfSet(json, "expected", d.Expected);
            WriteIfSet(json, "found", d.Found);
            json.WriteString("message", d.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
