using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Banking;

/// <summary>
/// The BankEntries table: every channel's transactions in one normalised shape. PartitionKey
/// <c>{clientId}|{account}|{yyyyMM}</c> (one account's month: the reconciliation working set), RowKey the entry's
/// stable id. Writes are upserts in entity-group transactions of up to 100 per partition, so importing the
/// same file again — or retrying after a crash halfway — rewrites the same rows and adds none.
/// </summary>
public sealed class BankEntryStore(BankflowStorage storage)
{
    private const int MaxBatch = 100;

    private TableClient Table => storage.Table(StorageNames.BankEntriesTable);

    public static string PartitionKey(ClientId client, string account, DateOnly bookingDate) =>
        string.Create(CultureInfo.InvariantCulture, $"{client.Value}|{KeySafe(account)}|{bookingDate:yyyyMM}");

    /// <summary>Writes the entries (upsert); returns how many rows were written.</summary>
    public async Task<int> UpsertAsync(ClientId client, string sourceImportId, IReadOnlyList<BankEntry> entries, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var partition in entries.GroupBy(e => PartitionKey(client, e.Account, e.BookingDate)))
        {
            // The same id twice in one file would be one row; the last wins, as a re-import would do.
            var rows = partition.GroupBy(e => KeySafe(e.EntryId)).Select(g => g.Last()).ToList();
            foreach (var chunk in rows.Chunk(MaxBatch))
            {
                var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition.Key, e, sourceImportId))).ToList();
                await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                written += actions.Count;
            }
        }
        return written;
    }

    /// <summary>One account's entries in one month (the client id is part of the key: no other client's rows can appear).</summary>
    public async Task<IReadOnlyList<TableEntity>> ListAsync(ClientId client, string account, DateOnly month, CancellationToken cancellationToken)
    {
        var list = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(client, account, month)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(row);
        }
        return list;
    }

    private static TableEntity ToEntity(string partitionKey, BankEntry e, string sourceImportId)
    {
        var entity = new TableEntity(partitionKey, KeySafe(e.EntryId))
        {
            ["EntryId"] = e.EntryId,
            ["Channel"] = e.Channel.ToString(),
            ["Account"] = e.Account,
            ["BookingDate"] = e.BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["AmountOre"] = e.Amount.Ore,
            ["Currency"] = e.Currency,
            ["SourceImport"] = sourceImportId,
        };
        if (e.ValueDate is { } valueDate)
        {
            entity["ValueDate"] = valueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        Set(entity, "Kid", e.Kid);
        Set(entity, "CounterpartyAccount", e.CounterpartyAccount);
        Set(entity, "CounterpartyName", e.CounterpartyName);
        Set(entity, "ArchiveReference", e.ArchiveReference);
        Set(entity, "EndToEndId", e.EndToEndId);
        Set(entity, "Text", e.Text);
        Set(entity, "BankTransactionCode", e.BankTransactionCode);
        Set(entity, "BatchReference", e.BatchReference);
        if (e.IsReversal)
        {
            entity["IsReversal"] = true;
        }
        if (e.IsBatchTotal)
        {
            entity["IsBatchTotal"] = true;
        }
        return entity;
    }

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            // Table strings hold at most 32 K characters; bank texts are far shorter, but never fail on it.
            entity[name] = TableLimits.Clip(value);
        }
    }

    /// <summary>
    /// Table keys may not hold <c>/ \ # ?</c>, control characters or (for us) '%' and '|' unescaped; bank
    /// references can. Percent-encode exactly those, so the key stays readable and deterministic. A value too long
    /// for a key (a broken or hostile file's reference or account) is shortened with a hash (<see cref="TableLimits.BoundKeyPart"/>).
    /// </summary>
    public static string KeySafe(string value) => TableLimits.BoundKeyPart(Escape(value), value);

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
