using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Intake;

/// <summary>What one look at a file's FileImports row came to when an attempt tried to claim its import.</summary>
public enum ClaimLook
{
    /// <summary>The attempt holds the import now (it inserted the row, took over a free one, or held it already).</summary>
    Claimed,

    /// <summary>The import is Imported or Quarantined: nothing to claim.</summary>
    Decided,

    /// <summary>Another attempt holds it, until <see cref="FileImportRecord.ClaimedUntil"/> unless it renews.</summary>
    Busy,
}

/// <summary>A look at the row: the outcome, the record as stored (or as inserted) and the row's ETag.</summary>
public sealed record ClaimResult(ClaimLook Look, FileImportRecord Record, ETag ETag);

/// <summary>
/// Claims on a FileImports row, by ETag: a Received row names the attempt that holds it (<c>ClaimId</c>) and until when
/// (<c>ClaimedUntil</c>). Every write is conditional — insert-only, or If-Match on the ETag just read — so of two
/// attempts only one can hold a row, and one whose answer was lost (the SDK retried a write that had landed and met
/// the conflict it caused itself) finds its own claim id and carries on.
/// </summary>
public sealed partial class FileImportStore
{
    // Each turn of a claim loop means another attempt changed the row meanwhile; past this many, something is wrong.
    private const int MaxClaimTurns = 20;

    /// <summary>
    /// One try to claim the import of <paramref name="first"/>'s file for <paramref name="claimId"/> until
    /// <paramref name="until"/>: inserts the Received row with the claim at first sight, or takes over a Received row
    /// whose claim is absent or past <paramref name="now"/> (its receipt time, and so its archive path, kept).
    /// </summary>
    public async Task<ClaimResult> TryClaimAsync(FileImportRecord first, string claimId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        for (var turn = 0; turn < MaxClaimTurns; turn++)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(first.Client.Value, first.Sha256, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue)
            {
                var mine = first with { Status = FileImportStatus.Received, ClaimId = claimId, ClaimedUntil = until };
                try
                {
                    var added = await Table.AddEntityAsync(ToEntity(mine), cancellationToken).ConfigureAwait(false);
                    return new ClaimResult(ClaimLook.Claimed, mine, added.Headers.ETag ?? default);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    continue; // another attempt inserted it first — or ours landed and only its answer was lost: look again
                }
            }
            var entity = current.Value!;
            var record = FromEntity(first.Client, entity);
            if (record.Status != FileImportStatus.Received)
            {
                return new ClaimResult(ClaimLook.Decided, record, entity.ETag);
            }
            if (record.ClaimId == claimId)
            {
                return new ClaimResult(ClaimLook.Claimed, record, entity.ETag);
            }
            if (record.ClaimId is not null && record.ClaimedUntil is { } held && held > now)
            {
                return new ClaimResult(ClaimLook.Busy, record, entity.ETag);
            }
            var taken = record with { ClaimId = claimId, ClaimedUntil = until };
            try
            {
                var updated = await Table.UpdateEntityAsync(ToEntity(taken), entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new ClaimResult(ClaimLook.Claimed, taken, updated.Headers.ETag ?? default);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed meanwhile (taken over, decided, or our own update landed without its answer): look again.
            }
        }
        throw new InvalidOperationException($"the import record {first.Sha256} of client {first.Client} kept changing under {MaxClaimTurns} claim attempts");
    }

    /// <summary>
    /// Extends a held claim to <paramref name="until"/> on its ETag; returns the row's new ETag, or null when the claim
    /// is no longer this attempt's (taken over after it expired, or decided by another).
    /// </summary>
    public async Task<ETag?> RenewClaimAsync(ClientId client, string sha256, string claimId, ETag etag, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var patch = new TableEntity(client.Value, sha256) { ["ClaimedUntil"] = until };
            var response = await Table.UpdateEntityAsync(patch, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Our own earlier renewal may have landed without its answer: still ours if the row still names us.
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, sha256, cancellationToken: cancellationToken).ConfigureAwait(false);
            return current.HasValue && IsHeldBy(current.Value!, claimId) ? current.Value!.ETag : null;
        }
    }

    /// <summary>
    /// Writes the decided record (Imported or Quarantined: the commit marker) if the row is still held by the record's
    /// <see cref="FileImportRecord.ClaimId"/>. True when it is written — also when an earlier try of this very write
    /// landed without its answer; false when another attempt took the import over (this attempt's outcome is dropped).
    /// </summary>
    public async Task<bool> CommitAsync(FileImportRecord decided, ETag etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        if (decided.Status == FileImportStatus.Received || decided.ClaimId is null)
        {
            throw new ArgumentException("only a decided record of a claimed import is committed", nameof(decided));
        }
        var final = decided with { ClaimedUntil = null };
        for (var turn = 0; turn < MaxClaimTurns; turn++)
        {
            try
            {
                await Table.UpdateEntityAsync(ToEntity(final), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                var current = await Table.GetEntityIfExistsAsync<TableEntity>(decided.Client.Value, decided.Sha256, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!current.HasValue || current.Value!.GetString("ClaimId") != decided.ClaimId)
                {
                    return false;
                }
                if (current.Value.GetString("Status") == decided.Status.ToString())
                {
                    return true; // this commit landed; only its answer was lost
                }
                // Still ours and Received: a renewal of ours changed the ETag without our knowing. Commit on the new one.
                etag = current.Value.ETag;
            }
        }
        throw new InvalidOperationException($"the import record {decided.Sha256} of client {decided.Client} kept changing under {MaxClaimTurns} commit attempts");
    }

    private static bool IsHeldBy(TableEntity row, string claimId) =>
        row.GetString("ClaimId") == claimId && row.GetString("Status") == nameof(FileImportStatus.Received);
}
