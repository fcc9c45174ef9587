namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY21tt30</c> AvtaleGiro claim item 1 (tt 02 or 21 payment claim, 93 cancellation).
/// <code>
///  1–8 "NY21" tt "30"   9–15 transaction number (7)   16–21 due date DDMMYY   22–32 blanks (11)
///  33–49 amount øre (17)   50–74 KID, right-aligned, mandatory (25)   75–80 zeros
/// </code>
/// </summary>
public readonly record struct ClaimItem1Record(
    AvtaleGiroTransactionType TransactionType,
    int TransactionNumber,
    DateOnly? DueDate,
    long Amount,
    NetsText Kid)
{
    public static ClaimItem1Record Read(ref NetsFields f, AvtaleGiroTransactionType type) => new(
        TransactionType: type,
        TransactionNumber: f.Int(9, 7, "transaction number"),
        DueDate: f.Date(16, "due date", required: true),
        Amount: f.Number(33, 17, "amount"),
        Kid: f.Kid(50, 25, "KID"));

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)NetsServiceCode.AvtaleGiro, (int)TransactionType, NetsRecordType.AmountItem1);
        NetsFormat.Digits(TransactionNumber, record.Slice(8, 7));
        NetsDates.Write(DueDate, record.Slice(15, 6));
        record.Slice(21, 11).Fill((byte)' ');
        NetsFormat.Digits(Amount, record.Slice(32, 17));
        NetsFormat.Right(Kid, record.Slice(49, 25));
    }
}
