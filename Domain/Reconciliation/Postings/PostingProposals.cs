using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Postings;

/// <summary>
/// Turns matches into balanced posting proposals: a customer payment debits the bank account's ledger account
/// and credits the customer ledger (1500) once per invoice, with any surplus as unapplied credit on the
/// customer; a fee goes to the agreement's fee account; an own payment debits the supplier ledger (2400).
/// </summary>
public static class PostingProposals
{
    public static PostingProposal For(Match match, BankMovement movement, LedgerPlan plan)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentNullException.ThrowIfNull(plan);
        if (match.EntryId != movement.EntryId)
        {
            throw new ArgumentException($"match {match.EntryId} is not for movement {movement.EntryId}", nameof(match));
        }
        var lines = new List<PostingLine>();
        var bank = plan.BankLedgerFor(movement.Account);
        lines.Add(Line(bank, movement.Amount, PostingKind.Bank, $"bank account {movement.Account}"));
        switch (match.Rule)
        {
            case MatchRule.BankFee:
                lines.Add(Line(plan.FeeLedgerFor(movement.Account), -movement.Amount, PostingKind.Fee, $"bank fee ({match.Evidence})"));
                break;
            case MatchRule.OwnPayment:
                var to = match.OwnPayment?.CreditorName is { } name ? $"payment to {name}" : "payment";
                lines.Add(Line(plan.SupplierLedger, -movement.Amount, PostingKind.Supplier, $"{to} (end-to-end id {match.Evidence})"));
                break;
            default:
                foreach (var allocation in match.Allocations)
                {
                    if (allocation.Amount == Money.Zero)
                    {
                        continue;
                    }
                    var item = allocation.Item;
                    lines.Add(Line(plan.CustomerLedger, -allocation.Amount, PostingKind.Customer, $"invoice {MatchExplanation.Name(item)} ({item.CustomerName})")
                        with { CustomerId = item.CustomerId, InvoiceId = item.InvoiceId });
                }
                if (match.Unapplied != Money.Zero)
                {
                    var customer = match.Allocations[0].Item;
                    lines.Add(Line(plan.CustomerLedger, -match.Unapplied, PostingKind.UnappliedCredit, $"unapplied credit ({customer.CustomerName})")
                        with { CustomerId = customer.CustomerId });
                }
                break;
        }
        return new PostingProposal(match.EntryId, movement.BookingDate, lines);
    }

    /// <summary>A proposal for every match of the run whose movement it holds, in the run's order.</summary>
    public static IReadOnlyList<PostingProposal> For(ReconciliationResult result, LedgerPlan plan)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Entries.Where(e => e.Match is not null).Select(e => For(e.Match!, e.Movement, plan))];
    }

    /// <summary>Debit for a positive amount, credit for a negative one: a line never carries a negative figure.</summary>
    private static PostingLine Line(LedgerAccount account, Money signed, PostingKind kind, string text) =>
        signed >= Money.Zero
            ? new PostingLine(account, signed, Money.Zero, kind, text)
            : new PostingLine(account, Money.Zero, -signed, kind, text);
}
