using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// The Matches table: PartitionKey the client id, RowKey the match id (<see cref="MatchIds"/>), one decision per bank entry.
/// A decision is created insert-only, so of two runs deciding the same entry only the first is kept; a person's confirm
/// or reject replaces it on the ETag read, so two people cannot both change it unseen.
/// </summary>
public sealed class MatchStore(BankflowStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(StorageNames.MatchesTable);

    /// <summary>Writes a new decision; false when the entry already has one (another run decided it first).</summary>
    public async Task<bool> TryAddAsync(MatchDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        try
        {
            await Table.AddEntityAsync(ToEntity(decision), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces a decision if it is still as read (its ETag); false when it changed since.</summary>
    public async Task<bool> TryReplaceAsync(MatchDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        try
        {
            await Table.UpdateEntityAsync(ToEntity(decision), decision.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Records that the decision's event is out (merge of the flag only: a person's change meanwhile is kept).</summary>
    public async Task MarkPublishedAsync(ClientId client, string matchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var flag = new TableEntity(client.Value, matchId) { ["Published"] = true };
        await Table.UpdateEntityAsync(flag, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MatchDecision?> GetAsync(ClientId client, string matchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, matchId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
    }

    public async Task<IReadOnlyList<MatchDecision>> ListAllAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = new List<MatchDecision>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(client, row));
        }
        return list;
    }

    /// <summary>One page of decisions on entries booked from <paramref name="from"/> through <paramref name="to"/> (either open-ended).</summary>
    /// <param name="withoutRejected">Leave out decisions a person rejected (posting proposals: a rejected match proposes nothing).</param>
    public Task<TablePage<MatchDecision>> ListPageAsync(ClientId client, DateOnly? from, DateOnly? to, bool withoutRejected, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        if (from is { } f)
        {
            filter += " and " + TableClient.CreateQueryFilter($"BookingDate ge {Day(f)}");
        }
        if (to is { } t)
        {
            filter += " and " + TableClient.CreateQueryFilter($"BookingDate le {Day(t)}");
        }
        if (withoutRejected)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Decision ne {Decision.Rejected.WireName()}");
        }
        return TablePaging.ReadAsync(Table, filter, continuationToken, pageSize, row => FromEntity(client, row), cancellationToken);
    }

    private static TableEntity ToEntity(MatchDecision d)
    {
        var entity = new TableEntity(d.Client.Value, d.MatchId)
        {
            ["EntryId"] = d.EntryId,
            ["Decision"] = d.Decision.WireName(),
            ["Rule"] = d.Rule.WireName(),
            ["Account"] = d.Account,
            ["BookingDate"] = Day(d.BookingDate),
            ["AmountOre"] = d.Amount.Ore,
            ["Currency"] = d.Currency,
            ["Evidence"] = d.Evidence,
            ["Explanation"] = Bounded(d.Explanation),
            ["UnappliedOre"] = d.Unapplied.Ore,
            ["Allocations"] = JsonSerializer.Serialize(d.Allocations.Select(a => new AllocationRow(a.InvoiceId, a.CustomerId, a.CustomerName, a.InvoiceNumber, a.Amount.Ore, a.RemainingAfter.Ore)).ToList(), Json),
            ["DecidedAt"] = d.DecidedAt,
            ["Published"] = d.Published,
        };
        entity.SetIfNotNull("CounterpartyName", d.CounterpartyName);
        entity.SetIfNotNull("Posting", d.PostingJson);
        if (d.OwnPayment is { } own)
        {
            entity["OwnPayment"] = JsonSerializer.Serialize(new OwnPaymentRow(own.EndToEndId, own.BatchId, own.CreditorName, own.Amount?.Ore, own.Currency), Json);
        }
        if (d.ConfirmedAt is { } confirmed)
        {
            entity["ConfirmedAt"] = confirmed;
        }
        entity.SetIfNotNull("ConfirmedBy", d.ConfirmedBy);
        if (d.RejectedAt is { } rejected)
        {
            entity["RejectedAt"] = rejected;
        }
        entity.SetIfNotNull("RejectedBy", d.RejectedBy);
        return entity;
    }

    private static MatchDecision FromEntity(ClientId client, TableEntity row)
    {
        var own = row.GetString("OwnPayment") is { } ownJson ? JsonSerializer.Deserialize<OwnPaymentRow>(ownJson, Json) : null;
        return new MatchDecision(client, row.GetString("EntryId") ?? "", DecisionNames.Parse(row.GetString("Decision")), ParseRule(row.GetString("Rule")))
        {
            Account = row.GetString("Account") ?? "",
            BookingDate = DateOnly.ParseExact(row.GetString("BookingDate") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Amount = new Money(row.GetInt64("AmountOre") ?? 0),
            Currency = row.GetString("Currency") ?? "NOK",
            Evidence = row.GetString("Evidence") ?? "",
            Explanation = row.GetString("Explanation") ?? "",
            Unapplied = new Money(row.GetInt64("UnappliedOre") ?? 0),
            Allocations = [.. (JsonSerializer.Deserialize<List<AllocationRow>>(row.GetString("Allocations") ?? "[]", Json) ?? [])
                .Select(a => new DecidedAllocation(a.InvoiceId, a.CustomerId, a.CustomerName, a.InvoiceNumber, new Money(a.Amount), new Money(a.RemainingAfter)))],
            OwnPayment = own is null ? null : new OwnPayment(own.EndToEndId, own.BatchId, own.CreditorName, own.Amount is { } ore ? new Money(ore) : null, own.Currency),
            CounterpartyName = row.GetString("CounterpartyName"),
            PostingJson = row.GetString("Posting"),
            DecidedAt = row.GetDateTimeOffset("DecidedAt") ?? DateTimeOffset.MinValue,
            ConfirmedAt = row.GetDateTimeOffset("ConfirmedAt"),
            ConfirmedBy = row.GetString("ConfirmedBy"),
            RejectedAt = row.GetDateTimeOffset("RejectedAt"),
            RejectedBy = row.GetString("RejectedBy"),
            Published = row.GetBoolean("Published") ?? false,
            ETag = row.ETag,
        };
    }

    private static MatchRule ParseRule(string? text)
    {
        foreach (var rule in Enum.GetValues<MatchRule>())
        {
            if (rule.WireName() == text)
            {
                return rule;
            }
        }
        throw new InvalidDataException($"a stored match has an unknown rule '{text}'");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Table strings hold 32 K characters; an explanation is a sentence or two.</summary>
    private static string Bounded(string text) => text.Length > 8000 ? text[..8000] : text;

    private sealed record AllocationRow(string InvoiceId, string CustomerId, string CustomerName, string? InvoiceNumber, long Amount, long RemainingAfter);

    private sealed record OwnPaymentRow(string EndToEndId, string? BatchId, string? CreditorName, long? Amount, string? Currency);
}
