namespace Bankflow.Functions.Intake;

/// <summary>Intake limits, from configuration section <c>Bankflow:Intake</c>.</summary>
public sealed class IntakeOptions
{
    /// <summary>
    /// Largest upload accepted through the HTTP API (413 above it; the Functions host caps requests at 100 MB). Files
    /// that arrive in the inbox are streamed and have no such limit, except for formats read whole (below).
    /// </summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Largest file of a format whose reader needs every byte in memory (Nets OCR giro and AvtaleGiro: their records
    /// are validated against each other). Larger ones are quarantined with that reason. camt and pain are read as
    /// streams and need no limit.
    /// </summary>
    public long MaxBufferedFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// How long an import attempt's claim on a file holds without renewal (<see cref="ImportClaim"/>); renewed every
    /// third of it while the import runs. After a crash, another attempt may take the file over once it has passed.
    /// </summary>
    public TimeSpan ImportClaimDuration { get; set; } = TimeSpan.FromSeconds(30);
}
