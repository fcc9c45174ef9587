namespace Bankflow.Domain.Reconciliation.Engine;

internal enum VerdictKind
{
    /// <summary>The rule does not decide: the next rule may.</summary>
    NoMatch,

    Matched,

    /// <summary>The rule found evidence that forbids a match (two answers, a contradiction): no weaker rule may override it.</summary>
    Refused,
}

/// <summary>What one rule says about one payment.</summary>
/// <param name="Ordinals">The open items of <see cref="Match"/>'s allocations, in the same order.</param>
/// <param name="Reason">For a refusal, why; for no match, a note on what was looked at (for the unmatched explanation).</param>
internal sealed record Verdict(VerdictKind Kind, Match? Match, int[]? Ordinals, string? Reason, IReadOnlyList<Candidate> Candidates)
{
    public static readonly Verdict NoMatch = new(VerdictKind.NoMatch, null, null, null, []);

    public static Verdict Matched(Match match, int[] ordinals) => new(VerdictKind.Matched, match, ordinals, null, []);

    public static Verdict Refused(string reason, IReadOnlyList<Candidate> candidates) => new(VerdictKind.Refused, null, null, reason, candidates);

    public static Verdict Note(string note) => new(VerdictKind.NoMatch, null, null, note, []);
}
