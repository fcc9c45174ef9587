using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Rules;

/// <summary>
/// Rule 3: one payment for several open items of one customer whose open amounts add up exactly. The customer is
/// known from the counterparty's account or name or the client's KID prefix rule. The search is bounded: only a
/// customer with at most <see cref="MaxItems"/> open items is searched, within a step budget; an answer that is
/// not the only one (another combination, or a single item, adds up too) is refused.
/// </summary>
internal sealed class CustomerCombinationRule : IPaymentRule
{
    /// <summary>More open items than this and the combinations (2^n) are too many to be sure none other fits.</summary>
    public const int MaxItems = 20;

    public MatchRule Rule => MatchRule.CustomerCombination;

    public Verdict Try(PendingPayment payment, MatchContext context)
    {
        var payer = payment.PayerWithKidPrefix(context);
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
        Span<int> buffer = stackalloc int[MaxItems];
        var count = book.OpenItemsOf(customer, movement.Currency, buffer);
        if (count is >= 0 and < 2)
        {
            return Verdict.NoMatch;
        }
        if (count < 0)
        {
            return Verdict.Note(explain ? $"customer {book.CustomerName(customer)} has {book.OpenItemsOf(customer, movement.Currency).Count} open items; combinations are searched among at most {MaxItems}" : null);
        }
        var items = buffer[..count];
        Span<long> amounts = stackalloc long[count];
        for (var k = 0; k < count; k++)
        {
            amounts[k] = book.Remaining(items[k]).Ore;
        }
        var result = SubsetSearch.Find(amounts, movement.Amount.Ore);
        if (result.Solutions.Count >= 2 && result.Solutions.All(s => s.Length == 1))
        {
            // Twins: single items of the same amount. Rule 4 says so for a payer it knows by name or account.
            return Verdict.Note(explain ? $"the payer ({payer.Evidence}) is customer {book.CustomerName(customer)}, and more than one of their open items is for {movement.Amount}" : null);
        }
        if (result.Solutions.Count >= 2)
        {
            return !explain ? Verdict.Refused() : Verdict.Refused(
                $"more than one combination of {book.CustomerName(customer)}'s open items adds up to {movement.Amount}",
                SolutionCandidates(book, result, items.ToArray(), movement.Amount));
        }
        if (result.Exhausted)
        {
            return Verdict.Note(explain ? $"the combinations of {book.CustomerName(customer)}'s open items are too many to be sure only one adds up" : null);
        }
        if (result.Solutions.Count == 0 || result.Solutions[0].Length < 2)
        {
            // None, or one single item: that is rule 4's to decide.
            return Verdict.NoMatch;
        }
        var chosen = new int[result.Solutions[0].Length];
        for (var k = 0; k < chosen.Length; k++)
        {
            chosen[k] = items[result.Solutions[0][k]];
        }
        Array.Sort(chosen, book.CompareByInvoiceId);
        var allocations = new Allocation[chosen.Length];
        for (var k = 0; k < chosen.Length; k++)
        {
            allocations[k] = new Allocation(book.Item(chosen[k]), book.Remaining(chosen[k]), Money.Zero);
        }
        return Verdict.Matched(new Match(movement.EntryId, Rule, movement.Amount, allocations) { Evidence = payer.Evidence }, chosen);
    }

    private static List<Candidate> SolutionCandidates(OpenItemBook book, SubsetResult result, int[] items, Money amount) =>
        [.. result.Solutions.Select(s => Candidates.Of(book, [.. s.Select(p => items[p])], CandidateStrength.Ambiguous, $"adds up to {amount}, as another combination does"))];
}
