using System.Globalization;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Intake;

/// <summary>What asking for a retry of an import came to.</summary>
public enum RetryOutcome
{
    /// <summary>The archived bytes are back in the inbox; ImportBankFile decides again.</summary>
    Queued,
    NotFound,
    /// <summary>Only a quarantined import can be retried (an imported one is done; a received one is in progress).</summary>
    NotQuarantined,
    /// <summary>The archived copy is missing: nothing to retry from (should never happen: the archive is create-only).</summary>
    ArchiveMissing,
}

/// <summary>
/// Retries a quarantined import from its archived bytes — for files quarantined by a passing cause, such as an
/// import that failed every retry during a storage outage. The record goes back to Received (its receipt time,
/// and so its archive path, unchanged) and the archived bytes go into <c>inbox/{client}/retry/</c> under a new
/// name, so the blob trigger fires again. Nothing is deleted: the quarantine copy and its reason stay.
/// </summary>
public sealed class RetryImportUseCase(FileImportStore imports, RawFileStore files, TimeProvider time)
{
    public const string Channel = "retry";

    public async Task<RetryOutcome> RunAsync(ClientId client, string sha256, string requestedBy, CancellationToken cancellationToken)
    {
        var record = await imports.GetAsync(client, sha256, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return RetryOutcome.NotFound;
        }
        if (record.Status != FileImportStatus.Quarantined)
        {
            return RetryOutcome.NotQuarantined;
        }
        var content = await files.FindArchivedAsync(RawFileStore.ArchivePath(client, record.ReceivedAt, sha256), cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return RetryOutcome.ArchiveMissing;
        }
        var now = time.GetUtcNow();
        await imports.SaveAsync(record with
        {
            Status = FileImportStatus.Received,
            Reason = $"retry requested by {requestedBy} at {now.ToString("O", CultureInfo.InvariantCulture)}; previously: {record.Reason}",
            CompletedAt = null,
            // Free for the next attempt to claim (ImportClaim).
            ClaimId = null,
            ClaimedUntil = null,
        }, cancellationToken).ConfigureAwait(false);
        var name = $"{sha256[..16]}-{now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}-{record.FileName ?? "file"}";
        // Streamed from the archive into the inbox: never the whole file in memory.
        await using var archived = await content.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await files.PutInboxAsync($"{client.Value}/{Channel}/{name}", archived, new Dictionary<string, string>
        {
            ["sha256"] = sha256,
            ["retryOf"] = sha256,
        }, cancellationToken).ConfigureAwait(false);
        return RetryOutcome.Queued;
    }
}
