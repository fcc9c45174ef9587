using System.Globalization;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Sbanken;

/// <summary>
/// The SbankenDaysRead table: one row per account and day read (PartitionKey <c>{clientId}|{account}</c>,
/// RowKey <c>yyyy-MM-dd</c>). A day's row is written only after all its entries are stored: the commit
/// marker. A day without a row is read again by the next fetch; a day with one never is.
/// </summary>
public sealed class SbankenDayStore(BankflowStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.SbankenDaysReadTable);

    public static string PartitionKey(ClientId client, string accountNumber) => $"{client.Value}|{accountNumber}";

    public async Task<IReadOnlySet<DateOnly>> ReadDaysAsync(ClientId client, string accountNumber, DateOnly from, CancellationToken cancellationToken)
    {
        var days = new HashSet<DateOnly>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(client, accountNumber)} and RowKey ge {Key(from)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (DateOnly.TryParseExact(row.RowKey, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
        }
        return days;
    }

    public Task MarkReadAsync(ClientId client, string accountNumber, DateOnly day, int entryCount, DateTimeOffset now, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(PartitionKey(client, accountNumber), Key(day))
        {
            ["EntryCount"] = entryCount,
            ["ReadAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken);

    private static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
