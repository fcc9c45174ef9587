using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Reconciliation.Rules;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// Up to three open items (or sets) an unmatched payment might be, strongest first, each with why it is not
/// certain: what a refusing rule found, a KID or invoice number one typing slip from an open item's, the known
/// payer's own open items, and items with exactly the amount paid.
/// </summary>
internal static class CandidateFinder
{
    public const int MaxCandidates = 3;

    private const int AmountScan = 256;

    public static IReadOnlyList<Candidate> For(PendingPayment payment, MatchContext context)
    {
        var book = context.Book;
        var movement = payment.Movement;
        var found = new List<Candidate>();
        if (payment.Explained is { } explained)
        {
            found.AddRange(explained.Candidates);
        }
        if (movement.Kid is { } kid && !payment.HasValidKid && Kid.IsWellFormed(kid, out _))
        {
            foreach (var slip in KidSlips(kid))
            {
                var items = book.ByKid(slip);
                for (var k = 0; k < items.Count; k++)
                {
                    found.Add(Candidates.Of(book, [items[k]], CandidateStrength.NamedButDiffers,
                        $"KID {kid} fails its check digit; this item's KID {slip} is one typing slip from it"));
                }
            }
        }
        if (payment.References is { IsTyped: true } references && references.Kind != ReferenceKind.KidText)
        {
            var slips = new List<int>();
            foreach (var other in SameOpenAmount(book, movement))
            {
                if (InvoiceNumbers.Normalise(book.Item(other).InvoiceNumber) is { } number
                    && references.Values.Any(v => InvoiceNumbers.Normalise(v) is { } written && InvoiceNumbers.OneSlipApart(written, number)))
                {
                    slips.Add(other);
                }
            }
            foreach (var other in slips)
            {
                found.Add(Candidates.Of(book, [other], CandidateStrength.NamedButDiffers,
                    $"'{references.Written}' is one typing slip from its number {MatchExplanation.Name(book.Item(other))}, and it has exactly this amount open"));
            }
        }
        var payer = payment.PayerWithKidPrefix(context);
        if (payer.CustomerId is { } customer)
        {
            foreach (var i in Closest(book, book.OpenItemsOf(customer, movement.Currency), movement.Amount))
            {
                var open = book.Remaining(i);
                found.Add(Candidates.Of(book, [i], CandidateStrength.CustomerOnly, open == movement.Amount
                    ? $"the payer ({payer.Evidence}) is the customer, and it is open {open}, as another of their items is"
                    : $"the payer ({payer.Evidence}) is the customer, but it is open {open} and {movement.Amount} was paid"));
            }
        }
        var sameAmount = SameOpenAmount(book, movement);
        foreach (var i in sameAmount.Take(MaxCandidates))
        {
            var why = sameAmount.Count > 1
                ? $"open exactly {movement.Amount}, as {sameAmount.Count - 1} other item(s) are; nothing ties the payer to {book.Item(i).CustomerName}"
                : $"open exactly {movement.Amount}, but nothing ties the payer to {book.Item(i).CustomerName}";
            found.Add(Candidates.Of(book, [i], CandidateStrength.AmountOnly, why));
        }
        return Rank(found);
    }

    /// <summary>
    /// Open items in the payment's currency with exactly its amount open, sorted by invoice id; none when there are
    /// more than <see cref="AmountScan"/> (a common price says nothing, and the chain's order must not show).
    /// </summary>
    private static List<int> SameOpenAmount(OpenItemBook book, BankMovement movement)
    {
        var result = new List<int>();
        foreach (var other in book.WithOpenAmount(movement.Amount))
        {
            if (!book.InCurrency(other, movement.Currency))
            {
                continue;
            }
            if (result.Count == AmountScan)
            {
                return [];
            }
            result.Add(other);
        }
        result.Sort(book.CompareByInvoiceId);
        return result;
    }

    /// <summary>The (at most three) items whose open amount is nearest the payment, nearest first, then by invoice id.</summary>
    private static List<int> Closest(OpenItemBook book, List<int> items, Money amount)
    {
        // items come sorted by invoice id; a stable insertion sort by distance keeps that order among equals.
        for (var k = 1; k < items.Count; k++)
        {
            var item = items[k];
            var distance = Distance(item);
            var j = k - 1;
            for (; j >= 0 && Distance(items[j]) > distance; j--)
            {
                items[j + 1] = items[j];
            }
            items[j + 1] = item;
        }
        if (items.Count > MaxCandidates)
        {
            items.RemoveRange(MaxCandidates, items.Count - MaxCandidates);
        }
        return items;

        long Distance(int i) => Math.Abs(checked(book.Remaining(i).Ore - amount.Ore));
    }

    /// <summary>
    /// One entry per set of items — the first found wins, so what a refusing rule said about an item is kept —
    /// then strongest first (stable), at most three.
    /// </summary>
    private static List<Candidate> Rank(List<Candidate> found)
    {
        var distinct = new List<Candidate>(found.Count);
        foreach (var candidate in found)
        {
            if (!distinct.Exists(d => SameItems(d, candidate)))
            {
                distinct.Add(candidate);
            }
        }
        for (var k = 1; k < distinct.Count; k++)
        {
            var candidate = distinct[k];
            var j = k - 1;
            for (; j >= 0 && distinct[j].Strength < candidate.Strength; j--)
            {
                distinct[j + 1] = distinct[j];
            }
            distinct[j + 1] = candidate;
        }
        if (distinct.Count > MaxCandidates)
        {
            distinct.RemoveRange(MaxCandidates, distinct.Count - MaxCandidates);
        }
        return distinct;
    }

    private static bool SameItems(Candidate a, Candidate b)
    {
        if (a.Items.Count != b.Items.Count)
        {
            return false;
        }
        for (var k = 0; k < a.Items.Count; k++)
        {
            if (!string.Equals(a.Items[k].InvoiceId, b.Items[k].InvoiceId, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>KIDs one digit replaced or two neighbours swapped away, that pass a check digit.</summary>
    private static IEnumerable<string> KidSlips(string kid)
    {
        var chars = kid.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var original = chars[i];
            foreach (var c in "0123456789-")
            {
                if (c == original || (c == '-' && i != chars.Length - 1))
                {
                    continue;
                }
                chars[i] = c;
                var candidate = new string(chars);
                if (Kid.IsWellFormed(candidate, out _) && Kid.Verify(candidate) != KidCheck.None)
                {
                    yield return candidate;
                }
            }
            chars[i] = original;
            if (i + 1 < chars.Length && chars[i] != chars[i + 1])
            {
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                var swapped = new string(chars);
                if (Kid.IsWellFormed(swapped, out _) && Kid.Verify(swapped) != KidCheck.None)
                {
                    yield return swapped;
                }
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            }
        }
    }
}
