using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// The ReconciliationOutcomes table: PartitionKey the client id, RowKey the entry's match id. The entries no match holds:
/// unmatched (with reason and candidates), ignored (counted elsewhere), or rejected by a person.
/// </summary>
public sealed class OutcomeStore(BankflowStorage storage)
{
    private const string Unmatched = "unmatched";
    private const string Ignored = "ignored";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(StorageNames.ReconciliationOutcomesTable);

    public async Task<IReadOnlyList<EntryOutcomeRecord>> ListAllAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = new List<EntryOutcomeRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(client, row));
        }
        return list;
    }

    /// <summary>One page of the unmatched entries (rejected ones included; ignored ones not).</summary>
    public Task<TablePage<EntryOutcomeRecord>> ListUnmatchedPageAsync(ClientId client, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and Status eq {Unmatched}");
        return TablePaging.ReadAsync(Table, filter, continuationToken, pageSize, row => FromEntity(client, row), cancellationToken);
    }

    public Task SaveAsync(EntryOutcomeRecord outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Table.UpsertEntityAsync(ToEntity(outcome), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The entry is matched now: it is no longer an outcome.</summary>
    public async Task DeleteAsync(ClientId client, string matchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await Table.DeleteEntityAsync(client.Value, matchId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already.
        }
    }

    /// <summary>Records that the outcome's event is out (merge of the flag only).</summary>
    public async Task MarkPublishedAsync(ClientId client, string matchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(client.Value, matchId) { ["Published"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Matched meanwhile: its PaymentMatched event tells the rest.
        }
    }

    private static TableEntity ToEntity(EntryOutcomeRecord o)
    {
        var entity = new TableEntity(o.Client.Value, o.MatchId)
        {
            ["EntryId"] = o.EntryId,
            ["Status"] = o.Ignored ? Ignored : Unmatched,
            ["Account"] = o.Account,
            ["BookingDate"] = o.BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["AmountOre"] = o.Amount.Ore,
            ["Currency"] = o.Currency,
            ["Reason"] = o.Reason.Length > 8000 ? o.Reason[..8000] : o.Reason,
            ["Candidates"] = JsonSerializer.Serialize(o.Candidates, Json),
            ["RejectedByPerson"] = o.RejectedByPerson,
            ["UpdatedAt"] = o.UpdatedAt,
            ["Published"] = o.Published,
        };
        entity.SetIfNotNull("CounterpartyName", o.CounterpartyName);
        entity.SetIfNotNull("Text", o.Text is { Length: > 500 } text ? text[..500] : o.Text);
        return entity;
    }

    private static EntryOutcomeRecord FromEntity(ClientId client, TableEntity row) =>
        new(client, row.GetString("EntryId") ?? "", row.GetString("Status") == Ignored)
        {
            Account = row.GetString("Account") ?? "",
            BookingDate = DateOnly.ParseExact(row.GetString("BookingDate") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Amount = new Money(row.GetInt64("AmountOre") ?? 0),
            Currency = row.GetString("Currency") ?? "NOK",
            CounterpartyName = row.GetString("CounterpartyName"),
            Text = row.GetString("Text"),
            Reason = row.GetString("Reason") ?? "",
            Candidates = JsonSerializer.Deserialize<List<StoredCandidate>>(row.GetString("Candidates") ?? "[]", Json) ?? [],
            RejectedByPerson = row.GetBoolean("RejectedByPerson") ?? false,
            UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            Published = row.GetBoolean("Published") ?? false,
        };
}
