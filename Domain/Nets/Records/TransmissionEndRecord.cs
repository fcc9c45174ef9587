namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY000089</c> transmission end, last record of every file.
/// <code>
///  1–8  "NY000089"   9–16 number of transactions (8)   17–24 number of records, all of the file incl. 10 and 89 (8)
///  25–41 total amount øre (17)   42–47 Nets date DDMMYY   48–80 zeros
/// </code>
/// </summary>
public readonly record struct TransmissionEndRecord(int TransactionCount, int RecordCount, long TotalAmount, DateOnly? NetsDate)
{
    public static TransmissionEndRecord Read(ref NetsFields f) => new(
        TransactionCount: f.Int(9, 8, "number of transactions"),
        RecordCount: f.Int(17, 8, "number of records"),
        TotalAmount: f.Number(25, 17, "total amount"),
        NetsDate: f.Date(42, "Nets date", required: false));

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, 0, 0, NetsRecordType.TransmissionEnd);
        NetsFormat.Digits(TransactionCount, record.Slice(8, 8));
        NetsFormat.Digits(RecordCount, record.Slice(16, 8));
        NetsFormat.Digits(TotalAmount, record.Slice(24, 17));
        NetsDates.Write(NetsDate, record.Slice(41, 6));
    }
}
