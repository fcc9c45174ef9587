namespace Bankflow.Domain.Files;

/// <summary>The bank file formats Bankflow reads. The wire name is what <c>bankflow parse</c> prints as "format".</summary>
public enum BankFileFormat
{
    Unknown,
    OcrGiro,
    AvtaleGiro,
    Camt053,
    Camt054,
    Pain001,
    Pain002,
}

public static class BankFileFormatNames
{
    public static string WireName(this BankFileFormat format) => format switch
    {
        BankFileFormat.OcrGiro => "ocr-giro",
        BankFileFormat.AvtaleGiro => "avtalegiro",
        BankFileFormat.Camt053 => "camt.053",
        BankFileFormat.Camt054 => "camt.054",
        BankFileFormat.Pain001 => "pain.001",
        BankFileFormat.Pain002 => "pain.002",
        _ => "unknown",
    };
}

/// <summary>What the content of a file says it is. <see cref="Version"/> is the ISO 20022 message version (e.g. "001.02").</summary>
public sealed record DetectedFormat(BankFileFormat Format, string? Version, string? Reason)
{
    /// <summary>1-based line of what <see cref="Reason"/> is about; null when it is about the whole file (empty, only white space).</summary>
    public int? Line { get; init; }

    /// <summary>1-based column on <see cref="Line"/>.</summary>
    public int? Column { get; init; }

    /// <summary>An unrecognised file, for a reason about the whole file (it is empty): there is no place to name.</summary>
    public static DetectedFormat Unknown(string reason) => new(BankFileFormat.Unknown, null, reason);

    /// <summary>An unrecognised file, with the place that made it so (a person looks there first).</summary>
    public static DetectedFormat Unknown(string reason, int line, int column) =>
        new(BankFileFormat.Unknown, null, reason) { Line = line, Column = column };

    /// <summary>The reason with its place in front, as every other finding about a file states it ("line 1, column 4: …").</summary>
    public string? LocatedReason => Reason is not null && Line is { } line ? $"line {line}, column {Column ?? 1}: {Reason}" : Reason;
}
