using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets.Document;

/// <summary>One OCR giro payment (amount items 1, 2 and for types 20/21 item 3), with every field of the spec.</summary>
public sealed record OcrTransaction(OcrTransactionRecords Records)
{
    public int AssignmentNumber => Records.AssignmentNumber;

    /// <summary>Line of amount item 1 in the file.</summary>
    public int Line => Records.Line;

    public int TransactionNumber => Records.Item1.TransactionNumber;

    public OcrTransactionType TransactionType => Records.Item1.TransactionType;

    public string TransactionTypeName => NetsTransactionTypes.Name(TransactionType);

    /// <summary>Processing date at Nets (oppgjørsdato); required, so never null in a valid file.</summary>
    public DateOnly? NetsDate => Records.Item1.NetsDate;

    public int CentreId => Records.Item1.CentreId;

    public int DayCode => Records.Item1.DayCode;

    public int PartialSettlementNumber => Records.Item1.PartialSettlementNumber;

    /// <summary>Serial within the partial settlement: the bank statement shows one line per serial number.</summary>
    public int SerialNumber => Records.Item1.SerialNumber;

    /// <summary>True when the sign (position 32) is '-': a credit note or reversal.</summary>
    public bool IsNegative => Records.Item1.IsNegative;

    /// <summary>Signed amount: negative when the sign is '-'.</summary>
    public Money Amount => new(Records.Item1.SignedAmount);

    /// <summary>KID, or null when the field is blank.</summary>
    public string? Kid => Records.Item1.Kid.IsEmpty ? null : Records.Item1.Kid.ToString();

    /// <summary>Which check-digit algorithms the KID satisfies (None: no KID, or it fails both: a warning, not an error).</summary>
    public KidCheck KidCheck => Records.KidCheck;

    public long FormNumber => Records.Item2.FormNumber;

    /// <summary>Archive reference / payer's agreement id / terminal number + session (item 2, 26–34), or null when zeros or blank.</summary>
    public string? ArchiveReference => NullIfZeros(Records.Item2.ArchiveReference.ToString());

    public DateOnly? BankDate => Records.Item2.BankDate;

    /// <summary>Payer's (debited) account, 11 digits, or null when unknown (zeros).</summary>
    public string? DebitAccount => Records.Item2.DebitAccount == 0 ? null : Records.Item2.DebitAccount.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Free text of item 3 (types 20/21), trailing blanks removed; null when there is none.</summary>
    public string? FreeText => Records.Item3 is { } item3 && !item3.FreeText.IsEmpty ? item3.FreeText.ToString() : null;

    private static string? NullIfZeros(string text) => text.Length == 0 || text.AsSpan().IndexOfAnyExcept('0', ' ') < 0 ? null : text;
}

/// <summary>One AvtaleGiro payment claim or cancellation, with its specification (notice text) records.</summary>
public sealed record AvtaleGiroClaim(ClaimRecords Records, IReadOnlyList<SpecificationRecord> Specifications)
{
    public int AssignmentNumber => Records.AssignmentNumber;

    public int Line => Records.Line;

    public int TransactionNumber => Records.Item1.TransactionNumber;

    public AvtaleGiroTransactionType TransactionType => Records.Item1.TransactionType;

    public string TransactionTypeName => NetsTransactionTypes.Name(TransactionType);

    public DateOnly? DueDate => Records.Item1.DueDate;

    public Money Amount => new(Records.Item1.Amount);

    public string? Kid => Records.Item1.Kid.IsEmpty ? null : Records.Item1.Kid.ToString();

    public KidCheck KidCheck => Records.KidCheck;

    /// <summary>Item 2's payer short name; null for a cancellation without item 2.</summary>
    public string? PayerShortName => Records.Item2?.PayerShortName.ToString();

    public string? ExternalReference => Records.Item2 is { ExternalReference.IsEmpty: false } item2 ? item2.ExternalReference.ToString() : null;
}

/// <summary>One AvtaleGiro agreement update from Nets.</summary>
public sealed record AvtaleGiroAgreement(AgreementRecord Record, int AssignmentNumber, int Line)
{
    public int TransactionNumber => Record.TransactionNumber;

    public AgreementRegistrationType RegistrationType => Record.RegistrationType;

    public string? Kid => Record.Kid.IsEmpty ? null : Record.Kid.ToString();

    /// <summary>'J' in position 42: the payer wants a paper notice from the bank.</summary>
    public bool WantsPaperNotice => Record.WantsPaperNotice;
}
