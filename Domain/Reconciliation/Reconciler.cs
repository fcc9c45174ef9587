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
    /// <summary>From this many movements and open items together, independent work runs on all cores.</summary>
    public const int ParallelFrom = 20_000;

    public static ReconciliationResult Run(ReconciliationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parallel = input.Movements.Count + input.OpenItems.Count >= ParallelFrom && Environment.ProcessorCount > 1;
        // The open items' indexes and the movements' order do not depend on each other: built side by side.
        var bookTask = parallel ? Task.Run(() => BuildBook(input, parallel)) : null;
        var movements = CanonicalOrder.Sort(input.Movements, distinct: true, out var anyBatchTotal);
        var existing = new Dictionary<string, Match>(StringComparer.Ordinal);
        foreach (var match in input.ExistingMatches)
        {
            existing[match.EntryId] = match;
        }

        var slots = new OutcomeSlot[movements.Length];
        var kinds = new PaymentKind[movements.Length];
        var amounts = new long[movements.Length];
        var pending = new List<int>(movements.Length);
        var batches = BatchTotals.Find(movements, anyBatchTotal: anyBatchTotal);
        var own = OwnPaymentsById(input.OwnPayments);
        for (var i = 0; i < movements.Length; i++)
        {
            var m = movements[i];
            if (existing.Count > 0 && existing.TryGetValue(m.EntryId, out var kept))
            {
                slots[i] = new OutcomeSlot { Status = EntryStatus.Matched, Existing = true, Detail = kept };
                continue;
            }
            var settled = Classify(m, i, batches, own);
            if (settled is null)
            {
                pending.Add(i);
                // Read now, while the movement is at hand: the first rule then skips payments without a KID unread.
                kinds[i] = m.Kid is null ? PaymentKind.NoKid : KidExactRule.NeedsNoState(m) ? PaymentKind.PlainKid : PaymentKind.KidWithMessage;
                amounts[i] = m.Amount.Ore;
                continue;
            }
            slots[i] = settled.Value;
        }

        var book = bookTask?.GetAwaiter().GetResult() ?? BuildBook(input, parallel);
        foreach (var match in input.ExistingMatches)
        {
            foreach (var allocation in match.Allocations)
            {
                if (book.ByInvoiceId(allocation.Item.InvoiceId) is { } ordinal)
                {
                    book.Apply(ordinal, allocation.Amount, surplus: match.Unapplied != Money.Zero);
                }
            }
        }
        var context = new MatchContext(book, new PayerDirectory(input.PayerAccounts), input.KidCustomerPrefix);

        // Reading each payment's message and recognising its payer needs nothing but the payment and the
        // (finished) indexes: done up front, on all cores. So is finding a plain KID's item: what can change while
        // matching (what is open on it) is read later, in order; what cannot (its currency, that it is an invoice)
        // is checked here.
        var payments = new PendingPayment?[movements.Length];
        var kidItems = new int[movements.Length];
        ForEach(pending, parallel, position =>
        {
            var m = movements[position];
            kidItems[position] = -1;
            if (kinds[position] == PaymentKind.PlainKid)
            {
                kidItems[position] = KidExactRule.Resolve(m, context);
                return;
            }
            payments[position] = new PendingPayment(m).Prepare(context);
        });

        MatchCustomerPayments(pending, movements, new Prepared(kinds, amounts, kidItems), payments, context, slots);

        // The fixed point is reached: what is left is unmatched. Why, and what it might be, is written when the
        // result is read (UnmatchedExplainer): the book no longer changes, so the answer is the same then.
        foreach (var position in pending)
        {
            slots[position] = new OutcomeSlot { Status = EntryStatus.Unmatched, Detail = payments[position] ?? new PendingPayment(movements[position]) };
        }
        return new ReconciliationResult(movements, slots, input.ExistingMatches, context, parallel);
    }

    /// <summary>
    /// The book. In a parallel run the indexes for references and payers are built on another core at once when
    /// any movement will need them (the KID index is always built first).
    /// </summary>
    private static OpenItemBook BuildBook(ReconciliationInput input, bool parallel)
    {
        var needed = false;
        if (parallel)
        {
            foreach (var m in input.Movements)
            {
                if (m.Text is not null || m.References.Count > 0 || m.CounterpartyName is not null || m.CounterpartyAccount is not null)
                {
                    needed = true;
                    break;
                }
            }
        }
        return new OpenItemBook(input.Client, input.OpenItems, indexesInBackground: needed || (parallel && input.KidCustomerPrefix is not null), customerNumbers: input.KidCustomerPrefix is not null);
    }

    /// <summary>Runs <paramref name="action"/> for each position, on all cores when <paramref name="parallel"/>; each call touches only its own position.</summary>
    internal static void ForEach(List<int> positions, bool parallel, Action<int> action)
    {
        if (!parallel)
        {
            foreach (var position in positions)
            {
                action(position);
            }
            return;
        }
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, positions.Count, Math.Max(1_024, positions.Count / (Environment.ProcessorCount * 8) + 1)), range =>
        {
            for (var k = range.Item1; k < range.Item2; k++)
            {
                action(positions[k]);
            }
        });
    }

    /// <summary>
    /// Rounds of the customer rules — each rule over every payment still pending, most certain rule first — until
    /// a round matches nothing; <paramref name="pending"/> ends holding the unmatched, in canonical order.
    /// </summary>
    private static void MatchCustomerPayments(List<int> pending, BankMovement[] movements, Prepared prepared, PendingPayment?[] payments, MatchContext context, OutcomeSlot[] slots)
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
            foreach (var rule in CustomerRules.InOrder)
            {
                var kept = 0;
                for (var k = 0; k < pending.Count; k++)
                {
                    var position = pending[k];
                    if (!stopped[position])
                    {
                        Verdict verdict;
                        var kind = prepared.Kinds[position];
                        if (rule is KidExactRule kidRule && kind != PaymentKind.KidWithMessage)
                        {
                            var item = prepared.KidItems[position];
                            verdict = kind == PaymentKind.NoKid ? Verdict.NoMatch
                                : item >= 0 ? KidExactRule.Settle(item, new Money(prepared.Amounts[position]), context.Book)
                                : kidRule.Try(movements[position], null, context);
                        }
                        else
                        {
                            verdict = rule.Try(payments[position] ??= new PendingPayment(movements[position]), context);
                        }
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

    private static OutcomeSlot Apply(Verdict verdict, OpenItemBook book)
    {
        if (verdict.Match is not { } match)
        {
            book.Apply(verdict.Single, verdict.Applied, surplus: verdict.Unapplied != Money.Zero);
            return new OutcomeSlot
            {
                Status = EntryStatus.Matched,
                Compact = true,
                Rule = verdict.Rule,
                Detail = verdict.Evidence,
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



    /// <summary>What the KID rule needs to know of a payment before reading it.</summary>
    private enum PaymentKind : byte
    {
        NoKid,

        /// <summary>A KID and no message: decided from the movement alone.</summary>
        PlainKid,

        /// <summary>A KID and a message the rule must read (it may name another invoice).</summary>
        KidWithMessage,
    }

    /// <summary>What was read of the pending payments before matching, by position.</summary>
    /// <param name="KidItems">For a plain KID payment: the one open item its KID names, when that item can take it; else −1.</param>
    private sealed record Prepared(PaymentKind[] Kinds, long[] Amounts, int[] KidItems);
}
