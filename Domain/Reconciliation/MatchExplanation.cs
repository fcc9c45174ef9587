using System.Text;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>The sentences of <see cref="Match.Explanation"/>: one per rule, from the match's own facts.</summary>
public static class MatchExplanation
{
    public static string Of(Match match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return match.Rule switch
        {
            MatchRule.KidExact => Kid(match),
            MatchRule.InvoiceReference => $"'{match.Evidence}' names {Invoices(match.Allocations)}, open {OpenBefore(match.Allocations)} = the amount paid; {Outcome(match)}",
            MatchRule.CustomerCombination => $"the payer ({match.Evidence}) is customer {Customer(match)}; {Invoices(match.Allocations, withCustomer: false)} add up to exactly {match.Amount}, and no other combination of their open items does; {Outcome(match)}",
            MatchRule.CustomerAmount => $"the payer ({match.Evidence}) is customer {Customer(match)}; {Invoices(match.Allocations, withCustomer: false)} is the only open item of theirs for exactly {match.Amount}; {Outcome(match)}",
            MatchRule.OwnPayment => OwnPayment(match),
            MatchRule.BankFee => $"bank fee ({match.Evidence}); posted to the fee account",
            _ => throw new ArgumentOutOfRangeException(nameof(match), match.Rule, "unknown rule"),
        };
    }

    /// <summary>How an invoice is named to a person: its number, else the ERP id.</summary>
    public static string Name(OpenItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.InvoiceNumber ?? item.InvoiceId;
    }

    private static string Kid(Match match)
    {
        var allocation = match.Allocations[0];
        var item = allocation.Item;
        var head = $"KID {match.Evidence} is invoice {Name(item)} ({item.CustomerName})";
        if (allocation.Amount == Money.Zero)
        {
            return $"{head}, which was already paid; the whole {match.Amount} is kept as unapplied credit on {item.CustomerName}";
        }
        return $"{head}; {Outcome(match)}";
    }

    private static string OwnPayment(Match match)
    {
        var payment = match.OwnPayment;
        var to = payment?.CreditorName is { } name ? $" to {name}" : "";
        var batch = payment?.BatchId is { } id ? $" (batch {id})" : "";
        return $"end-to-end id {match.Evidence} is our payment{to}{batch}";
    }

    private static string Outcome(Match match)
    {
        var allocations = match.Allocations;
        var partial = allocations.Where(a => a.RemainingAfter != Money.Zero).ToList();
        string paid;
        if (partial.Count == 0)
        {
            paid = allocations.Count == 1 ? "paid in full" : allocations.Count == 2 ? "both paid in full" : "all paid in full";
        }
        else
        {
            paid = string.Join("; ", partial.Select(a => $"partial payment, {a.RemainingAfter} remains open" + (allocations.Count > 1 ? $" on {Name(a.Item)}" : "")));
        }
        return match.Unapplied == Money.Zero
            ? paid
            : $"{paid}; {match.Unapplied} over, kept as unapplied credit on {allocations[0].Item.CustomerName}";
    }

    private static string Customer(Match match) => match.Allocations.Count == 0 ? "?" : match.Allocations[0].Item.CustomerName;

    private static Money OpenBefore(IReadOnlyList<Allocation> allocations)
    {
        var sum = Money.Zero;
        foreach (var a in allocations)
        {
            sum += a.Amount + a.RemainingAfter;
        }
        return sum;
    }

    /// <summary>"invoice 10045 (Fjord AS)", "invoices 10045 and 10046 (Fjord AS)", "invoices 1, 2 and 3".</summary>
    private static string Invoices(IReadOnlyList<Allocation> allocations, bool withCustomer = true)
    {
        var builder = new StringBuilder(allocations.Count == 1 ? "invoice " : "invoices ");
        for (var i = 0; i < allocations.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(i == allocations.Count - 1 ? " and " : ", ");
            }
            builder.Append(Name(allocations[i].Item));
        }
        if (withCustomer && allocations.Count > 0)
        {
            builder.Append(" (").Append(allocations[0].Item.CustomerName).Append(')');
        }
        return builder.ToString();
    }
}
