using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// End-to-end ids are unique per client, enforced by an index: table <c>PaymentEndToEndIds</c>, PartitionKey client
/// id, RowKey the end-to-end id, naming the batch and the reservation that claimed it. Claiming is an insert, so of two
/// requests racing for an id only one gets it. A row holds its id only while its reservation is alive — the batch's
/// header still carries that reservation and is <c>Created</c> (the id is used) or <c>Creating</c> within the lease
/// (it is being used). Otherwise the row is stale and the next claim takes it over on the row's ETag; a
/// <c>Creating</c> header past its lease is deleted first (on its ETag), so that creation can never commit with the
/// id it lost.
/// </summary>
public sealed partial class PaymentBatchStore
{
    // Up to this many ids are looked up one by one; more read the client's index partition once.
    private const int PointReadLimit = 100;

    private TableClient EndToEndIndex => storage.Table(StorageNames.PaymentEndToEndIdsTable);

    private enum Holding
    {
        /// <summary>The row's reservation is no batch and will never be one: the id is free.</summary>
        Free,

        /// <summary>A committed batch has the id.</summary>
        Used,

        /// <summary>A batch being created has the id.</summary>
        Claimed,

        /// <summary>The row's creation is past its lease: free once its header is gone.</summary>
        Expired,
    }

    private enum Claim
    {
        Ours,
        Held,
        LookAgain,
    }

    /// <summary>
    /// The ids among <paramref name="endToEndIds"/> that a batch of the client uses or is being created with, leaving
    /// out batch <paramref name="exceptBatchId"/> itself (a repeated create is told that its batch id is taken).
    /// A quick answer for the per-payment errors; <see cref="CreateAsync"/> enforces it.
    /// </summary>
    public async Task<HashSet<string>> UsedEndToEndIdsAsync(ClientId client, string exceptBatchId, IEnumerable<string?> endToEndIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
        foreach (var row in await FindIndexRowsAsync(client, endToEndIds, cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("BatchId") != exceptBatchId
                && await HoldingOfAsync(client, row, headers, cancellationToken).ConfigureAwait(false) is (Holding.Used or Holding.Claimed, _))
            {
                used.Add(row.GetString("EndToEndId") ?? "");
            }
        }
        return used;
    }

    /// <summary>The batch ids holding payments with these end-to-end ids (committed batches only).</summary>
    public async Task<IReadOnlyDictionary<string, string>> BatchIdsByEndToEndAsync(ClientId client, IReadOnlySet<string> endToEndIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, TableEntity?>(StringComparer.Ordinal);
        foreach (var row in await FindIndexRowsAsync(client, endToEndIds, cancellationToken).ConfigureAwait(false))
        {
            if (await HoldingOfAsync(client, row, headers, cancellationToken).ConfigureAwait(false) is (Holding.Used, _))
            {
                found[row.GetString("EndToEndId") ?? ""] = row.GetString("BatchId") ?? "";
            }
        }
        return found;
    }

    /// <summary>
    /// Step 2 of a creation: inserts an index row per end-to-end id of the batch, in transactions of up to 100, in
    /// ordinal order (so requests racing for several ids meet at the first). Returns the ids another batch holds —
    /// stopping at the first — or none when every id is the reservation's.
    /// </summary>
    internal async Task<IReadOnlySet<string>> ClaimEndToEndIdsAsync(Reservation reservation, CancellationToken cancellationToken)
    {
        var ids = reservation.Stored.Batch.Payments.Select(p => p.EndToEndId).Order(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(MaxTransaction))
        {
            var pending = chunk.ToList();
            for (var stuck = 0; pending.Count > 0;)
            {
                try
                {
                    var actions = pending.Select(id => new TableTransactionAction(TableTransactionActionType.Add, IndexRow(reservation, id))).ToList();
                    await EndToEndIndex.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    // The transaction wrote nothing. One row exists at least (the service names the first); look at every
                    // one, so a chunk of stale rows (a retried crashed batch) costs one turn, not one per row.
                }
                var before = pending.Count;
                foreach (var id in pending.ToList())
                {
                    switch (await ClaimExistingAsync(reservation, id, cancellationToken).ConfigureAwait(false))
                    {
                        case Claim.Ours:
                            pending.Remove(id);
                            break;
                        case Claim.Held:
                            return new HashSet<string>([id], StringComparer.Ordinal);
                        case Claim.LookAgain:
                            break;
                    }
                }
                stuck = pending.Count < before ? 0 : stuck + 1;
                if (stuck > MaxConflictTurns)
                {
                    return new HashSet<string>([pending[0]], StringComparer.Ordinal); // contested beyond reason: refuse rather than guess
                }
            }
        }
        return new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The id's index row, if there is one: ours already, held by another batch, or stale and taken over on its ETag.</summary>
    private async Task<Claim> ClaimExistingAsync(Reservation reservation, string endToEndId, CancellationToken cancellationToken)
    {
        var client = reservation.Client;
        var existing = await EndToEndIndex.GetEntityIfExistsAsync<TableEntity>(client.Value, BankEntryStore.KeySafe(endToEndId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return Claim.LookAgain; // none (yet): the next insert will tell
        }
        var row = existing.Value!;
        if (row.GetString("BatchId") == reservation.BatchId && row.GetString(ReservationProperty) == reservation.Id)
        {
            return Claim.Ours; // our insert landed; only its answer was lost
        }
        var (holding, header) = await HoldingOfAsync(client, row, new Dictionary<string, TableEntity?>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        try
        {
            switch (holding)
            {
                case Holding.Used or Holding.Claimed:
                    return Claim.Held;
                case Holding.Expired:
                    // End the crashed creation first: with its header gone it can never commit, and its rows are free.
                    await Headers.DeleteEntityAsync(client.Value, header!.RowKey, header.ETag, cancellationToken).ConfigureAwait(false);
                    return Claim.LookAgain;
                default:
                    await EndToEndIndex.UpdateEntityAsync(IndexRow(reservation, endToEndId), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return Claim.Ours;
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return Claim.LookAgain; // the header or the row changed meanwhile
        }
    }

    /// <summary>Whether an index row's reservation still holds its id, judged by that batch's header (read once per batch).</summary>
    private async Task<(Holding Holding, TableEntity? Header)> HoldingOfAsync(ClientId client, TableEntity row, Dictionary<string, TableEntity?> headers, CancellationToken cancellationToken)
    {
        var batchId = row.GetString("BatchId") ?? "";
        if (!headers.TryGetValue(batchId, out var header))
        {
            var response = await Headers.GetEntityIfExistsAsync<TableEntity>(client.Value, BankEntryStore.KeySafe(batchId), cancellationToken: cancellationToken).ConfigureAwait(false);
            header = response.HasValue ? response.Value : null;
            headers[batchId] = header;
        }
        if (header is null || header.GetString(ReservationProperty) != row.GetString(ReservationProperty))
        {
            return (Holding.Free, header);
        }
        return (IsCommitted(header) ? Holding.Used : IsExpired(header) ? Holding.Expired : Holding.Claimed, header);
    }

    /// <summary>The index rows of those ids that have one. Ids no batch could have (empty, over 35 characters) are not looked up.</summary>
    private async Task<IReadOnlyCollection<TableEntity>> FindIndexRowsAsync(ClientId client, IEnumerable<string?> endToEndIds, CancellationToken cancellationToken)
    {
        var wanted = endToEndIds
            .Select(id => id?.Trim())
            .Where(id => id is { Length: > 0 and <= PaymentBatchBuilder.MaxIdLength })
            .Select(id => id!)
            .ToHashSet(StringComparer.Ordinal);
        var rows = new ConcurrentBag<TableEntity>();
        if (wanted.Count <= PointReadLimit)
        {
            await Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
            {
                var response = await EndToEndIndex.GetEntityIfExistsAsync<TableEntity>(client.Value, BankEntryStore.KeySafe(id), cancellationToken: ct).ConfigureAwait(false);
                if (response.HasValue)
                {
                    rows.Add(response.Value!);
                }
            }).ConfigureAwait(false);
            return rows;
        }
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var row in EndToEndIndex.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (wanted.Contains(row.GetString("EndToEndId") ?? ""))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    private static TableEntity IndexRow(Reservation reservation, string endToEndId) => new(reservation.Client.Value, BankEntryStore.KeySafe(endToEndId))
    {
        ["EndToEndId"] = endToEndId,
        ["BatchId"] = reservation.BatchId,
        [ReservationProperty] = reservation.Id,
    };
}
