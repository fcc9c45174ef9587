using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Statements;

/// <summary>
/// What a bank statement says about one account over a period: the balance it opened with and closed with.
/// </summary>
/// <param name="From">First booking date the statement covers.</param>
/// <param name="To">Last booking date it covers (the closing balance's date).</param>
public sealed record StatementBalances(string Account, string StatementId, DateOnly From, DateOnly To, Money Opening, Money Closing, string Currency)
{
    /// <summary>
    /// From a camt.053 statement with an opening (OPBD, or PRCD: the previous day's closing) and a closing (CLBD)
    /// balance; null when it lacks either.
    /// </summary>
    public static StatementBalances? Of(CamtStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var closing = statement.Closing;
        if (closing is null)
        {
            return null;
        }
        DateOnly from;
        Money opening;
        if (statement.Balance("OPBD") is { } opbd)
        {
            // OPBD is the balance at the start of its date.
            (from, opening) = (opbd.Date, opbd.Amount);
        }
        else if (statement.Balance("PRCD") is { } prcd)
        {
            // PRCD is the previous closing: the period starts the day after.
            (from, opening) = (prcd.Date.AddDays(1), prcd.Amount);
        }
        else
        {
            return null;
        }
        if (from > closing.Date)
        {
            from = closing.Date;
        }
        return new StatementBalances(statement.Account.Normalised ?? "", statement.Id, from, closing.Date, opening, closing.Amount, closing.Currency);
    }
}
