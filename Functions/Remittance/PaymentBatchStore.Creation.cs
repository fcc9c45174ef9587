using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// Creating a batch so that no race and no crash can change what a batch holds — by the order of conditional
/// writes, not by timing:
/// <list type="number">
/// <item>Reserve the batch id: the header, insert-only, in state <c>Creating</c> with a fresh reservation id. Only one
/// request can insert it; the others are told the id is used (or being created).</item>
/// <item>Claim every end-to-end id: an index row per id, insert-only (PaymentBatchStore.EndToEndIds.cs). An id another
/// batch holds refuses the batch.</item>
/// <item>Write the payment rows under keys that carry the reservation id.</item>
/// <item>Commit: the header to <c>Created</c>, on the condition that it still has the reservation's ETag.</item>
/// </list>
/// Reads take a header only when <c>Created</c> and only its reservation's rows, so a loser's or a crashed request's
/// rows are never part of a batch. A request that fails after step 1 deletes its header (on its ETag); a crashed one
/// leaves it <c>Creating</c>, and once that is older than <see cref="CreationLease"/> the next request for the batch
/// id (or for one of its end-to-end ids) takes it over. Taking over changes the header's ETag or deletes it, so the
/// crashed request — should it be merely slow — can never commit afterwards.
/// </summary>
public sealed partial class PaymentBatchStore
{
    /// <summary>
    /// How long a creation may hold a batch id and its end-to-end ids before another request may take them over. A
    /// batch of 9,999 payments is about 20,000 rows: seconds in Azure, well under a minute on Azurite.
    /// </summary>
    public static readonly TimeSpan CreationLease = TimeSpan.FromMinutes(10);

    private const string ReservedAtProperty = "ReservedAt";

    // Each turn of a conflict loop means another request changed a row meanwhile; past this many, give up on it.
    private const int MaxConflictTurns = 20;

    // Releasing after a failure or a cancelled request gets its own time: the request's token may be the reason.
    private static readonly TimeSpan ReleaseTime = TimeSpan.FromSeconds(15);

    /// <summary>Stores a new batch (see the type's remarks); <see cref="BatchCreation.Batch"/> carries its reservation and ETag.</summary>
    public async Task<BatchCreation> CreateAsync(StoredBatch stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (reservation, refusal) = await ReserveAsync(stored, cancellationToken).ConfigureAwait(false);
        if (reservation is null)
        {
            return BatchCreation.Refused(refusal);
        }
        var committed = false;
        try
        {
            var used = await ClaimEndToEndIdsAsync(reservation, cancellationToken).ConfigureAwait(false);
            if (used.Count > 0)
            {
                return BatchCreation.EndToEndIdsUsed(used);
            }
            await SavePaymentsAsync(reservation.Stored, reservation.Stored.Batch.Payments, reservation.Stored.Batch.CreatedAt, cancellationToken).ConfigureAwait(false);
            var created = await CommitAsync(reservation, cancellationToken).ConfigureAwait(false);
            committed = created is not null;
            if (created is null)
            {
                return BatchCreation.Refused(BatchCreationStatus.TakenOver);
            }
            if (reservation.Replaced is { } crashed)
            {
                await DeleteRowsAsync(stored.Batch.ClientId, stored.Batch.BatchId, crashed, cancellationToken).ConfigureAwait(false);
            }
            return BatchCreation.Done(created);
        }
        finally
        {
            if (!committed)
            {
                await ReleaseAsync(reservation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A creation's hold on a batch id: the batch as it will be stored and the header's ETag.</summary>
    internal sealed record Reservation(StoredBatch Stored, ETag ETag, string? Replaced)
    {
        public ClientId Client => Stored.Batch.ClientId;

        public string BatchId => Stored.Batch.BatchId;

        public string Id => Stored.Reservation;
    }

    /// <summary>Step 1: the header, insert-only, <c>Creating</c>; or an expired <c>Creating</c> header taken over on its ETag.</summary>
    internal async Task<(Reservation? Held, BatchCreationStatus Refusal)> ReserveAsync(StoredBatch stored, CancellationToken cancellationToken)
    {
        var mine = stored with { Reservation = NewReservationId() };
        var entity = ToHeader(mine);
        entity[StateProperty] = Creating;
        entity[ReservedAtProperty] = time.GetUtcNow();
        var client = stored.Batch.ClientId.Value;
        var key = BankEntryStore.KeySafe(stored.Batch.BatchId);
        for (var turn = 0; turn < MaxConflictTurns; turn++)
        {
            try
            {
                var added = await Headers.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return (new Reservation(mine, added.Headers.ETag ?? default, null), default);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Someone's header is there; look at it below.
            }
            var existing = await Headers.GetEntityIfExistsAsync<TableEntity>(client, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                continue; // released meanwhile
            }
            var header = existing.Value!;
            if (header.GetString(ReservationProperty) == mine.Reservation)
            {
                return (new Reservation(mine, header.ETag, null), default); // our insert landed; only its answer was lost
            }
            if (IsCommitted(header))
            {
                return (null, BatchCreationStatus.BatchIdUsed);
            }
            if (!IsExpired(header))
            {
                return (null, BatchCreationStatus.BatchIdBeingCreated);
            }
            try
            {
                var replaced = await Headers.UpdateEntityAsync(entity, header.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (new Reservation(mine, replaced.Headers.ETag ?? default, header.GetString(ReservationProperty)), default);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Another request took it over or released it first: look again.
            }
        }
        return (null, BatchCreationStatus.BatchIdBeingCreated);
    }

    /// <summary>Step 4: <c>Created</c>, only if the header is still the reservation's; null when it was taken over.</summary>
    internal async Task<StoredBatch?> CommitAsync(Reservation reservation, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Headers.UpdateEntityAsync(ToHeader(reservation.Stored), reservation.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return reservation.Stored with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Our commit may have landed while its answer was lost (the SDK's retry then meets the ETag it changed itself):
            // a Created header with our reservation id can only be our commit — a takeover replaces the reservation id.
            var current = await Headers.GetEntityIfExistsAsync<TableEntity>(reservation.Client.Value, BankEntryStore.KeySafe(reservation.BatchId), cancellationToken: cancellationToken).ConfigureAwait(false);
            return current.HasValue && IsCommitted(current.Value!) && current.Value!.GetString(ReservationProperty) == reservation.Id
                ? reservation.Stored with { ETag = current.Value.ETag }
                : null;
        }
    }

    /// <summary>
    /// Frees the batch id of a creation that did not commit: the header is deleted on the reservation's ETag (so a
    /// header that committed or was taken over meanwhile stays). Its index rows need no deleting — they name a
    /// reservation no header holds, which makes them free. Its payment rows are removed as a courtesy.
    /// </summary>
    private async Task ReleaseAsync(Reservation reservation)
    {
        using var release = new CancellationTokenSource(ReleaseTime);
        try
        {
            await Headers.DeleteEntityAsync(reservation.Client.Value, BankEntryStore.KeySafe(reservation.BatchId), reservation.ETag, release.Token).ConfigureAwait(false);
            await DeleteRowsAsync(reservation.Client, reservation.BatchId, reservation.Id, release.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsGiveUp(ex))
        {
            // The header stays Creating and expires after the lease; its rows are never read either way.
        }
    }

    /// <summary>Removes the payment rows written under a reservation that is no batch (best effort: they are never read).</summary>
    private async Task DeleteRowsAsync(ClientId client, string batchId, string reservation, CancellationToken cancellationToken)
    {
        var prefix = PaymentRowPrefix(batchId, reservation);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and RowKey gt {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var keys = new List<string>();
        try
        {
            await foreach (var row in Rows.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                keys.Add(row.RowKey);
            }
            foreach (var chunk in keys.Chunk(MaxTransaction))
            {
                await Rows.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(client.Value, k), ETag.All)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsGiveUp(ex))
        {
            // Another cleanup got there first, storage is busy, or the request ended: the rows stay unread garbage.
        }
    }

    /// <summary>What a best-effort cleanup gives up on: a refusal, the deadline, or Azure.Core's retries all failing.</summary>
    private static bool IsGiveUp(Exception ex) => ex is RequestFailedException or OperationCanceledException or AggregateException;

    /// <summary>A <c>Creating</c> header older than the lease: its request crashed (or is hopelessly late).</summary>
    private bool IsExpired(TableEntity header) =>
        header.GetString(StateProperty) == Creating
        && (header.GetDateTimeOffset(ReservedAtProperty) ?? DateTimeOffset.MinValue) + CreationLease <= time.GetUtcNow();

    /// <summary>64 random bits in hex: unique per batch id for all practical purposes, and short in every row key.</summary>
    private static string NewReservationId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
