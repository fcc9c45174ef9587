using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Rules;

/// <summary>
/// Rule 2: the payment names invoices — structured references, an ISO 11649 RF creditor reference, or free text
/// such as "Faktura 10045", "fakt.nr 10045/10046", "inv 10045", a KID written in the message — and pays exactly
/// what is open on them together. Refuses when a named invoice is not open, is on several items, belongs to
/// another customer than the known payer or the other named invoices, or when the amount differs; and, for
/// numbers a person typed, when another open item with the same open amount is one typing slip away.
/// </summary>
internal sealed class InvoiceReferenceRule : IPaymentRule
{
    /// <summary>Walk at most this many items of one open amount when ruling out a typing slip; beyond it, look up the slips themselves.</summary>
    private const int TwinScanLimit = 256;

    public MatchRule Rule => MatchRule.InvoiceReference;

    public Verdict Try(PendingPayment payment, MatchContext context)
    {
        if (payment.References is not { } references)
        {
            return Verdict.NoMatch;
        }
        var book = context.Book;
        var movement = payment.Movement;
        var explain = context.Explain;
        var ordinals = new List<int>(references.Values.Count);
        List<string>? unresolved = null;
        for (var v = 0; v < references.Values.Count; v++)
        {
            var value = references.Values[v];
            var found = Resolve(book, references.Kind, value, out var conflict);
            if (conflict is { } both)
            {
                return !explain ? Verdict.Refused() : Verdict.Refused(
                    $"the message {value} is invoice {MatchExplanation.Name(book.Item(both.Number))}'s number and invoice {MatchExplanation.Name(book.Item(both.Kid))}'s KID",
                    [Candidates.Of(book, [both.Number], CandidateStrength.Ambiguous, $"its number is {value}"),
                     Candidates.Of(book, [both.Kid], CandidateStrength.Ambiguous, $"its KID is {value}")]);
            }
            if (found.Count == 0)
            {
                (unresolved ??= []).Add(value);
                continue;
            }
            if (found.Count > 1)
            {
                if (!explain)
                {
                    return Verdict.Refused();
                }
                var shared = Enumerable.Range(0, found.Count).Select(k => found[k]).ToList();
                return Verdict.Refused(
                    $"'{references.Written}' names {value}, which {shared.Count} open items have",
                    [.. shared.Select(i => Candidates.Of(book, [i], CandidateStrength.Ambiguous, $"has number {value}, as another open item does"))]);
            }
            if (!ordinals.Contains(found[0]))
            {
                ordinals.Add(found[0]);
            }
        }
        if (ordinals.Count == 0 && references.Kind == ReferenceKind.BareNumbers)
        {
            // A message of numbers that are no invoice's may be anything (an order or customer number).
            return Verdict.Note(explain ? $"the message '{references.Written}' is no open invoice's number or KID" : null);
        }
        if (ordinals.Count > 1)
        {
            ordinals.Sort(book.CompareByInvoiceId);
        }
        if (unresolved is not null)
        {
            return !explain ? Verdict.Refused() : Verdict.Refused(
                $"'{references.Written}' names {string.Join(", ", unresolved)}, which is no open item's {(references.Kind == ReferenceKind.KidText ? "KID" : "number")}",
                Named(book, ordinals, references));
        }
        var customer = book.Item(ordinals[0]).CustomerId;
        foreach (var i in ordinals)
        {
            var item = book.Item(i);
            if (!book.IsOpen(i))
            {
                return !explain ? Verdict.Refused() : Verdict.Refused(
                    $"'{references.Written}' names invoice {MatchExplanation.Name(item)}, which is already settled", Named(book, ordinals, references));
            }
            if (!book.InCurrency(i, movement.Currency))
            {
                return !explain ? Verdict.Refused() : Verdict.Refused(
                    $"'{references.Written}' names invoice {MatchExplanation.Name(item)} in {item.Currency}, but the payment is in {movement.Currency}", Named(book, ordinals, references));
            }
            if (item.CustomerId != customer)
            {
                return !explain ? Verdict.Refused() : Verdict.Refused(
                    $"'{references.Written}' names invoices of different customers", Named(book, ordinals, references));
            }
        }
        var payer = payment.Payer(context);
        if (payer.CustomerId is { } payerCustomer && payerCustomer != customer)
        {
            return !explain ? Verdict.Refused() : Verdict.Refused(
                $"'{references.Written}' names invoices of {book.CustomerName(customer)}, but the payer ({payer.Evidence}) is customer {book.CustomerName(payerCustomer)}",
                Named(book, ordinals, references));
        }
        var open = Money.Zero;
        foreach (var i in ordinals)
        {
            open += book.Remaining(i);
        }
        if (open != movement.Amount)
        {
            return !explain ? Verdict.Refused() : Verdict.Refused(
                $"'{references.Written}' names {Names(book, ordinals)} with {open} open, but {movement.Amount} was paid",
                [.. Named(book, ordinals, references).Select(c => c with { WhyNotCertain = $"named in '{references.Written}', but {c.Open} is open and {movement.Amount} was paid" })]);
        }
        if (references.IsTyped && references.Kind != ReferenceKind.KidText)
        {
            foreach (var i in ordinals)
            {
                if (SlipTwin(book, i, ordinals, payer) is { } twin)
                {
                    if (!explain)
                    {
                        return Verdict.Refused();
                    }
                    var item = book.Item(i);
                    var other = book.Item(twin);
                    return Verdict.Refused(
                        $"'{references.Written}' names invoice {MatchExplanation.Name(item)}, but invoice {MatchExplanation.Name(other)} ({other.CustomerName}) has the same open amount and a number one typing slip away",
                        [Candidates.Of(book, [i], CandidateStrength.Ambiguous, $"named in '{references.Written}'"),
                         Candidates.Of(book, [twin], CandidateStrength.Ambiguous, $"same open amount, number one typing slip from {MatchExplanation.Name(item)}")]);
                }
            }
        }
        if (ordinals.Count == 1)
        {
            return Verdict.OneItem(Rule, ordinals[0], movement.Amount, Money.Zero, references.Written);
        }
        var allocations = new Allocation[ordinals.Count];
        for (var k = 0; k < allocations.Length; k++)
        {
            allocations[k] = new Allocation(book.Item(ordinals[k]), book.Remaining(ordinals[k]), Money.Zero);
        }
        var match = new Match(movement.EntryId, Rule, movement.Amount, allocations) { Evidence = references.Written };
        return Verdict.Matched(match, [.. ordinals]);
    }

    private static List<Candidate> Named(OpenItemBook book, List<int> ordinals, ReferenceGroup references) =>
        [.. ordinals.Select(i => Candidates.Of(book, [i], CandidateStrength.NamedButDiffers, $"named in '{references.Written}'"))];

    /// <summary>Looks a reference up by its kind: invoice number, KID, or (bare numbers) both, which must then agree.</summary>
    private static OpenItemBook.Found Resolve(OpenItemBook book, ReferenceKind kind, string value, out (int Number, int Kid)? conflict)
    {
        conflict = null;
        switch (kind)
        {
            case ReferenceKind.KidText:
                return IsValidKid(value) ? book.ByKid(value) : default;
            case ReferenceKind.BareNumbers:
                var byNumber = book.ByInvoiceNumber(value);
                var byKid = IsValidKid(value) ? book.ByKid(value) : default;
                if (byNumber.Count > 0 && byKid.Count > 0 && !(byNumber.Count == 1 && byKid.Count == 1 && byNumber[0] == byKid[0]))
                {
                    conflict = (byNumber[0], byKid[0]);
                    return default;
                }
                return byNumber.Count > 0 ? byNumber : byKid;
            default:
                return book.ByInvoiceNumber(value);
        }
    }

    private static bool IsValidKid(string value) => Kid.IsWellFormed(value, out _) && Kid.Verify(value) != KidCheck.None;

    /// <summary>
    /// Another open item with the same open amount whose invoice number is one typing slip from this one's, and
    /// whose customer the payer does not rule out: the person may have meant that one.
    /// </summary>
    private static int? SlipTwin(OpenItemBook book, int ordinal, List<int> named, Payer payer)
    {
        var item = book.Item(ordinal);
        if (InvoiceNumbers.Normalise(item.InvoiceNumber) is not { } number)
        {
            return null;
        }
        var twin = new TwinSearch(book, ordinal, named, payer, book.Remaining(ordinal), item.Currency);
        var scanned = 0;
        foreach (var other in book.WithOpenAmount(twin.Open))
        {
            if (++scanned > TwinScanLimit)
            {
                // Too many items of this amount to walk: look up the slips of the number instead.
                twin.Best = -1;
                foreach (var slip in Slips(number))
                {
                    var found = book.ByInvoiceNumber(slip);
                    for (var k = 0; k < found.Count; k++)
                    {
                        twin.Consider(found[k]);
                    }
                }
                break;
            }
            if (InvoiceNumbers.Normalise(book.Item(other).InvoiceNumber) is { } otherNumber && InvoiceNumbers.OneSlipApart(number, otherNumber))
            {
                twin.Consider(other);
            }
        }
        return twin.Best < 0 ? null : twin.Best;
    }

    /// <summary>The twin with the lowest invoice id among the items considered, whatever order they come in.</summary>
    private struct TwinSearch(OpenItemBook book, int ordinal, List<int> named, Payer payer, Money open, string currency)
    {
        public readonly Money Open = open;

        public int Best = -1;

        public void Consider(int other)
        {
            var fits = other != ordinal && !named.Contains(other) && book.IsOpen(other) && book.Remaining(other) == Open
                && book.InCurrency(other, currency)
                && (payer.CustomerId is null || payer.CustomerId == book.Item(other).CustomerId);
            if (fits && (Best < 0 || book.CompareByInvoiceId(other, Best) < 0))
            {
                Best = other;
            }
        }
    }

    /// <summary>Every string one typing slip from <paramref name="number"/> (digits: replaced, left out, added, neighbours swapped).</summary>
    internal static IEnumerable<string> Slips(string number)
    {
        const string alphabet = "0123456789";
        for (var i = 0; i < number.Length; i++)
        {
            foreach (var c in alphabet)
            {
                if (c != number[i])
                {
                    yield return string.Concat(number.AsSpan(0, i), [c], number.AsSpan(i + 1));
                }
            }
            yield return string.Concat(number.AsSpan(0, i), number.AsSpan(i + 1));
            if (i + 1 < number.Length && number[i] != number[i + 1])
            {
                yield return string.Concat(number.AsSpan(0, i), [number[i + 1], number[i]], number.AsSpan(i + 2));
            }
        }
        for (var i = 0; i <= number.Length; i++)
        {
            foreach (var c in alphabet)
            {
                yield return string.Concat(number.AsSpan(0, i), [c], number.AsSpan(i));
            }
        }
    }

    private static string Names(OpenItemBook book, List<int> ordinals) =>
        ordinals.Count == 1
            ? $"invoice {MatchExplanation.Name(book.Item(ordinals[0]))}"
            : $"invoices {string.Join(", ", ordinals.Select(i => MatchExplanation.Name(book.Item(i))))}";
}
