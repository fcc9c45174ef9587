using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Rules;

/// <summary>
/// Rule 4: the counterparty (account or name) is a known customer, and exactly one of their open items has
/// exactly the amount paid. Two such items (twins) are refused.
/// </summary>
internal sealed class CustomerAmountRule : IPaymentRule
{
    public MatchRule Rule => MatchRule.CustomerAmount;

    public Verdict Try(PendingPayment payment, MatchContext context)
    {
        var payer = payment.Payer(context);
        var book = context.Book;
        var explain = context.Explain;
        if (payer.IsConflicting)
        {
            return Verdict.Note(explain ? $"the payer is not clear: {payer.Conflict(book)}" : null);
        }
        if (payer.CustomerId is not { } customer)
        {
            return Verdict.NoMatch;
        }
        var movement = payment.Movement;
        var same = book.OpenItemsOf(customer, movement.Currency);
        same.RemoveAll(i => book.Remaining(i) != movement.Amount);
        if (same.Count == 0)
        {
            return Verdict.Note(explain ? $"the payer ({payer.Evidence}) is customer {book.CustomerName(customer)}, but none of their open items is for {movement.Amount}" : null);
        }
        if (same.Count > 1)
        {
            return !explain ? Verdict.Refused() : Verdict.Refused(
                $"the payer ({payer.Evidence}) is customer {book.CustomerName(customer)}, and {same.Count} of their open items are for {movement.Amount}",
                [.. same.Select(i => Candidates.Of(book, [i], CandidateStrength.Ambiguous, $"open {movement.Amount}, as another of the customer's items is"))]);
        }
        var ordinal = same[0];
        var allocation = new Allocation(book.Item(ordinal), movement.Amount, Money.Zero);
        return Verdict.Matched(new Match(movement.EntryId, Rule, movement.Amount, [allocation]) { Evidence = payer.Evidence }, ordinal);
    }
}
