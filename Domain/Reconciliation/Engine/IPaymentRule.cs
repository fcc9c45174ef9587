namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>One matching rule. A rule only reads the book; the engine applies what it decides.</summary>
internal interface IPaymentRule
{
    MatchRule Rule { get; }

    Verdict Try(PendingPayment payment, MatchContext context);
}
