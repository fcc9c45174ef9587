using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Statements;

/// <summary>A movement that may explain a statement difference, and how.</summary>
public sealed record DifferenceExplanation(BankMovement Movement, string Reason);

/// <summary>
/// Bank reconciliation (bankavstemming) of one statement: the bank's closing balance against its opening balance
/// plus the booked movements Bankflow holds for that account and period.
/// </summary>
/// <param name="Booked">The sum of the movements counted.</param>
/// <param name="Difference">Closing − (opening + booked): zero when the books and the bank agree.</param>
/// <param name="Counted">The movements counted (a lump sum, not also its itemised payments).</param>
/// <param name="Explanations">When there is a difference: movements that account for it, with the reason each would.</param>
public sealed record StatementCheck(
    StatementBalances Statement,
    Money Booked,
    Money Difference,
    IReadOnlyList<BankMovement> Counted,
    IReadOnlyList<DifferenceExplanation> Explanations)
{
    public bool Agrees => Difference == Money.Zero;

    /// <summary>One sentence for a person.</summary>
    public string Summary => Agrees
        ? $"account {Statement.Account} {Statement.From:yyyy-MM-dd}–{Statement.To:yyyy-MM-dd}: opening {Statement.Opening} + booked {Booked} = closing {Statement.Closing}"
        : $"account {Statement.Account} {Statement.From:yyyy-MM-dd}–{Statement.To:yyyy-MM-dd}: opening {Statement.Opening} + booked {Booked} = {Statement.Opening + Booked}, but the bank's closing balance is {Statement.Closing} (difference {Difference})"
          + (Explanations.Count == 0 ? "; no movement held explains it: a file may be missing" : "");
}
