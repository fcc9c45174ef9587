using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Rules;

/// <summary>
/// Rule 1: a KID with a valid MOD10 or MOD11 check digit that exactly one open item carries. Pays it in full,
/// in part (the rest stays open) or beyond (the surplus is unapplied credit on the customer; a KID of an invoice
/// already paid makes the whole payment unapplied credit). Refuses when the KID is on several items, when the
/// item is in another currency or a credit note, and when the message names other invoices than the KID's.
/// </summary>
internal sealed class KidExactRule : IPaymentRule
{
    public MatchRule Rule => MatchRule.KidExact;

    public Verdict Try(PendingPayment payment, MatchContext context) => Try(payment.Movement, payment, context);

    /// <summary>
    /// Decides without the payment's working state when it has no message to read (<paramref name="payment"/>
    /// null): the common KID payment then costs no allocation beyond its result.
    /// </summary>
    public static bool NeedsNoState(BankMovement movement) =>
        movement.Kid is null || (movement.Text is null && movement.References.Count == 0);

    /// <summary>
    /// The one open item a plain KID payment's KID names when nothing about the item itself stops the match
    /// (right currency, an invoice); −1 otherwise (then <see cref="Try(BankMovement, PendingPayment?, MatchContext)"/>
    /// decides, with its reasons). Reads nothing that matching changes, so it may run ahead, in parallel.
    /// </summary>
    public static int Resolve(BankMovement movement, MatchContext context)
    {
        if (movement.Kid is not { } kid)
        {
            return -1;
        }
        // The index holds only KIDs with a valid check digit: a KID found there is valid, no need to check it again.
        var found = context.Book.ByKid(kid);
        if (found.Count != 1)
        {
            return -1;
        }
        var ordinal = found[0];
        return context.Book.InCurrency(ordinal, movement.Currency) && !context.Book.IsCreditNote(ordinal) ? ordinal : -1;
    }

    /// <summary>The match of a payment whose KID <see cref="Resolve"/> found: in full, in part, or with a surplus.</summary>
    public static Verdict Settle(int ordinal, Money amount, OpenItemBook book)
    {
        var open = book.IsOpen(ordinal) ? book.Remaining(ordinal) : Money.Zero;
        var applied = amount < open ? amount : open;
        // The evidence (the KID) is the movement's own: written from it when the match is read.
        return Verdict.OneItem(MatchRule.KidExact, ordinal, applied, amount - applied, evidence: null);
    }

    public Verdict Try(BankMovement movement, PendingPayment? payment, MatchContext context)
    {
        if (movement.Kid is not { } kid)
        {
            return Verdict.NoMatch;
        }
        var explain = context.Explain;
        var valid = payment?.HasValidKid ?? (Kid.IsWellFormed(kid, out _) && Kid.Verify(kid) != KidCheck.None);
        if (!valid)
        {
            return Verdict.Note(explain ? $"KID {kid} fails its check digit" : null);
        }
        var book = context.Book;
        var found = book.ByKid(kid);
        if (found.Count == 0)
        {
            return Verdict.Note(explain ? $"KID {kid} is on no open item" : null);
        }
        if (found.Count > 1)
        {
            if (!explain)
            {
                return Verdict.Refused();
            }
            var items = Enumerable.Range(0, found.Count).Select(k => found[k]).ToList();
            return Verdict.Refused(
                $"KID {kid} is on {items.Count} open items ({string.Join(", ", items.Select(i => MatchExplanation.Name(book.Item(i))))}): which one is paid cannot be told",
                [.. items.Select(i => Candidates.Of(book, [i], CandidateStrength.Ambiguous, $"carries KID {kid}, as another open item does"))]);
        }
        var ordinal = found[0];
        // The book's per-item state answers the hot checks; the item itself is read only to explain.
        if (!book.InCurrency(ordinal, movement.Currency))
        {
            var item = book.Item(ordinal);
            return !explain ? Verdict.Refused() : Verdict.Refused(
                $"KID {kid} is invoice {MatchExplanation.Name(item)} in {item.Currency}, but the payment is in {movement.Currency}",
                [Candidates.Of(book, [ordinal], CandidateStrength.NamedButDiffers, $"has KID {kid} but is in {item.Currency}")]);
        }
        if (book.IsCreditNote(ordinal))
        {
            return !explain ? Verdict.Refused() : Verdict.Refused(
                $"KID {kid} is on credit note {MatchExplanation.Name(book.Item(ordinal))}: a payment in does not settle a credit note",
                [Candidates.Of(book, [ordinal], CandidateStrength.NamedButDiffers, "is a credit note")]);
        }
        if (payment is not null && (movement.Text is not null || movement.References.Count > 0))
        {
            if (OtherInvoicesNamed(payment, context, ordinal) is { } others)
            {
                return !explain ? Verdict.Refused() : Verdict.Refused(
                    $"KID {kid} is invoice {MatchExplanation.Name(book.Item(ordinal))}, but the message names {string.Join(", ", others.Select(i => MatchExplanation.Name(book.Item(i))))}",
                    [Candidates.Of(book, [ordinal], CandidateStrength.NamedButDiffers, $"has KID {kid}, but the message names another invoice"),
                     .. others.Select(i => Candidates.Of(book, [i], CandidateStrength.NamedButDiffers, $"named in the message, but KID {kid} is another invoice's"))]);
            }
        }
        return Settle(ordinal, movement.Amount, book);
    }

    /// <summary>Open items the message names by invoice number when none of them is the KID's item; null when it names none or names that item.</summary>
    private static List<int>? OtherInvoicesNamed(PendingPayment payment, MatchContext context, int ordinal)
    {
        if (payment.References is not { Kind: ReferenceKind.InvoiceText or ReferenceKind.Structured or ReferenceKind.CreditorReference } references)
        {
            return null;
        }
        var named = new List<int>();
        foreach (var value in references.Values)
        {
            var found = context.Book.ByInvoiceNumber(value);
            for (var k = 0; k < found.Count; k++)
            {
                if (found[k] == ordinal)
                {
                    return null;
                }
                named.Add(found[k]);
            }
        }
        if (named.Count == 0)
        {
            return null;
        }
        named.Sort(context.Book.CompareByInvoiceId);
        return named;
    }
}
