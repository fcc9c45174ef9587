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

    /// <summary>A compact KID match: <see cref="Ordinal"/>, <see cref="Applied"/>, <see cref="RemainingAfter"/> and <see cref="Unapplied"/> hold it.</summary>
    public bool Compact;

    public int Ordinal;
    public Money Applied;
    public Money RemainingAfter;
    public Money Unapplied;

    /// <summary>The <see cref="Match"/> (not compact), the unmatched <see cref="EntryOutcome"/>, or the reason (string) a movement is ignored.</summary>
    public object? Detail;
}
