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

        var slots = new OutcomeSlot[movements.Count];
        var pending = new List<int>(movements.Count);
        var payments = new PendingPayment?[movements.Count];
        var batches = BatchTotals.Find(movements);
        var own = OwnPaymentsById(input.OwnPayments);
        for (var i = 0; i < movements.Count; i++)
        {
            var m = movements[i];
            if (existing.TryGetValue(m.EntryId, out var kept))
            {
                slots[i] = new OutcomeSlot { Status = EntryStatus.Matched, Existing = true, Detail = kept };
                continue;
            }
            var settled = Classify(m, i, batches, own);
            if (settled is null)
            {
                // The payment's working state is made when a rule first looks at it: most are matched at once
                // by their KID, and state that dies young costs the collector nothing.
                pending.Add(i);
                continue;
            }
            slots[i] = settled.Value;
        }

        MatchCustomerPayments(pending, movements, payments, context, slots);

        // The fixed point is reached: one more look, explaining, at what is left (same book, same verdicts).
        context.Explain = true;
        foreach (var position in pending)
        {
            var payment = payments[position] ??= new PendingPayment(movements[position]);
            Explain(payment, context);

            slots[position] = new OutcomeSlot
            {
                Status = EntryStatus.Unmatched,
                Detail = new EntryOutcome(payment.Movement, EntryStatus.Unmatched, null, UnmatchedReason(payment))
                {
                    Candidates = CandidateFinder.For(payment, context),
                },
            };
        }
        return new ReconciliationResult(movements, slots, input.ExistingMatches, book);
    }

    /// <summary>
    /// Rounds of the customer rules — each rule over every payment still pending, most certain rule first — until
    /// a round matches nothing; <paramref name="pending"/> ends holding the unmatched, in canonical order.
    /// </summary>
    private static void MatchCustomerPayments(List<int> pending, List<BankMovement> movements, PendingPayment?[] payments, MatchContext context, OutcomeSlot[] slots)
    {
        var stopped = new bool[payments.Length];
        var matchedAny = true;
        while (matchedAny && pending.Count > 0)
        {
            matchedAny = false;
            foreach (var position in pending)
            {
                stopped[position] = false;
            }
            foreach (var rule in CustomerRules)
            {
                var kept = 0;
                for (var k = 0; k < pending.Count; k++)
                {
                    var position = pending[k];
                    if (!stopped[position])
                    {
                        var verdict = payments[position] is null && rule is KidExactRule kidRule && KidExactRule.NeedsNoState(movements[position])
                            ? kidRule.Try(movements[position], null, context)
                            : rule.Try(payments[position] ??= new PendingPayment(movements[position]), context);
                        if (verdict.Kind == VerdictKind.Matched)
                        {
                            slots[position] = Apply(verdict, context.Book);
                            payments[position] = null;
                            matchedAny = true;
                            continue;
                        }
                        // A refusal: no weaker rule may match it in this round.
                        stopped[position] = verdict.Kind == VerdictKind.Refused;
                    }
                    pending[kept++] = position;
                }
                pending.RemoveRange(kept, pending.Count - kept);
            }
        }
    }

    /// <summary>The rules again over an unmatched payment, writing what each found, up to the refusal that stopped it.</summary>
    private static void Explain(PendingPayment payment, MatchContext context)
    {
        var explained = payment.Explained = new PendingPayment.Explanation();
        foreach (var rule in CustomerRules)
        {
            var verdict = rule.Try(payment, context);
            if (verdict.Kind == VerdictKind.Matched)
            {
                throw new InvalidOperationException($"rule {rule.Rule} matches {payment.Movement.EntryId} only when explaining: rules must decide alike either way");
            }
            if (verdict.Kind == VerdictKind.Refused)
            {
                explained.Refusal = verdict.Reason;
                explained.Candidates = verdict.Candidates ?? [];
                return;
            }
            if (verdict.Reason is { } note && !explained.Notes.Contains(note))
            {
                explained.Notes.Add(note);
            }
        }
    }

    private static OutcomeSlot Apply(Verdict verdict, OpenItemBook book)
    {
        if (verdict.Match is not { } match)
        {
            book.Apply(verdict.Single, verdict.Applied, surplus: verdict.Unapplied != Money.Zero);
            return new OutcomeSlot
            {
                Status = EntryStatus.Matched,
                Compact = true,
                Ordinal = verdict.Single,
                Applied = verdict.Applied,
                RemainingAfter = book.Remaining(verdict.Single),
                Unapplied = verdict.Unapplied,
            };
        }
        for (var k = 0; k < match.Allocations.Count; k++)
        {
            book.Apply(verdict.OrdinalAt(k), match.Allocations[k].Amount, surplus: match.Unapplied != Money.Zero);
        }
        return new OutcomeSlot { Status = EntryStatus.Matched, Detail = match };
    }

    /// <summary>Everything that is not a customer's payment, decided before the customer rules; null for a payment in.</summary>
    private static OutcomeSlot? Classify(BankMovement m, int position, BatchFindings batches, Dictionary<string, OwnPayment> own)
    {
        if (batches.IgnoredLumps.TryGetValue(position, out var ignored))
        {
            return Ignored(ignored);
        }
        if (m.Amount == Money.Zero)
        {
            return Ignored("moves no money");
        }
        if (batches.UnitemisedLumps.TryGetValue(position, out var lump))
        {
            return Unmatched(m, lump);
        }
        if (m.EndToEndId is { } endToEnd && own.TryGetValue(endToEnd, out var payment))
        {
            return OwnPaymentOutcome(m, payment);
        }
        if (FeeCodes.IsFee(m))
        {
            var evidence = m.IsChargeMarked ? "marked as a charge by the bank" : $"transaction code {m.BankTransactionCode}";
            return Matched(new Match(m.EntryId, MatchRule.BankFee, m.Amount, []) { Evidence = evidence });
        }
        if (m.IsReversal)
        {
            return Unmatched(m, "a reversal of an earlier booking: which match it undoes is for a person to decide");
        }
        if (m.Amount < Money.Zero)
        {
            var why = m.EndToEndId is { } id
                ? $"money out with end-to-end id {id}, which is no payment sent through Bankflow"
                : "money out that was not sent through Bankflow";
            return Unmatched(m, why);
        }
        return null;
    }

    private static OutcomeSlot OwnPaymentOutcome(BankMovement m, OwnPayment payment)
    {
        if (m.Amount > Money.Zero)
        {
            return Unmatched(m, $"money back on our payment {payment.EndToEndId}: a returned payment is for a person to book");
        }
        if (payment.Amount is { } sent && -m.Amount != sent)
        {
            return Unmatched(m, $"end-to-end id {payment.EndToEndId} is our payment of {sent}, but {-m.Amount} left the account");
        }
        return Matched(new Match(m.EntryId, MatchRule.OwnPayment, m.Amount, []) { Evidence = payment.EndToEndId, OwnPayment = payment });
    }

    private static OutcomeSlot Matched(Match match) => new() { Status = EntryStatus.Matched, Detail = match };

    private static OutcomeSlot Unmatched(BankMovement m, string reason) =>
        new() { Status = EntryStatus.Unmatched, Detail = new EntryOutcome(m, EntryStatus.Unmatched, null, reason) };

    private static OutcomeSlot Ignored(string reason) => new() { Status = EntryStatus.Ignored, Detail = reason };

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
        if (payment.Explained?.Refusal is { } refused)
        {
            return refused;
        }
        if (payment.Explained?.Notes is { Count: > 0 } notes)
        {
            return string.Join("; ", notes);
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
