namespace Bankflow.Domain.Reconciliation;

/// <summary>What decided a match. The customer rules are tried most certain first (see docs/reconciliation.md).</summary>
public enum MatchRule
{
    /// <summary>1: a valid KID that exactly one open item carries.</summary>
    KidExact,

    /// <summary>2: invoice numbers or a creditor reference naming open items whose open amounts add up to the payment.</summary>
    InvoiceReference,

    /// <summary>3: the one combination of a known customer's open items that adds up to the payment.</summary>
    CustomerCombination,

    /// <summary>4: the one open item of a known customer with exactly the payment's amount.</summary>
    CustomerAmount,

    /// <summary>Money out with the end-to-end id of a payment the client sent.</summary>
    OwnPayment,

    /// <summary>A bank fee (by transaction code, or marked as a charge by the bank).</summary>
    BankFee,
}

public static class MatchRuleNames
{
    /// <summary>The name in JSON and storage.</summary>
    public static string WireName(this MatchRule rule) => rule switch
    {
        MatchRule.KidExact => "kid",
        MatchRule.InvoiceReference => "invoice-reference",
        MatchRule.CustomerCombination => "customer-combination",
        MatchRule.CustomerAmount => "customer-amount",
        MatchRule.OwnPayment => "own-payment",
        MatchRule.BankFee => "bank-fee",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
