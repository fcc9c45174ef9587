namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>What every rule may consult: the open items as they stand now and how payers are recognised.</summary>
internal sealed class MatchContext(OpenItemBook book, PayerDirectory payers, KidCustomerPrefix? kidPrefix)
{
    public OpenItemBook Book { get; } = book;

    public PayerDirectory Payers { get; } = payers;

    public KidCustomerPrefix? KidPrefix { get; } = kidPrefix;
}
