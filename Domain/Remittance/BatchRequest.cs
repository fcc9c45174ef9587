using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>
/// Everything <see cref="PaymentBatchBuilder"/> needs, supplied by the caller (nothing is read from a clock or a store).
/// </summary>
public sealed record BatchRequest
{
    public required ClientId ClientId { get; init; }

    /// <summary>The new batch's id (pain.001 MsgId): 1–29 characters from A–Z, a–z, 0–9, '-', '.', '/'.</summary>
    public required string BatchId { get; init; }

    public required Debtor Debtor { get; init; }

    /// <summary>Today's date in Europe/Oslo: execution dates before it are refused.</summary>
    public required DateOnly Today { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The client's bank agreements; each debtor account needs one.</summary>
    public required IReadOnlyCollection<BankAgreement> Agreements { get; init; }

    /// <summary>End-to-end ids the client has already used (in earlier batches): they may not be used again.</summary>
    public required IReadOnlySet<string> ExistingEndToEndIds { get; init; }

    public required IReadOnlyList<PaymentInstruction> Payments { get; init; }
}

/// <summary>The batch when every payment is valid; otherwise no batch and every reason (batch-level ones have index -1).</summary>
public sealed record BatchBuildResult(PaymentBatch? Batch, IReadOnlyList<PaymentError> Errors)
{
    public bool IsValid => Batch is not null;
}
