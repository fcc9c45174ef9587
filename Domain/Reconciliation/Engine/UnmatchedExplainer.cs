namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// Writes why a payment stayed unmatched and what it might be: the rules look at it once more, explaining this
/// time, up to the refusal that stopped it (or all of them, collecting their notes), and the candidate finder
/// ranks what came close. Runs on the finished book, which no longer changes, so the verdicts are the ones
/// matching reached.
/// </summary>
internal static class UnmatchedExplainer
{
    public static EntryOutcome Explain(PendingPayment payment, MatchContext context)
    {
        if (!context.Explain)
        {
            throw new InvalidOperationException("explain on a context set to explain");
        }
        var explained = payment.Explained = new PendingPayment.Explanation();
        foreach (var rule in CustomerRules.InOrder)
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
                break;
            }
            if (verdict.Reason is { } note && !explained.Notes.Contains(note))
            {
                explained.Notes.Add(note);
            }
        }
        return new EntryOutcome(payment.Movement, EntryStatus.Unmatched, null, Reason(payment))
        {
            Candidates = CandidateFinder.For(payment, context),
        };
    }

    private static string Reason(PendingPayment payment)
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
}
