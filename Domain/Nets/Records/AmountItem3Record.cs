namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY09tt32</c> OCR giro amount item 3 (beløpspost 3), only for transaction types 20 and 21.
/// <code>
///  1–8 "NY09" tt "32"   9–15 transaction number (7)   16–55 free-text message (40)   56–80 zeros
/// </code>
/// </summary>
public readonly record struct AmountItem3Record(OcrTransactionType TransactionType, int TransactionNumber, NetsText FreeText)
{
    public static AmountItem3Record Read(ref NetsFields f, OcrTransactionType type) => new(
        TransactionType: type,
        TransactionNumber: f.Int(9, 7, "transaction number"),
        FreeText: f.Text(16, 40));

    /// <summary>The checks of <see cref="Read"/> without building the record (validation only): the transaction number.</summary>
    internal static int Check(ref NetsFields f) => f.Int(9, 7, "transaction number");

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)NetsServiceCode.OcrGiro, (int)TransactionType, NetsRecordType.AmountItem3);
        NetsFormat.Digits(TransactionNumber, record.Slice(8, 7));
        NetsFormat.Left(FreeText, record.Slice(15, 40));
    }
}
