using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// What became of one movement, kept compactly during a run (one array of these, no object per KID match);
/// <see cref="ReconciliationResult"/> turns slots into <see cref="EntryOutcome"/>s and <see cref="Match"/>es when read.
/// </summary>
internal struct OutcomeSlot
{
    public EntryStatus Status;

    /// <summary>The match came in with the input (an earlier run's).</summary>
    public bool Existing;

    /// <summary>A compact one-item match: <see cref="Rule"/>, <see cref="Ordinal"/>, <see cref="Applied"/>, <see cref="RemainingAfter"/>, <see cref="Unapplied"/> and the evidence in <see cref="Detail"/> hold it.</summary>
    public bool Compact;

    public MatchRule Rule;

    public int Ordinal;
    public Money Applied;
    public Money RemainingAfter;
    public Money Unapplied;

    /// <summary>
    /// The <see cref="Match"/> (not compact), the evidence of a compact match (a string, or the <see cref="Payer"/>),
    /// the unmatched <see cref="EntryOutcome"/>, or the reason (string) a movement is ignored.
    /// </summary>
    public object? Detail;

    /// <summary>The match a compact slot stands for.</summary>
    public readonly Match CompactMatch(BankMovement movement, OpenItem item) =>
        new(movement.EntryId, Rule, movement.Amount, [new Allocation(item, Applied, RemainingAfter)])
        {
            Evidence = Detail switch
            {
                string text => text,
                Payer payer => payer.Evidence,
                _ => Rule == MatchRule.KidExact ? movement.Kid ?? "" : "",
            },
            Unapplied = Unapplied,
        };
}
