using Azure;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Reconciliation;

/// <summary>Who stands behind a match: the engine alone, or a person who confirmed or rejected what it decided.</summary>
public enum Decision
{
    /// <summary>Decided by the engine; no person has looked at it.</summary>
    Auto,

    /// <summary>Decided by the engine and confirmed by a person: final.</summary>
    Confirmed,

    /// <summary>Decided by the engine and rejected by a person: its entry and items are free again, and the entry is left to a person.</summary>
    Rejected,
}

public static class DecisionNames
{
    public static string WireName(this Decision decision) => decision switch
    {
        Decision.Auto => "auto",
        Decision.Confirmed => "confirmed",
        Decision.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static Decision Parse(string? text) => text switch
    {
        "confirmed" => Decision.Confirmed,
        "rejected" => Decision.Rejected,
        _ => Decision.Auto,
    };
}

/// <summary>Part of a matched payment applied to one open item, as it was when decided.</summary>
public sealed record DecidedAllocation(string InvoiceId, string CustomerId, string CustomerName, string? InvoiceNumber, Money Amount, Money RemainingAfter);

/// <summary>
/// The reconciliation decision for one bank entry (table Matches, RowKey <see cref="MatchId"/>): the engine's match as it
/// was made — rule, allocations, explanation and posting proposal — and what a person did with it.
/// </summary>
public sealed record MatchDecision(ClientId Client, string EntryId, Decision Decision, MatchRule Rule)
{
    public string MatchId => MatchIds.For(EntryId);

    public required string Account { get; init; }

    public required DateOnly BookingDate { get; init; }

    /// <summary>The entry's amount, signed (money in positive).</summary>
    public required Money Amount { get; init; }

    public required string Currency { get; init; }

    public string Evidence { get; init; } = "";

    public string Explanation { get; init; } = "";

    public Money Unapplied { get; init; }

    public IReadOnlyList<DecidedAllocation> Allocations { get; init; } = [];

    public OwnPayment? OwnPayment { get; init; }

    public string? CounterpartyName { get; init; }

    /// <summary>The posting proposal (konteringsforslag) as JSON: <c>{"date","lines":[…]}</c>, amounts in øre.</summary>
    public string? PostingJson { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    public string? ConfirmedBy { get; init; }

    public DateTimeOffset? RejectedAt { get; init; }

    public string? RejectedBy { get; init; }

    /// <summary>The PaymentMatched event's id: one per decision, the same on every re-send.</summary>
    public string EventId => $"{Client.Value}:matched:{MatchId}";

    /// <summary>False until its PaymentMatched event is out (an outbox flag: a run that died before publishing leaves it to the next).</summary>
    public bool Published { get; init; }

    public ETag ETag { get; init; }

    /// <summary>The engine's match again, on the client's open items as they are now (an item gone since is rebuilt from what was kept).</summary>
    public Match ToMatch(IReadOnlyDictionary<string, OpenItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var allocations = Allocations.Select(a => new Allocation(
                items.TryGetValue(a.InvoiceId, out var item)
                    ? item
                    : new OpenItem(Client, a.InvoiceId, a.CustomerId, a.CustomerName, a.InvoiceNumber, null, a.Amount, Currency, BookingDate, BookingDate),
                a.Amount,
                a.RemainingAfter))
            .ToList();
        return new Match(EntryId, Rule, Amount, allocations) { Evidence = Evidence, Unapplied = Unapplied, OwnPayment = OwnPayment };
    }
}
