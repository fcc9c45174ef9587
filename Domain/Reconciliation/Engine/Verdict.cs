using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

internal enum VerdictKind
{
    /// <summary>The rule does not decide: the next rule may.</summary>
    NoMatch,

    Matched,

    /// <summary>The rule found evidence that forbids a match (two answers, a contradiction): no weaker rule may override it.</summary>
    Refused,
}

/// <summary>
/// What one rule says about one payment. A value, so that the million "no match" and "matched" answers of a large
/// run cost no allocation; reasons and candidates are only written when the context explains (see <see cref="MatchContext.Explain"/>).
/// </summary>
/// <param name="Single">The open item of a one-allocation match.</param>
/// <param name="Ordinals">The open items of a match with several allocations, in the order of <see cref="Match.Allocations"/>.</param>
/// <param name="Reason">For a refusal, why; for no match, a note on what was looked at (for the unmatched explanation).</param>
internal readonly record struct Verdict(VerdictKind Kind, Match? Match, int Single, int[]? Ordinals, string? Reason, IReadOnlyList<Candidate>? Candidates)
{
    public static Verdict NoMatch => default;

    /// <summary>The rule of a one-item match made without a <see cref="Match"/> object.</summary>
    public MatchRule Rule { get; init; }

    /// <summary>For a one-item match made without a <see cref="Match"/> object: what is applied to <see cref="Single"/>.</summary>
    public Money Applied { get; init; }

    /// <summary>For a one-item match made without a <see cref="Match"/> object: the surplus kept as unapplied credit.</summary>
    public Money Unapplied { get; init; }

    /// <summary>What identified it: a string as written, or the <see cref="Engine.Payer"/> (its sentence is written when read); null for a KID (the movement's).</summary>
    public object? Evidence { get; init; }

    /// <summary>
    /// A one-item match in its compact form: the engine keeps the figures and writes the <see cref="Match"/> when
    /// the result is read (nearly all matches of a large run are these; a million match objects made and then kept
    /// through the run cost more than deciding them).
    /// </summary>
    public static Verdict OneItem(MatchRule rule, int ordinal, Money applied, Money unapplied, object? evidence) =>
        new(VerdictKind.Matched, null, ordinal, null, null, null) { Rule = rule, Applied = applied, Unapplied = unapplied, Evidence = evidence };

    public int OrdinalAt(int index) => Ordinals is null ? Single : Ordinals[index];

    public static Verdict Matched(Match match, int[] ordinals) => new(VerdictKind.Matched, match, -1, ordinals, null, null);

    /// <summary>A refusal; <paramref name="reason"/> and <paramref name="candidates"/> are null unless the context explains.</summary>
    public static Verdict Refused(string? reason = null, IReadOnlyList<Candidate>? candidates = null) => new(VerdictKind.Refused, null, -1, null, reason, candidates);

    public static Verdict Note(string? note) => new(VerdictKind.NoMatch, null, -1, null, note, null);
}
