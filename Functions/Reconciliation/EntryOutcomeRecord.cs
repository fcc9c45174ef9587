using Bankflow.Domain.Values;

namespace Bankflow.Functions.Reconciliation;

/// <summary>A candidate of an unmatched entry as stored and shown: the open items, what is open on them, and why it is not certain.</summary>
public sealed record StoredCandidate(IReadOnlyList<string> InvoiceIds, long Open, string Strength, string Reason);

/// <summary>
/// A bank entry the engine left unmatched (with the reason and up to three candidates) or ignored (counted elsewhere), or
/// whose match a person rejected (table ReconciliationOutcomes, RowKey the entry's match id). Rewritten by every run that
/// still finds it so; removed when the entry is matched.
/// </summary>
public sealed record EntryOutcomeRecord(ClientId Client, string EntryId, bool Ignored)
{
    public string MatchId => MatchIds.For(EntryId);

    public required string Account { get; init; }

    public required DateOnly BookingDate { get; init; }

    public required Money Amount { get; init; }

    public required string Currency { get; init; }

    public string? CounterpartyName { get; init; }

    public string? Text { get; init; }

    public required string Reason { get; init; }

    public IReadOnlyList<StoredCandidate> Candidates { get; init; } = [];

    /// <summary>A person rejected the engine's match for this entry: it stays with a person, never matched automatically again.</summary>
    public bool RejectedByPerson { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The PaymentUnmatched event's id: one for the engine's verdict, another once a person rejected a match.</summary>
    public string EventId => $"{Client.Value}:{(RejectedByPerson ? "rejected" : "unmatched")}:{MatchId}";

    /// <summary>False until its PaymentUnmatched event is out; ignored entries announce nothing and are stored as published.</summary>
    public bool Published { get; init; }

    /// <summary>What a person reads of it: the same facts give the same row, so a re-run that finds nothing new writes nothing.</summary>
    public bool SameVerdictAs(EntryOutcomeRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Ignored == other.Ignored && RejectedByPerson == other.RejectedByPerson && Reason == other.Reason
               && Candidates.Count == other.Candidates.Count
               && Candidates.Zip(other.Candidates).All(p => p.First.InvoiceIds.SequenceEqual(p.Second.InvoiceIds) && p.First.Open == p.Second.Open
                                                            && p.First.Strength == p.Second.Strength && p.First.Reason == p.Second.Reason);
    }
}
