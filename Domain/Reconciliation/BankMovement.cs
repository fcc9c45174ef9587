using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// One booked movement of money on a client's bank account, as the reconciliation engine reads it: the facts
/// of a <see cref="BankEntry"/> that matching uses, and nothing about where it is stored. Made from a bank entry
/// by <see cref="BankMovements.From"/> only, so the engine has one input shape whatever the channel.
/// </summary>
/// <param name="Amount">Signed: money in positive, money out negative.</param>
public sealed record BankMovement(string EntryId, BankChannel Channel, string Account, DateOnly BookingDate, Money Amount, string Currency)
{
    /// <summary>The KID the payer gave (shape checked by the channel, check digit not yet).</summary>
    public string? Kid { get; init; }

    /// <summary>Structured creditor references other than the KID field (ISO 11649 "RF…", referred invoice numbers), with their type.</summary>
    public IReadOnlyList<StructuredReference> References { get; init; } = [];

    /// <summary>The free-text message (unstructured remittance information).</summary>
    public string? Text { get; init; }

    public string? CounterpartyAccount { get; init; }

    public string? CounterpartyName { get; init; }

    /// <summary>End-to-end id of a payment the client sent (pain.001), as the bank reports it back.</summary>
    public string? EndToEndId { get; init; }

    /// <summary>The bank's transaction code: ISO "DOMAIN/FAMILY/SUBFAMILY" or the bank's own code.</summary>
    public string? BankTransactionCode { get; init; }

    /// <summary>True when the bank itself says the movement is a charge (fee), whatever its transaction code.</summary>
    public bool IsChargeMarked { get; init; }

    public bool IsReversal { get; init; }

    /// <summary>The bank's reference of the batch booking this movement belongs to (see <see cref="BankEntry.BatchReference"/>).</summary>
    public string? BatchReference { get; init; }

    /// <summary>A lump sum whose payments are itemised elsewhere (see <see cref="BankEntry.IsBatchTotal"/>).</summary>
    public bool IsBatchTotal { get; init; }
}

/// <summary>A structured creditor reference as the bank gave it (camt CdtrRefInf): the value and its type code, when any.</summary>
public sealed record StructuredReference(string Value, string? Type);
