using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>One validated payment of a batch, with its place in the lifecycle.</summary>
public sealed record Payment
{
    /// <summary>PmtId/InstrId: the batch id and the payment's 1-based position ("B-2024-0001-3").</summary>
    public required string InstructionId { get; init; }

    /// <summary>PmtId/EndToEndId: the client's unique reference, echoed in pain.002 and camt.054.</summary>
    public required string EndToEndId { get; init; }

    public required AccountNumber DebtorAccount { get; init; }

    public required string CreditorName { get; init; }

    public required CreditorAccount CreditorAccount { get; init; }

    /// <summary>Amount in NOK, positive.</summary>
    public required Money Amount { get; init; }

    public required DateOnly RequestedExecutionDate { get; init; }

    public required RemittanceInformation Remittance { get; init; }

    public PaymentStatus Status { get; init; } = PaymentStatus.Created;

    /// <summary>The last status code the bank reported for this payment (at any level), for display.</summary>
    public PaymentStatusCode? BankStatus { get; init; }

    /// <summary>Why the bank rejected it (empty unless <see cref="Status"/> is Rejected).</summary>
    public IReadOnlyList<StatusReason> RejectionReasons { get; init; } = [];
}
