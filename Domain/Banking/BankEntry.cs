using Bankflow.Domain.Values;

namespace Bankflow.Domain.Banking;

/// <summary>Where a bank entry came from. The normalised <see cref="BankEntry"/> is the same for all.</summary>
public enum BankChannel
{
    OcrGiro,
    AvtaleGiro,
    Camt053,
    Camt054,
    Sbanken,
}

/// <summary>
/// One booked transaction on a client's bank account, in the one shape every channel (Nets OCR giro,
/// camt.053/054, Sbanken API) is normalised to, so reconciliation has a single input.
/// </summary>
/// <param name="EntryId">Stable id within the client: re-importing the same transaction yields the same id
/// (OCR: shipment + assignment + transaction number; camt: AcctSvcrRef or a deterministic hash; Sbanken: derived).</param>
/// <param name="Account">The client's account the money moved on: 11-digit BBAN, or IBAN where the bank only gives that.</param>
/// <param name="BookingDate">Booking date (OCR: the Nets date).</param>
/// <param name="Amount">Signed: credit (money in) positive, debit negative.</param>
public sealed record BankEntry(
    string EntryId,
    BankChannel Channel,
    string Account,
    DateOnly BookingDate,
    Money Amount,
    string Currency)
{
    public DateOnly? ValueDate { get; init; }

    /// <summary>KID, the structured payment reference, when the payment carried one (check digit not required).</summary>
    public string? Kid { get; init; }

    /// <summary>
    /// Every structured creditor reference the bank gave, with its type (camt CdtrRefInf: SCOR, an ISO 11649 RF
    /// reference, a bank's own type such as the Swiss QRR …), in order; null when there is none. The KID is
    /// also in <see cref="Kid"/>.
    /// </summary>
    public CreditorReferenceList? CreditorReferences { get; init; }

    /// <summary>The counterparty's account (payer for credits, payee for debits), when known.</summary>
    public string? CounterpartyAccount { get; init; }

    public string? CounterpartyName { get; init; }

    /// <summary>Bank's archive reference (OCR item 2 archive reference, camt AcctSvcrRef).</summary>
    public string? ArchiveReference { get; init; }

    /// <summary>End-to-end id of an outgoing payment (pain.001 → camt.054 debit).</summary>
    public string? EndToEndId { get; init; }

    /// <summary>Free text / unstructured remittance information.</summary>
    public string? Text { get; init; }

    /// <summary>The bank's transaction code (camt BkTxCd: ISO "PMNT/RCDT/DMCT", else the proprietary code): tells fees, interest and payments apart.</summary>
    public string? BankTransactionCode { get; init; }

    /// <summary>A reversal (tilbakeføring) of an earlier booking, running opposite to it.</summary>
    public bool IsReversal { get; init; }

    /// <summary>
    /// The bank's reference of the batch booking this transaction belongs to (camt Ntry/AcctSvcrRef of a batch
    /// entry). A camt.053 lump sum and the camt.054 that details it share it.
    /// </summary>
    public string? BatchReference { get; init; }

    /// <summary>
    /// True when this entry is the total of a batch whose payments are not itemised here (a camt.053 lump sum):
    /// when entries with the same <see cref="BatchReference"/> and <see cref="IsBatchTotal"/> false exist, they
    /// are the same money in detail, and only one side may be counted.
    /// </summary>
    public bool IsBatchTotal { get; init; }
}
