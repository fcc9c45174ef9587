using Bankflow.Domain.Values;

namespace Bankflow.Functions.Intake;

public enum FileImportStatus
{
    /// <summary>Seen and archived; parsing has not committed (yet). A crash leaves this state; a retry finishes it.</summary>
    Received,

    /// <summary>Parsed and stored; the commit marker.</summary>
    Imported,

    /// <summary>Refused with a reason; the bytes are in quarantine.</summary>
    Quarantined,
}

/// <summary>
/// One received file (table FileImports, PartitionKey client id, RowKey SHA-256 hex = the import id).
/// A file's identity is its bytes: the same bytes for the same client are one import, whatever their name.
/// </summary>
public sealed record FileImportRecord(ClientId Client, string Sha256, FileImportStatus Status, DateTimeOffset ReceivedAt)
{
    public string? FileName { get; init; }
    public string? Channel { get; init; }
    public long Size { get; init; }
    public string? Format { get; init; }
    public string? FormatVersion { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public int EntryCount { get; init; }
    public int WarningCount { get; init; }
    public string? ArchivePath { get; init; }
    public string? QuarantinePath { get; init; }

    /// <summary>
    /// The attempt that holds (while <see cref="Status"/> is Received) or decided (after) this import: one import of a
    /// file runs at a time (<see cref="ImportClaim"/>). Null for a record no attempt has claimed yet.
    /// </summary>
    public string? ClaimId { get; init; }

    /// <summary>Until when <see cref="ClaimId"/> holds a Received import unless renewed; past it another attempt may take over.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>Id of the event announcing the outcome; the same on every retry so consumers can dedupe.</summary>
    public string EventId => $"{Client.Value}:{Sha256}";
}
