namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>What every rule may consult: the open items as they stand now and how payers are recognised.</summary>
internal sealed class MatchContext(OpenItemBook book, PayerDirectory payers, KidCustomerPrefix? kidPrefix)
{
    public OpenItemBook Book { get; } = book;

    public PayerDirectory Payers { get; } = payers;

    public KidCustomerPrefix? KidPrefix { get; } = kidPrefix;

    /// <summary>
    /// Set for the last look at the payments left unmatched: rules then write their reasons, notes and candidates.
    /// While matching they only decide (a million sentences nobody reads would cost more than the matching).
    /// The verdicts are the same either way: explaining reads the same book.
    /// </summary>
    public bool Explain { get; set; }
}
