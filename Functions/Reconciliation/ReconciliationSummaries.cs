using Bankflow.Domain.Values;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// One bank account's month: the bank entries booked, and what became of them.
/// </summary>
/// <param name="Entries">Entries booked in the month (of committed imports).</param>
/// <param name="AutomaticallyMatched">Matched by the engine and not rejected (confirmed ones included).</param>
/// <param name="Confirmed">Of those, confirmed by a person.</param>
/// <param name="Rejected">Matched by the engine, rejected by a person.</param>
/// <param name="Unmatched">Left to a person by the engine (no certain match).</param>
/// <param name="Ignored">Counted elsewhere (a lump sum whose payments are itemised).</param>
/// <param name="Pending">Not yet looked at by a run (imported since the last one).</param>
/// <param name="AutomationRate">AutomaticallyMatched ÷ (AutomaticallyMatched + Rejected + Unmatched), 4 decimals; null when none of them.</param>
public sealed record AccountMonth(string Account, int Entries, int AutomaticallyMatched, int Confirmed, int Rejected, int Unmatched, int Ignored, int Pending, double? AutomationRate);

/// <summary>A client's month per bank account, and all accounts together.</summary>
public sealed record MonthSummary(string Month, IReadOnlyList<AccountMonth> Accounts, AccountMonth Total);

/// <summary>
/// <c>GET …/reconciliation/summary?month=yyyy-MM</c>: per bank account, how much of the month reconciled itself. The share
/// an accountant never had to touch — the automation rate — published per client.
/// </summary>
public sealed class ReconciliationSummaries(CommittedEntries entries, MatchStore matches, OutcomeStore outcomes)
{
    public async Task<MonthSummary> ForMonthAsync(ClientId client, int year, int month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        bool InMonth(DateOnly day) => day.Year == year && day.Month == month;
        var booked = (await entries.ReadAsync(client, cancellationToken).ConfigureAwait(false))
            .Where(e => InMonth(e.BookingDate))
            .GroupBy(e => e.EntryId, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        var decisions = (await matches.ListAllAsync(client, cancellationToken).ConfigureAwait(false)).Where(d => InMonth(d.BookingDate)).ToList();
        var left = (await outcomes.ListAllAsync(client, cancellationToken).ConfigureAwait(false)).Where(o => InMonth(o.BookingDate) && !o.RejectedByPerson).ToList();

        var accounts = booked.Select(e => e.Account).Concat(decisions.Select(d => d.Account)).Concat(left.Select(o => o.Account))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rows = accounts.Select(account =>
        {
            var accountEntries = booked.Where(e => e.Account == account).Select(e => e.EntryId).ToHashSet(StringComparer.Ordinal);
            var accountDecisions = decisions.Where(d => d.Account == account).ToList();
            var accountLeft = left.Where(o => o.Account == account).ToList();
            var seen = accountDecisions.Select(d => d.EntryId).Concat(accountLeft.Select(o => o.EntryId)).ToHashSet(StringComparer.Ordinal);
            return Row(account, accountEntries.Count,
                accountDecisions.Count(d => d.Decision != Decision.Rejected),
                accountDecisions.Count(d => d.Decision == Decision.Confirmed),
                accountDecisions.Count(d => d.Decision == Decision.Rejected),
                accountLeft.Count(o => !o.Ignored),
                accountLeft.Count(o => o.Ignored),
                accountEntries.Count(id => !seen.Contains(id)));
        }).ToList();
        var total = Row("all", rows.Sum(r => r.Entries), rows.Sum(r => r.AutomaticallyMatched), rows.Sum(r => r.Confirmed), rows.Sum(r => r.Rejected),
            rows.Sum(r => r.Unmatched), rows.Sum(r => r.Ignored), rows.Sum(r => r.Pending));
        return new MonthSummary($"{year:D4}-{month:D2}", rows, total);
    }

    private static AccountMonth Row(string account, int entries, int matched, int confirmed, int rejected, int unmatched, int ignored, int pending)
    {
        var decided = matched + rejected + unmatched;
        return new AccountMonth(account, entries, matched, confirmed, rejected, unmatched, ignored, pending,
            decided == 0 ? null : Math.Round((double)matched / decided, 4));
    }
}
