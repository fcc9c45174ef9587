using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Reconciliation;

/// <summary>A held lease on a client's reconciliation: the lock row's ETag proves it is still ours when released.</summary>
public sealed record RunLease(ClientId Client, string Holder, ETag ETag);

/// <summary>
/// One reconciliation of a client at a time: the row <c>ReconciliationRuns/{clientId}/lock</c>. Taken by an insert (only one
/// insert of a key succeeds), or — when the holder's lease has run out (a crashed run) — by a replace on the ETag read, so
/// two takers of an expired lease cannot both win. Two runs side by side could each think an item open and both settle it;
/// decisions are also written insert-only, but the lease keeps the runs from deciding on the same state at all.
/// </summary>
public sealed class ReconciliationLock(BankflowStorage storage, TimeProvider time)
{
    /// <summary>Longer than a function may run (host.json functionTimeout 10 minutes): a live run never loses its lease.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private const string RowKey = "lock";

    private TableClient Table => storage.Table(StorageNames.ReconciliationRunsTable);

    /// <summary>The lease, or null when another run holds it.</summary>
    public async Task<RunLease?> TryAcquireAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var holder = Guid.NewGuid().ToString("N");
        var row = new TableEntity(client.Value, RowKey) { ["Holder"] = holder, ["Until"] = time.GetUtcNow() + Lease };
        try
        {
            var added = await Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return new RunLease(client, holder, added.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Held, or left behind by a run that died: read who and until when.
        }
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!current.HasValue)
        {
            return null; // released between our insert and our read: the caller asks again later
        }
        if (current.Value!.GetDateTimeOffset("Until") is { } until && until > time.GetUtcNow())
        {
            return null;
        }
        try
        {
            var taken = await Table.UpdateEntityAsync(row, current.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new RunLease(client, holder, taken.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null; // someone else took over the expired lease first
        }
    }

    /// <summary>Gives the lease back; a lease that ran out and was taken over is left to its new holder.</summary>
    public async Task ReleaseAsync(RunLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            await Table.DeleteEntityAsync(lease.Client.Value, RowKey, lease.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Not ours any more.
        }
    }
}
