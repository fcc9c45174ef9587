namespace Bankflow.Domain.Reconciliation;

public enum EntryStatus
{
    Matched,
    Unmatched,

    /// <summary>Counted elsewhere: a lump sum whose itemised payments are matched instead, or a movement of no money.</summary>
    Ignored,
}

/// <summary>What became of one bank movement.</summary>
/// <param name="Reason">Why it is unmatched or ignored, as a sentence.</param>
public sealed record EntryOutcome(BankMovement Movement, EntryStatus Status, Match? Match, string? Reason)
{
    /// <summary>Up to three ranked candidates for an unmatched movement.</summary>
    public IReadOnlyList<Candidate> Candidates { get; init; } = [];

    /// <summary>The match was made by an earlier run (an input), not by this one.</summary>
    public bool IsExisting { get; init; }

    public string Explanation => Match?.Explanation ?? Reason ?? "";
}
