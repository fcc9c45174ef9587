namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// A pain.002 customer payment status report (CstmrPmtStsRpt): the bank's answer to a pain.001.
/// A level without its own status inherits the level above; usually only exceptions are itemised.
/// </summary>
public sealed record Pain002Report
{
    /// <summary>Message version from the namespace, e.g. "001.03" or "001.10"; null for a bank-specific namespace.</summary>
    public string? Version { get; init; }

    public string? Namespace { get; init; }

    public string? MessageId { get; init; }

    public string? CreationDateTime { get; init; }

    /// <summary>OrgnlMsgId: the pain.001 GrpHdr/MsgId this report answers.</summary>
    public string? OriginalMessageId { get; init; }

    /// <summary>OrgnlMsgNmId, e.g. "pain.001.001.03".</summary>
    public string? OriginalMessageNameId { get; init; }

    public int? OriginalNumberOfTransactions { get; init; }

    public decimal? OriginalControlSum { get; init; }

    /// <summary>GrpSts; absent when the report only itemises lower levels.</summary>
    public PaymentStatusCode? GroupStatus { get; init; }

    public IReadOnlyList<StatusReason> GroupReasons { get; init; } = [];

    public IReadOnlyList<Pain002PaymentInformation> PaymentInformations { get; init; } = [];

    /// <summary>All transactions of all payment informations, in file order.</summary>
    public IEnumerable<Pain002Transaction> Transactions => PaymentInformations.SelectMany(p => p.Transactions);
}

/// <summary>OrgnlPmtInfAndSts: the status of one PmtInf of the original pain.001.</summary>
public sealed record Pain002PaymentInformation
{
    public string? OriginalPaymentInformationId { get; init; }

    public PaymentStatusCode? Status { get; init; }

    public IReadOnlyList<StatusReason> Reasons { get; init; } = [];

    public IReadOnlyList<Pain002Transaction> Transactions { get; init; } = [];
}

/// <summary>TxInfAndSts: the status of one CdtTrfTxInf of the original pain.001.</summary>
public sealed record Pain002Transaction
{
    public string? OriginalInstructionId { get; init; }

    public string? OriginalEndToEndId { get; init; }

    public PaymentStatusCode? Status { get; init; }

    public IReadOnlyList<StatusReason> Reasons { get; init; } = [];
}
