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
    public static DetectedFormat Unknown(string reason) => new(BankFileFormat.Unknown, null, reason);
}
