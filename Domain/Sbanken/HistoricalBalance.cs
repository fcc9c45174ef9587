using Bankflow.Domain.Values;

namespace Bankflow.Domain.Sbanken;

/// <summary>
/// The bank's balance at a past date, derived from today's booked balance and the booked lines since —
/// Sbanken reports only the current balance.
/// <para>
/// Definition: the <b>opening balance of day D</b> is the booked balance before any line booked on D, i.e.
/// <c>balance now − Σ amount of booked lines with accounting date ≥ D</c>. That is the balance the ERP's
/// bank ledger account must hold when reconciliation starts on D, because every line from D on is imported
/// and posted. Reservations are not in the booked balance and are ignored.
/// </para>
/// The lines passed must be every booked line from D up to now (a fetch from D to today); lines before D are ignored.
/// </summary>
public static class HistoricalBalance
{
    public static Money OpeningBalance(Money bookedBalanceNow, DateOnly day, IEnumerable<SbankenTransaction> linesSinceDay)
    {
        ArgumentNullException.ThrowIfNull(linesSinceDay);
        var balance = bookedBalanceNow;
        foreach (var line in linesSinceDay)
        {
            if (!line.IsReservation && line.AccountingDate >= day)
            {
                balance -= line.Amount;
            }
        }
        return balance;
    }

    /// <summary>The closing balance of day D: the opening balance of the next day.</summary>
    public static Money ClosingBalance(Money bookedBalanceNow, DateOnly day, IEnumerable<SbankenTransaction> linesSinceDay) =>
        OpeningBalance(bookedBalanceNow, day.AddDays(1), linesSinceDay);
}
