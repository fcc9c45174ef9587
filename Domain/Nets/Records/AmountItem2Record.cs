namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY09tt31</c> OCR giro amount item 2 (beløpspost 2): references and the payer's account.
/// <code>
///  1–8 "NY09" tt "31"   9–15 transaction number (7)   16–25 form number (10)
///  26–34 agreement id / archive reference (9)   35–41 filler, documented as zeros but real files carry digits: kept as is (7)
///  42–47 bank date DDMMYY   48–58 debit account (11; zeros when unknown; not always MOD11-valid)   59–80 zeros
/// </code>
/// </summary>
/// <param name="Reserved">Positions 35–41, kept only so that a file round-trips byte for byte.</param>
public readonly record struct AmountItem2Record(
    OcrTransactionType TransactionType,
    int TransactionNumber,
    long FormNumber,
    NetsText ArchiveReference,
    NetsText Reserved,
    DateOnly? BankDate,
    long DebitAccount)
{
    public static AmountItem2Record Read(ref NetsFields f, OcrTransactionType type)
    {
        if (f.AllDigits(9, 17) && f.AllDigits(48, 11))
        {
            // Fast path: transaction number, form number and debit account are digits.
            return new AmountItem2Record(type,
                TransactionNumber: (int)f.Digits(9, 7),
                FormNumber: f.Digits(16, 10),
                ArchiveReference: f.Text(26, 9),
                Reserved: NetsText.FromLatin1(f.Slice(35, 7)),
                BankDate: f.Date(42, "bank date", required: false),
                DebitAccount: f.Digits(48, 11));
        }
        return ReadChecked(ref f, type);
    }

    /// <summary>
    /// Exactly the checks and diagnostics of <see cref="Read"/>, in the same order, without building the record
    /// (validation only); returns the transaction number. The text fields have nothing to check.
    /// </summary>
    internal static int Check(ref NetsFields f)
    {
        if (f.AllDigits(9, 17) && f.AllDigits(48, 11))
        {
            f.Date(42, "bank date", required: false);
            return (int)f.Digits(9, 7);
        }
        var number = f.Int(9, 7, "transaction number");
        f.Number(16, 10, "form number");
        f.Date(42, "bank date", required: false);
        f.Number(48, 11, "debit account");
        return number;
    }

    private static AmountItem2Record ReadChecked(ref NetsFields f, OcrTransactionType type) => new(
        TransactionType: type,
        TransactionNumber: f.Int(9, 7, "transaction number"),
        FormNumber: f.Number(16, 10, "form number"),
        ArchiveReference: f.Text(26, 9),
        Reserved: NetsText.FromLatin1(f.Slice(35, 7)),
        BankDate: f.Date(42, "bank date", required: false),
        DebitAccount: f.Number(48, 11, "debit account"));

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)NetsServiceCode.OcrGiro, (int)TransactionType, NetsRecordType.AmountItem2);
        NetsFormat.Digits(TransactionNumber, record.Slice(8, 7));
        NetsFormat.Digits(FormNumber, record.Slice(15, 10));
        NetsFormat.Left(ArchiveReference, record.Slice(25, 9));
        if (!Reserved.IsEmpty)
        {
            NetsFormat.Left(Reserved, record.Slice(34, 7));
        }
        NetsDates.Write(BankDate, record.Slice(41, 6));
        NetsFormat.Digits(DebitAccount, record.Slice(47, 11));
    }
}
