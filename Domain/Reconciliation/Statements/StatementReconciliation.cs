using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Statements;

/// <summary>
/// Checks each statement's closing balance against opening + the movements of its account and period. A lump
/// sum and its itemised payments are counted once (the lump). A difference is reported with the movements that
/// explain it: one counted movement the bank's balance lacks (counted twice, or booked on another day), one held
/// just outside the period that the balance includes, or the movements from other files than the statement that
/// together make up the difference.
/// </summary>
public static class StatementReconciliation
{
    /// <summary>How many days either side of a period are searched for a movement booked on the wrong day.</summary>
    public const int NeighbourDays = 3;

    public static IReadOnlyList<StatementCheck> Check(IEnumerable<StatementBalances> statements, IReadOnlyList<BankMovement> movements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(movements);
        var sorted = CanonicalOrder.Sort(movements);
        var batches = BatchTotals.Find(sorted, itemising: true);
        var counted = new List<BankMovement>();
        var seen = new HashSet<(string, long)>();
        for (var i = 0; i < sorted.Length; i++)
        {
            // Itemised payments of a lump that is here are in the lump already; a transaction in camt.053 and camt.054 is one.
            if (!batches.Itemising.Contains(i) && seen.Add((sorted[i].EntryId, sorted[i].Amount.Ore)))
            {
                counted.Add(sorted[i]);
            }
        }
        var byAccount = counted.ToLookup(m => m.Account, StringComparer.Ordinal);
        return [.. statements
            .OrderBy(s => s.Account, StringComparer.Ordinal).ThenBy(s => s.From).ThenBy(s => s.StatementId, StringComparer.Ordinal)
            .Select(s => CheckOne(s, byAccount[s.Account].ToList()))];
    }

    private static StatementCheck CheckOne(StatementBalances statement, List<BankMovement> account)
    {
        var inPeriod = account.Where(m => m.BookingDate >= statement.From && m.BookingDate <= statement.To && m.Currency == statement.Currency).ToList();
        var booked = inPeriod.Aggregate(Money.Zero, (sum, m) => sum + m.Amount);
        var difference = statement.Closing - (statement.Opening + booked);
        if (difference == Money.Zero)
        {
            return new StatementCheck(statement, booked, difference, inPeriod, []);
        }
        var explanations = new List<DifferenceExplanation>();
        // Counted here, but not in the bank's balance: it makes the books too high by its amount.
        foreach (var m in inPeriod.Where(m => m.Amount == -difference))
        {
            explanations.Add(new DifferenceExplanation(m, $"counted in the period, but the bank's balance does not include its {m.Amount}: a duplicate, or booked by the bank on another day"));
        }
        // Held on a neighbouring day, but in the bank's balance.
        foreach (var m in account.Where(m => m.Amount == difference && m.Currency == statement.Currency
            && ((m.BookingDate < statement.From && m.BookingDate >= statement.From.AddDays(-NeighbourDays))
                || (m.BookingDate > statement.To && m.BookingDate <= statement.To.AddDays(NeighbourDays)))))
        {
            explanations.Add(new DifferenceExplanation(m, $"booked {m.BookingDate:yyyy-MM-dd}, outside the period, but its {m.Amount} is in the bank's balance"));
        }
        // Movements from other files than the statement itself, adding up to what the books have too much.
        if (explanations.Count == 0)
        {
            var others = inPeriod.Where(m => m.Channel != BankChannel.Camt053).ToList();
            var sum = others.Aggregate(Money.Zero, (s, m) => s + m.Amount);
            if (others.Count > 0 && sum == -difference)
            {
                explanations.AddRange(others.Select(m => new DifferenceExplanation(m, $"from a {Channel(m.Channel)} file, not on the statement: together these {others.Count} movements are the difference")));
            }
        }
        return new StatementCheck(statement, booked, difference, inPeriod, explanations);
    }

    private static string Channel(BankChannel channel) => channel switch
    {
        BankChannel.OcrGiro => "Nets OCR",
        BankChannel.AvtaleGiro => "AvtaleGiro",
        BankChannel.Camt054 => "camt.054",
        BankChannel.Sbanken => "Sbanken",
        _ => "camt.053",
    };
}
