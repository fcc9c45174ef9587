using Bankflow.Domain.Reconciliation.Rules;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>The customer rules, most certain first: the order every round applies them in.</summary>
internal static class CustomerRules
{
    public static readonly IPaymentRule[] InOrder =
    [
        new KidExactRule(),
        new InvoiceReferenceRule(),
        new CustomerCombinationRule(),
        new CustomerAmountRule(),
    ];
}
