using System.Text.Json;
using Bankflow.Domain.Diagnostics;

namespace Bankflow.LocalHost.Parse;

/// <summary>What every parse output ends with: the verdict and the diagnostics.</summary>
internal static class DiagnosticJson
{
    /// <summary>
    /// <c>"valid"</c> (false when any diagnostic is an error) and the <c>"diagnostics"</c> array. The document is
    /// streamed, so an invalid file still prints everything read before and after the problem: "valid" says
    /// whether that output may be trusted, without reading the exit code.
    /// </summary>
    public static void WriteVerdict(Utf8JsonWriter json, IReadOnlyList<Diagnostic> diagnostics)
    {
        var valid = true;
        foreach (var d in diagnostics)
        {
            valid &= d.Severity != Severity.Error;
        }
        json.WriteBoolean("valid", valid);
        WriteArray(json, diagnostics);
    }

    private static void WriteArray(Utf8JsonWriter json, IEnumerable<Diagnostic> diagnostics)
    {
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("severity", d.Severity == Severity.Error ? "error" : "warning");
            WriteIfSet(json, "line", d.Line);
            WriteIfSet(json, "column", d.Column);
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
