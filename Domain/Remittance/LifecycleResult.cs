using Bankflow.Domain.Iso20022.Pain;

namespace Bankflow.Domain.Remittance;

/// <summary>One payment moving from one status to another, and the bank's status and reasons behind it.</summary>
public sealed record PaymentTransition(
    string EndToEndId,
    PaymentStatus From,
    PaymentStatus To,
    PaymentStatusCode? BankStatus,
    IReadOnlyList<StatusReason> Reasons);

/// <summary>What a status event revealed that a person should look at (the lead turns these into notifications).</summary>
public enum FindingKind
{
    /// <summary>The status report answers another payment file (OrgnlMsgId is not the batch id): nothing was applied.</summary>
    OriginalMessageIdMismatch,

    /// <summary>A status for an end-to-end id (or instruction id) not in the batch.</summary>
    UnknownPayment,

    /// <summary>A payment-information status for a PmtInfId not in the batch.</summary>
    UnknownPaymentInformation,

    /// <summary>A status code Bankflow does not know; the payment is left as it was.</summary>
    UnknownStatusCode,

    /// <summary>The bank rejected a payment that was already executed: the money has left; check with the bank.</summary>
    RejectedAfterExecuted,

    /// <summary>The bank accepted or executed a payment it had rejected before.</summary>
    StatusAfterRejection,

    /// <summary>The bank changed the payment (ACWC), e.g. moved the execution date: read the reasons.</summary>
    AcceptedWithChange,

    /// <summary>A bank status for a payment Bankflow had not marked as sent.</summary>
    StatusBeforeSent,

    /// <summary>A debit for a payment the bank had rejected.</summary>
    DebitedAfterRejection,
}

public sealed record StatusFinding(FindingKind Kind, string? EndToEndId, string Message)
{
    public override string ToString() => EndToEndId is null ? $"{Kind}: {Message}" : $"{Kind} ({EndToEndId}): {Message}";
}

/// <summary>
/// The batch after an event, the transitions it caused (empty when it changed nothing, e.g. a repeated
/// status file), findings to report, and errors when the event was refused (then the batch is unchanged).
/// </summary>
public sealed record LifecycleResult(
    PaymentBatch Batch,
    IReadOnlyList<PaymentTransition> Transitions,
    IReadOnlyList<StatusFinding> Findings,
    IReadOnlyList<FieldIssue> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
