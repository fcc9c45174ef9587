using System.Globalization;
using Azure.Data.Tables;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Banking;

/// <summary>
/// Statements and their balances per account (tables Statements and StatementBalances, PartitionKey
/// <c>{clientId}|{account}</c>). Statement rows sort by date then sequence number, so the previous statement of
/// an account is the greatest row key below a statement's own — the continuity check's input.
/// </summary>
public sealed class StatementStore(BankflowStorage storage)
{
    private TableClient Statements => storage.Table(StorageNames.StatementsTable);

    private TableClient Balances => storage.Table(StorageNames.StatementBalancesTable);

    public static string PartitionKey(ClientId client, string account) => $"{client.Value}|{BankEntryStore.KeySafe(account)}";

    public static string RowKey(StatementSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Date ?? DateOnly.MinValue:yyyyMMdd}|{s.SequenceNumber ?? 0:D12}|{BankEntryStore.KeySafe(s.StatementId)}");

    /// <summary>The latest statement stored before <paramref name="next"/> for the same account, if any.</summary>
    public async Task<StatementSnapshot?> PreviousAsync(ClientId client, StatementSnapshot next, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(client, next.Account)} and RowKey lt {RowKey(next)}");
        TableEntity? last = null;
        await foreach (var row in Statements.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            last = row; // rows come in row-key order: the last one is the closest before
        }
        return last is null ? null : FromEntity(next.Account, last);
    }

    public async Task SaveAsync(ClientId client, string sourceImportId, StatementSnapshot statement, IReadOnlyList<StatementBalance> balances, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PartitionKey(client, statement.Account), RowKey(statement))
        {
            ["StatementId"] = TableLimits.Clip(statement.StatementId),
            ["SourceImport"] = sourceImportId,
        };
        if (statement.SequenceNumber is { } seq)
        {
            row["SequenceNumber"] = seq;
        }
        if (statement.Date is { } date)
        {
            row["Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (statement.Opening is { } opening)
        {
            row["OpeningOre"] = opening.Ore;
        }
        if (statement.Closing is { } closing)
        {
            row["ClosingOre"] = closing.Ore;
        }
        if (statement.Currency is { } currency)
        {
            row["Currency"] = TableLimits.Clip(currency);
        }
        await Statements.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        var actions = balances
            .GroupBy(b => BalanceRowKey(b))
            .Select(g => g.Last())
            .Select(b => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(PartitionKey(client, b.Account), BalanceRowKey(b))
            {
                ["Type"] = TableLimits.Clip(b.Type),
                ["Date"] = b.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["AmountOre"] = b.Amount.Ore,
                ["Currency"] = TableLimits.Clip(b.Currency),
                ["StatementId"] = TableLimits.Clip(b.StatementId),
                ["SourceImport"] = sourceImportId,
            }))
            .ToList();
        foreach (var chunk in actions.GroupBy(a => a.Entity.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            await Balances.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    // The type is the file's code as read (OPBD, CLBD, … or a bank's own): escaped like every other part from a file.
    private static string BalanceRowKey(StatementBalance b) =>
        string.Create(CultureInfo.InvariantCulture, $"{b.Date:yyyyMMdd}|{BankEntryStore.KeySafe(b.Type)}|{BankEntryStore.KeySafe(b.StatementId)}");

    private static StatementSnapshot FromEntity(string account, TableEntity e) => new(
        account,
        e.GetString("StatementId") ?? "",
        e.GetInt64("SequenceNumber"),
        e.GetString("Date") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        e.GetInt64("OpeningOre") is { } o ? new Money(o) : null,
        e.GetInt64("ClosingOre") is { } c ? new Money(c) : null,
        e.GetString("Currency"));
}
