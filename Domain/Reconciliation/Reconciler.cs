using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Reconciliation.Rules;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// The reconciliation engine: matches a client's bank movements to its open items. Pure and deterministic —
/// the same input in any order gives the same result — and idempotent: run again with its own matches as
/// <see cref="ReconciliationInput.ExistingMatches"/>, it changes nothing.
/// <para>How: movements are put in a canonical order; lump sums, own payments, fees and money out are settled
/// first (none of them is a customer's payment); then the customer rules run most certain first, each over
/// every payment still open, and the round repeats while a round still matches something (a payment matched
/// late can settle an item another payment was ambiguous about). A round that matches nothing is the fixed
/// point: what is left is unmatched, with candidates.</para>
/// </summary>
public static class Reconciler
{
    private static readonly IPaymentRule[] CustomerRules =
    [
        new KidExactRule(),
        new InvoiceReferenceRule(),
        new CustomerCombinationRule(),
        new CustomerAmountRule(),
    ];

    public static ReconciliationResult Run(ReconciliationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var movements = Distinct(CanonicalOrder.Sort(input.Movements));
        var book = new OpenItemBook(input.Client, input.OpenItems);
        var context = new MatchContext(book, new PayerDirectory(input.PayerAccounts), input.KidCustomerPrefix);

        var existing = new Dictionary<string, Match>(StringComparer.Ordinal);
        foreach (var match in input.ExistingMatches)
        {
            existing[match.EntryId] = match;
            foreach (var allocation in match.Allocations)
            {
                if (book.ByInvoiceId(allocation.Item.InvoiceId) is { } ordinal)
                {
                    book.Apply(ordinal, allocation.Amount, surplus: match.Unapplied != Money.Zero);
                }
            }
        }

        var outcomes = new EntryOutcome[movements.Count];
        var pending = new List<(int Position, PendingPayment Payment)>();
        var batches = BatchTotals.Find(movements);
        var own = OwnPaymentsById(input.OwnPayments);
        var newMatches = new List<Match>();
        for (var i = 0; i < movements.Count; i++)
        {
            var m = movements[i];
            if (existing.TryGetValue(m.EntryId, out var kept))
            {
                outcomes[i] = new EntryOutcome(m, EntryStatus.Matched, kept, null) { IsExisting = true };
                continue;
            }
            var settled = Classify(m, i, batches, own);
            if (settled is null)
            {
                pending.Add((i, new PendingPayment(m)));
                continue;
            }
            outcomes[i] = settled;
            if (settled.Match is { } match)
            {
                newMatches.Add(match);
            }
        }

        MatchCustomerPayments(pending, context, outcomes, newMatches);

        foreach (var (position, payment) in pending)
        {
            outcomes[position] = new EntryOutcome(payment.Movement, EntryStatus.Unmatched, null, UnmatchedReason(payment))
            {
                Candidates = CandidateFinder.For(payment, context),
            };
        }
        var all = new List<Match>(existing.Count + newMatches.Count);
        all.AddRange(input.ExistingMatches);
        all.AddRange(newMatches);
        return new ReconciliationResult(outcomes, newMatches, all, book);
    }

    /// <summary>Rounds of the customer rules until one matches nothing; <paramref name="pending"/> ends holding the unmatched.</summary>
    private static void MatchCustomerPayments(List<(int Position, PendingPayment Payment)> pending, MatchContext context, EntryOutcome[] outcomes, List<Match> newMatches)
    {
        var matchedAny = true;
        while (matchedAny && pending.Count > 0)
        {
            matchedAny = false;
            foreach (var (_, payment) in pending)
            {
                payment.StoppedThisPass = false;
                payment.Refusal = null;
                payment.Notes = null;
            }
            foreach (var rule in CustomerRules)
            {
                var stillPending = new List<(int, PendingPayment)>(pending.Count);
                foreach (var entry in pending)
                {
                    var (position, payment) = entry;
                    if (payment.StoppedThisPass)
                    {
                        stillPending.Add(entry);
                        continue;
                    }
                    var verdict = rule.Try(payment, context);
                    switch (verdict.Kind)
                    {
                        case VerdictKind.Matched:
                            Apply(verdict, context.Book);
                            outcomes[position] = new EntryOutcome(payment.Movement, EntryStatus.Matched, verdict.Match, null);
                            newMatches.Add(verdict.Match!);
                            matchedAny = true;
                            break;
                        case VerdictKind.Refused:
                            payment.Refusal = verdict;
                            payment.StoppedThisPass = true;
                            stillPending.Add(entry);
                            break;
                        default:
                            if (verdict.Reason is { } note)
                            {
                                payment.AddNote(note);
                            }
                            stillPending.Add(entry);
                            break;
                    }
                }
                pending.Clear();
                pending.AddRange(stillPending);
            }
        }
    }

    private static void Apply(Verdict verdict, OpenItemBook book)
    {
        var match = verdict.Match!;
        for (var k = 0; k < match.Allocations.Count; k++)
        {
            book.Apply(verdict.Ordinals![k], match.Allocations[k].Amount, surplus: match.Unapplied != Money.Zero);
        }
    }

    /// <summary>Everything that is not a customer's payment, decided before the customer rules; null for a payment in.</summary>
    private static EntryOutcome? Classify(BankMovement m, int position, BatchFindings batches, Dictionary<string, OwnPayment> own)
    {
        if (batches.IgnoredLumps.TryGetValue(position, out var ignored))
        {
            return new EntryOutcome(m, EntryStatus.Ignored, null, ignored);
        }
        if (m.Amount == Money.Zero)
        {
            return new EntryOutcome(m, EntryStatus.Ignored, null, "moves no money");
        }
        if (batches.UnitemisedLumps.TryGetValue(position, out var lump))
        {
            return new EntryOutcome(m, EntryStatus.Unmatched, null, lump);
        }
        if (m.EndToEndId is { } endToEnd && own.TryGetValue(endToEnd, out var payment))
        {
            return OwnPaymentOutcome(m, payment);
        }
        if (FeeCodes.IsFee(m))
        {
            var evidence = m.IsChargeMarked ? "marked as a charge by the bank" : $"transaction code {m.BankTransactionCode}";
            return new EntryOutcome(m, EntryStatus.Matched, new Match(m.EntryId, MatchRule.BankFee, m.Amount, []) { Evidence = evidence }, null);
        }
        if (m.IsReversal)
        {
            return new EntryOutcome(m, EntryStatus.Unmatched, null, "a reversal of an earlier booking: which match it undoes is for a person to decide");
        }
        if (m.Amount < Money.Zero)
        {
            var why = m.EndToEndId is { } id
                ? $"money out with end-to-end id {id}, which is no payment sent through Bankflow"
                : "money out that was not sent through Bankflow";
            return new EntryOutcome(m, EntryStatus.Unmatched, null, why);
        }
        return null;
    }

    private static EntryOutcome OwnPaymentOutcome(BankMovement m, OwnPayment payment)
    {
        if (m.Amount > Money.Zero)
        {
            return new EntryOutcome(m, EntryStatus.Unmatched, null, $"money back on our payment {payment.EndToEndId}: a returned payment is for a person to book");
        }
        if (payment.Amount is { } sent && -m.Amount != sent)
        {
            return new EntryOutcome(m, EntryStatus.Unmatched, null, $"end-to-end id {payment.EndToEndId} is our payment of {sent}, but {-m.Amount} left the account");
        }
        var match = new Match(m.EntryId, MatchRule.OwnPayment, m.Amount, []) { Evidence = payment.EndToEndId, OwnPayment = payment };
        return new EntryOutcome(m, EntryStatus.Matched, match, null);
    }

    private static Dictionary<string, OwnPayment> OwnPaymentsById(IReadOnlyList<OwnPayment> payments)
    {
        var byId = new Dictionary<string, OwnPayment>(StringComparer.Ordinal);
        foreach (var p in payments)
        {
            byId.TryAdd(p.EndToEndId, p);
        }
        return byId;
    }

    private static string UnmatchedReason(PendingPayment payment)
    {
        if (payment.Refusal?.Reason is { } refused)
        {
            return refused;
        }
        if (payment.Notes is { Count: > 0 } notes)
        {
            return string.Join("; ", notes.Distinct(StringComparer.Ordinal));
        }
        return payment.Movement.Kid is null && payment.References is null
            ? "no KID, no invoice reference, and the payer is not a known customer"
            : "no open item fits";
    }

    /// <summary>
    /// One movement per entry id: camt.053 and camt.054 give one transaction the same id. Of copies with the same
    /// amount the one with the most to match on is kept; copies that disagree on the amount are all kept (and
    /// show up as separate movements for a person to look at).
    /// </summary>
    private static List<BankMovement> Distinct(BankMovement[] sorted)
    {
        var result = new List<BankMovement>(sorted.Length);
        foreach (var m in sorted)
        {
            if (result.Count > 0 && result[^1] is var last && last.EntryId == m.EntryId && last.Amount == m.Amount && last.BookingDate == m.BookingDate)
            {
                if (Richness(m) > Richness(last))
                {
                    result[^1] = m;
                }
                continue;
            }
            result.Add(m);
        }
        return result;
    }

    private static int Richness(BankMovement m) =>
        (m.Kid is null ? 0 : 4) + m.References.Count * 2 + (m.Text is null ? 0 : 1) + (m.CounterpartyAccount is null ? 0 : 1) + (m.CounterpartyName is null ? 0 : 1);
}
