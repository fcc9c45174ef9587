namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY21tt31</c> AvtaleGiro claim item 2.
/// <code>
///  1–8 "NY21" tt "31"   9–15 transaction number (7)   16–25 payer's short name (10)   26–50 blanks (25)
///  51–75 external reference (25)   76–80 zeros
/// </code>
/// </summary>
public readonly record struct ClaimItem2Record(
    AvtaleGiroTransactionType TransactionType,
    int TransactionNumber,
    NetsText PayerShortName,
    NetsText ExternalReference)
{
    public static ClaimItem2Record Read(ref NetsFields f, AvtaleGiroTransactionType type) => new(
        TransactionType: type,
        TransactionNumber: f.Int(9, 7, "transaction number"),
        PayerShortName: f.Text(16, 10),
        ExternalReference: f.Text(51, 25));

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)NetsServiceCode.AvtaleGiro, (int)TransactionType, NetsRecordType.AmountItem2);
        NetsFormat.Digits(TransactionNumber, record.Slice(8, 7));
        NetsFormat.Left(PayerShortName, record.Slice(15, 10));
        record.Slice(25, 25).Fill((byte)' ');
        NetsFormat.Left(ExternalReference, record.Slice(50, 25));
    }
}
