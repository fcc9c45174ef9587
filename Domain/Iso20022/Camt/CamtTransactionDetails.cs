namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>A party of a transaction (RltdPties/Dbtr or Cdtr, with DbtrAcct or CdtrAcct).</summary>
/// <param name="Name">v02 Dbtr/Nm, v08 Dbtr/Pty/Nm.</param>
/// <param name="Account">Account Id/IBAN or Id/Othr/Id, as written.</param>
public sealed record CamtParty(string? Name, string? Account);

/// <summary>A structured creditor reference (RmtInf/Strd/CdtrRefInf).</summary>
/// <param name="Type">Tp/CdOrPrtry/Cd (e.g. SCOR) or Prtry; null when Tp is absent.</param>
public sealed record CamtCreditorReference(string Reference, string? Type);

/// <summary>One TxDtls of an entry.</summary>
/// <param name="Index">1-based position within the entry (over all its NtryDtls).</param>
/// <param name="Amount">v08 TxDtls/Amt, else AmtDtls/TxAmt/Amt; null when neither is given.</param>
/// <param name="Direction">v08 TxDtls/CdtDbtInd; null in v02 (the entry's direction applies).</param>
/// <param name="CreditorReferences">All Strd/CdtrRefInf/Ref; the KID is the first with type SCOR or no type.</param>
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
    IReadOnlyList<CamtCreditorReference> CreditorReferences,
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
    /// <summary>The creditor reference that plays the KID role: first with Tp Cd SCOR, or without a type.</summary>
    public string? StructuredReference
    {
        get
        {
            foreach (var reference in CreditorReferences)
            {
                if (reference.Type is null or "SCOR")
                {
                    return reference.Reference;
                }
            }
            return null;
        }
    }
}
