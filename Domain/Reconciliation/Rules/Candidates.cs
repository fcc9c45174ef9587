using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Rules;

/// <summary>Builds <see cref="Candidate"/>s from item ordinals.</summary>
internal static class Candidates
{
    public static Candidate Of(OpenItemBook book, IReadOnlyList<int> ordinals, CandidateStrength strength, string why)
    {
        var sorted = ordinals.ToList();
        sorted.Sort(book.CompareByInvoiceId);
        var open = Money.Zero;
        foreach (var i in sorted)
        {
            open += book.Remaining(i);
        }
        return new Candidate([.. sorted.Select(book.Item)], open, strength, why);
    }
}
