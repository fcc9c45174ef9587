using Bankflow.Domain.Banking;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>A party of a transaction (RltdPties/Dbtr or Cdtr, with DbtrAcct or CdtrAcct).</summary>
/// <param name="Name">v02 Dbtr/Nm, v08 Dbtr/Pty/Nm.</param>
/// <param name="Account">Account Id/IBAN or Id/Othr/Id, as written.</param>
public sealed record CamtParty(string? Name, string? Account);

/// <summary>One TxDtls of an entry.</summary>
/// <param name="Index">1-based position within the entry (over all its NtryDtls).</param>
/// <param name="Amount">v08 TxDtls/Amt, else AmtDtls/TxAmt/Amt; null when neither is given.</param>
/// <param name="Direction">v08 TxDtls/CdtDbtInd; null in v02 (the entry's direction applies).</param>
/// <param name="CreditorReferences">Every Strd/CdtrRefInf/Ref with its type (SCOR, RF's ISO issuer, a bank's Prtry such as QRR …), in order.</param>
/// <param name="Unstructured">RmtInf/Ustrd lines.</param>
/// <param name="ReturnReason">RtrInf/Rsn/Cd (or Prtry).</param>
public sealed record CamtTransactionDetails(
    int Index,
    CamtAmount? Amount,
    CreditDebit? Direction,
    string? AccountServicerReference,
    string? MessageId,
    string? PaymentInformationId,
    string? InstructionId,
    string? EndToEndId,
    string? TransactionId,
    CreditorReferenceList CreditorReferences,
    IReadOnlyList<string> Unstructured,
    CamtParty? Debtor,
    CamtParty? Creditor,
    string? ReturnReason,
    string? ReturnInformation,
    string? AdditionalInformation,
    CamtCharges? Charges,
    string Path,
    int Line)
{
    /// <summary>1-based column of the TxDtls start tag on <see cref="Line"/>.</summary>
    public int Column { get; init; }

    /// <summary>The creditor reference that plays the KID role: first with type SCOR, or without a type.</summary>
    public string? StructuredReference => CreditorReferences.Scor?.Reference;

    /// <summary>
    /// The one reference to show: the SCOR (or untyped) one, else the first of any type, so a reference of a
    /// bank's own type (QRR) is not lost where a single value is printed.
    /// </summary>
    public string? CreditorReference => CreditorReferences.Primary?.Reference;
}
