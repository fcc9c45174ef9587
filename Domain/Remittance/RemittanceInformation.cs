using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>What the payee sees with the money: a KID, a free-text message or an invoice number — exactly one.</summary>
public abstract record RemittanceInformation
{
    private protected RemittanceInformation()
    {
    }

    /// <summary>ISO 20022 Ustrd is Max140Text.</summary>
    public const int MaxTextLength = 140;

    /// <summary>ISO 20022 RfrdDocInf/Nb is Max35Text.</summary>
    public const int MaxInvoiceNumberLength = 35;
}

/// <summary>A KID: sent as a structured creditor reference (SCOR), with no free text (banks reject both).</summary>
public sealed record KidReference(Kid Kid) : RemittanceInformation;

/// <summary>A free-text message (unstructured remittance information, Ustrd).</summary>
public sealed record FreeText(string Text) : RemittanceInformation;

/// <summary>The payee's invoice number (structured referred document, type CINV).</summary>
public sealed record InvoiceReference(string Number) : RemittanceInformation;
