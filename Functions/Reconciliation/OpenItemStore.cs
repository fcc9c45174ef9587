using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// The OpenItems table: PartitionKey the client id, RowKey the invoice id (key-safe, <see cref="BankEntryStore.KeySafe"/>).
/// The ERP's fields are written by uploads, the settlement fields (<c>SettledOre</c>, <c>Status</c>, <c>ReconciledAt</c>)
/// only by reconciliation runs; each merges its own fields, so neither overwrites the other's.
/// </summary>
public sealed class OpenItemStore(BankflowStorage storage)
{
    private const int MaxTransaction = 100;

    private TableClient Table => storage.Table(StorageNames.OpenItemsTable);

    public static string RowKey(string invoiceId) => BankEntryStore.KeySafe(invoiceId);

    /// <summary>
    /// Writes the items (merge): a new item starts open with nothing settled; an existing one keeps its settlement until the
    /// next run recomputes it. Returns how many were new.
    /// </summary>
    public async Task<int> UpsertAsync(ClientId client, IReadOnlyList<OpenItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(items);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            existing.Add(row.RowKey);
        }
        var created = 0;
        foreach (var chunk in items.Chunk(MaxTransaction))
        {
            var actions = new List<TableTransactionAction>(chunk.Length);
            foreach (var item in chunk)
            {
                var entity = ToEntity(client, item, now);
                if (!existing.Contains(entity.RowKey))
                {
                    // Were another upload to create it between our read and this write, both write "open, nothing settled":
                    // the same, and the run each upload asks for settles it.
                    entity["SettledOre"] = 0L;
                    entity["Status"] = ItemStatus.Open.WireName();
                    created++;
                }
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity));
            }
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        return created;
    }

    public async Task<StoredOpenItem?> GetAsync(ClientId client, string invoiceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, RowKey(invoiceId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
    }

    /// <summary>Removes the item; false when there was none.</summary>
    public async Task<bool> DeleteAsync(ClientId client, string invoiceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await Table.DeleteEntityAsync(client.Value, RowKey(invoiceId), ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Whether the client has any open item at all: reconciliation starts with the first upload.</summary>
    public async Task<bool> AnyAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var _ in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return true;
        }
        return false;
    }

    public async Task<IReadOnlyList<StoredOpenItem>> ListAllAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = new List<StoredOpenItem>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(client, row));
        }
        return list;
    }

    /// <summary>One page of the client's items by invoice id, all or of one status.</summary>
    public Task<TablePage<StoredOpenItem>> ListPageAsync(ClientId client, ItemStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and Status eq {s.WireName()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        return TablePaging.ReadAsync(Table, filter, continuationToken, pageSize, row => FromEntity(client, row), cancellationToken);
    }

    /// <summary>
    /// Writes what a run computed (merge of the settlement fields only). An item deleted meanwhile stays deleted: the
    /// write is an update, and a missing row is skipped.
    /// </summary>
    public async Task SaveSettlementsAsync(ClientId client, IReadOnlyList<ItemSettlement> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settlements);
        foreach (var chunk in settlements.Chunk(MaxTransaction))
        {
            var rows = chunk.Select(s => new TableEntity(client.Value, RowKey(s.Item.InvoiceId))
            {
                ["SettledOre"] = s.Settled.Ore,
                ["Status"] = s.Status.WireName(),
                ["ReconciledAt"] = now,
            }).ToList();
            try
            {
                await Table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, r, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var row in rows)
                {
                    try
                    {
                        await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException one) when (one.Status == 404)
                    {
                        // Deleted since the run read it.
                    }
                }
            }
        }
    }

    private static TableEntity ToEntity(ClientId client, OpenItem item, DateTimeOffset now)
    {
        var entity = new TableEntity(client.Value, RowKey(item.InvoiceId))
        {
            ["InvoiceId"] = item.InvoiceId,
            ["CustomerId"] = item.CustomerId,
            ["CustomerName"] = item.CustomerName,
            ["AmountOre"] = item.Amount.Ore,
            ["Currency"] = item.Currency,
            ["InvoiceDate"] = Day(item.InvoiceDate),
            ["DueDate"] = Day(item.DueDate),
            ["UpdatedAt"] = now,
            // Merge keeps a property the request leaves out: an emptied field is written empty, not left as it was.
            ["InvoiceNumber"] = item.InvoiceNumber ?? "",
            ["Kid"] = item.Kid ?? "",
        };
        return entity;
    }

    private static StoredOpenItem FromEntity(ClientId client, TableEntity row)
    {
        var item = new OpenItem(
            client,
            row.GetString("InvoiceId") ?? row.RowKey,
            row.GetString("CustomerId") ?? "",
            row.GetString("CustomerName") ?? "",
            Optional(row.GetString("InvoiceNumber")),
            Optional(row.GetString("Kid")),
            new Money(row.GetInt64("AmountOre") ?? 0),
            row.GetString("Currency") ?? "NOK",
            ParseDay(row.GetString("InvoiceDate")),
            ParseDay(row.GetString("DueDate")));
        var status = ItemStatusNames.TryParse(row.GetString("Status"), out var parsed) ? parsed : ItemStatus.Open;
        return new StoredOpenItem(item, new Money(row.GetInt64("SettledOre") ?? 0), status, row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
        {
            ReconciledAt = row.GetDateTimeOffset("ReconciledAt"),
        };
    }

    private static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string? text) => DateOnly.ParseExact(text ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
