namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY09tt30</c> OCR giro amount item 1 (beløpspost 1): the money.
/// <code>
///  1–8 "NY09" tt "30"   9–15 transaction number (7)   16–21 Nets date DDMMYY   22–23 centre id (2)
///  24–25 day code (2)   26 partial settlement number (1)   27–31 serial number (5)
///  32 sign: '0', or '-' for a negative amount   33–49 amount øre (17)
///  50–74 KID, right-aligned, blank-filled (25)   75–80 zeros
/// </code>
/// </summary>
/// <param name="Amount">The amount field as written: never negative; see <see cref="IsNegative"/> and <see cref="SignedAmount"/>.</param>
public readonly record struct AmountItem1Record(
    OcrTransactionType TransactionType,
    int TransactionNumber,
    DateOnly? NetsDate,
    int CentreId,
    int DayCode,
    int PartialSettlementNumber,
    int SerialNumber,
    bool IsNegative,
    long Amount,
    NetsText Kid)
{
    /// <summary>The amount with the sign of position 32 applied (FORMATS.md V6).</summary>
    public long SignedAmount => IsNegative ? -Amount : Amount;

    public static AmountItem1Record Read(ref NetsFields f, OcrTransactionType type)
    {
        var sign = f.At(32);
        if (f.AllDigits(9, 23) && f.AllDigits(33, 17) && sign is (byte)'0' or (byte)'-')
        {
            // Fast path, the usual case: all numeric fields are digits, so they are read without per-digit checks.
            return new AmountItem1Record(type,
                TransactionNumber: (int)f.Digits(9, 7),
                NetsDate: f.Date(16, "Nets date", required: true),
                CentreId: (int)f.Digits(22, 2),
                DayCode: (int)f.Digits(24, 2),
                PartialSettlementNumber: (int)f.Digits(26, 1),
                SerialNumber: (int)f.Digits(27, 5),
                IsNegative: sign == '-',
                Amount: f.Digits(33, 17),
                Kid: f.Kid(50, 25, "KID"));
        }
        return ReadChecked(ref f, type);
    }

    /// <summary>The slow path: each field checked and reported on its own.</summary>
    private static AmountItem1Record ReadChecked(ref NetsFields f, OcrTransactionType type)
    {
        var number = f.Int(9, 7, "transaction number");
        var date = f.Date(16, "Nets date", required: true);
        var centre = f.Int(22, 2, "centre id");
        var dayCode = f.Int(24, 2, "day code");
        var partial = f.Int(26, 1, "partial settlement number");
        var serial = f.Int(27, 5, "serial number");
        var sign = f.At(32);
        if (sign is not ((byte)'0' or (byte)'-'))
        {
            f.Fail("sign", "'0' or '-'", NetsFields.Show(f.Slice(32, 1)), "sign must be '0' (positive) or '-' (negative)");
        }
        var amount = f.Number(33, 17, "amount");
        var kid = f.Kid(50, 25, "KID");
        return new AmountItem1Record(type, number, date, centre, dayCode, partial, serial, sign == '-', amount, kid);
    }

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)NetsServiceCode.OcrGiro, (int)TransactionType, NetsRecordType.AmountItem1);
        NetsFormat.Digits(TransactionNumber, record.Slice(8, 7));
        NetsDates.Write(NetsDate, record.Slice(15, 6));
        NetsFormat.Digits(CentreId, record.Slice(21, 2));
        NetsFormat.Digits(DayCode, record.Slice(23, 2));
        NetsFormat.Digits(PartialSettlementNumber, record.Slice(25, 1));
        NetsFormat.Digits(SerialNumber, record.Slice(26, 5));
        record[31] = IsNegative ? (byte)'-' : (byte)'0';
        NetsFormat.Digits(Amount, record.Slice(32, 17));
        NetsFormat.Right(Kid, record.Slice(49, 25));
    }
}
