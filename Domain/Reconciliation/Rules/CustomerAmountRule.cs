using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Rules;

/// <summary>
/// Rule 4: the counterparty (account or name) is a known customer, and exactly one of their open items has
/// exactly the amount paid. Two such items (twins) are refused.
/// </summary>
internal sealed class CustomerAmountRule : IPaymentRule
{
    /// <summary>Open items of a customer looked at without a list; a customer with more gets one.</summary>
    private const int Inline = 64;

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
        // Without a list while deciding; the list only to explain.
        Span<int> buffer = stackalloc int[Inline];
        var count = book.OpenItemsOf(customer, movement.Currency, buffer);
        List<int> same;
        if (count >= 0 && !explain)
        {
            var found = -1;
            var matches = 0;
            foreach (var i in buffer[..count])
            {
                if (book.Remaining(i) == movement.Amount)
                {
                    matches++;
                    found = matches == 1 ? i : found;
                }
            }
            if (matches == 1)
            {
                return Verdict.OneItem(Rule, found, movement.Amount, Money.Zero, payer);
            }
            return matches == 0 ? Verdict.NoMatch : Verdict.Refused();
        }
        same = book.OpenItemsOf(customer, movement.Currency);
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
        return Verdict.OneItem(Rule, same[0], movement.Amount, Money.Zero, payer);
    }
}
