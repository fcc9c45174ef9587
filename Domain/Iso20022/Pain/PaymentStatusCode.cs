namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// An ISO 20022 payment status code (ExternalPaymentTransactionStatus1Code: GrpSts, PmtInfSts, TxSts).
/// An extensible enumeration: the well-known codes are named, any other 1–4 character code survives
/// unchanged (pain.002.001.10 makes the statuses an external code list, so new codes appear without notice).
/// </summary>
public readonly record struct PaymentStatusCode
{
    public PaymentStatusCode(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        _code = code;
    }

    private readonly string? _code;

    /// <summary>The code as in the file; empty for <c>default</c>.</summary>
    public string Code => _code ?? "";

    /// <summary>Received: file received, nothing checked yet.</summary>
    public static PaymentStatusCode Received { get; } = new("RCVD");

    /// <summary>AcceptedTechnicalValidation: syntax and signature are fine; the payments are not checked yet.</summary>
    public static PaymentStatusCode AcceptedTechnicalValidation { get; } = new("ACTC");

    /// <summary>AcceptedCustomerProfile: passed the customer/business checks (account, agreement, KID).</summary>
    public static PaymentStatusCode AcceptedCustomerProfile { get; } = new("ACCP");

    /// <summary>AcceptedSettlementInProcess: accepted for execution.</summary>
    public static PaymentStatusCode AcceptedSettlementInProcess { get; } = new("ACSP");

    /// <summary>AcceptedSettlementCompleted: executed, the debtor account is debited.</summary>
    public static PaymentStatusCode AcceptedSettlementCompleted { get; } = new("ACSC");

    /// <summary>AcceptedWithChange: accepted but changed by the bank (e.g. execution date moved).</summary>
    public static PaymentStatusCode AcceptedWithChange { get; } = new("ACWC");

    /// <summary>AcceptedWithoutPosting (.10 code list).</summary>
    public static PaymentStatusCode AcceptedWithoutPosting { get; } = new("ACWP");

    /// <summary>PartiallyAccepted: group or payment-information level only; some transactions were rejected.</summary>
    public static PaymentStatusCode PartiallyAccepted { get; } = new("PART");

    /// <summary>Pending: waiting (typically for funds) or under manual check.</summary>
    public static PaymentStatusCode Pending { get; } = new("PDNG");

    /// <summary>Rejected: not executed.</summary>
    public static PaymentStatusCode Rejected { get; } = new("RJCT");

    /// <summary>Cancelled on request (.10 code list).</summary>
    public static PaymentStatusCode Cancelled { get; } = new("CANC");

    /// <summary>True for the codes named above.</summary>
    public bool IsKnown => Code is "RCVD" or "ACTC" or "ACCP" or "ACSP" or "ACSC" or "ACWC" or "ACWP" or "PART" or "PDNG" or "RJCT" or "CANC";

    public override string ToString() => Code;
}
