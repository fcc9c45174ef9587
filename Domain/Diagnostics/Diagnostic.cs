namespace Bankflow.Domain.Diagnostics;

public enum Severity
{
    /// <summary>Worth a look, but the file is still imported (e.g. a KID check digit fails: Nets has already moved the money).</summary>
    Warning,

    /// <summary>The file cannot be trusted; it is quarantined and nothing from it is imported.</summary>
    Error,
}

/// <summary>
/// One finding about a bank file, precise enough for a person to act on: where (line or element path),
/// which record and field, what was expected and what was found.
/// </summary>
public sealed record Diagnostic(Severity Severity, string Message)
{
    /// <summary>1-based line number, for line-based formats (OCR giro, AvtaleGiro) and XML.</summary>
    public int? Line { get; init; }

    /// <summary>
    /// 1-based column on <see cref="Line"/>, for XML: a file written on one or two lines (common for camt) has
    /// every element on the same line, so the line alone does not say where.
    /// </summary>
    public int? Column { get; init; }

    /// <summary>Element path for XML formats, e.g. <c>/Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Record type for OCR/AvtaleGiro, e.g. "30" (amount item 1).</summary>
    public string? RecordType { get; init; }

    public string? Field { get; init; }

    public string? Expected { get; init; }

    public string? Found { get; init; }

    /// <summary>One line for logs, notifications and stderr: "line 12, record 30, amount: expected …, found …: message".</summary>
    public override string ToString()
    {
        var parts = new List<string>(6);
        if (Line is { } line)
        {
            parts.Add(Column is { } column ? $"line {line}, column {column}" : $"line {line}");
        }
        if (Path is not null)
        {
            parts.Add(Path);
        }
        if (RecordType is not null)
        {
            parts.Add($"record {RecordType}");
        }
        if (Field is not null)
        {
            parts.Add($"field {Field}");
        }
        var where = parts.Count > 0 ? string.Join(", ", parts) + ": " : "";
        var detail = (Expected, Found) switch
        {
            (null, null) => "",
            (not null, null) => $" (expected {Expected})",
            (null, not null) => $" (found {Found})",
            _ => $" (expected {Expected}, found {Found})",
        };
        return $"{Severity.ToString().ToLowerInvariant()}: {where}{Message}{detail}";
    }
}
