using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Postings;

/// <summary>The journal lines a match proposes, on the movement's booking date; debits equal credits.</summary>
public sealed record PostingProposal(string EntryId, DateOnly Date, IReadOnlyList<PostingLine> Lines)
{
    public Money TotalDebit => Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Debit);

    public Money TotalCredit => Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Credit);

    public bool IsBalanced => TotalDebit == TotalCredit;
}
