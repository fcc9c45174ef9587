namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY..xx88</c> assignment end (oppdrag slutt). The date layout differs by service:
/// <code>
///  1–8 "NY" service type "88"   9–16 number of transactions (8)   17–24 number of records, 20 to 88 inclusive (8)
///  25–41 total amount øre (17)
///  OCR giro (09):   42–47 Nets date   48–53 earliest Nets date   54–59 latest Nets date   60–80 zeros
///  AvtaleGiro (21): 42–47 earliest due date   48–53 latest due date   54–80 zeros (agreements: all zeros from 25)
/// </code>
/// </summary>
/// <param name="NetsDate">OCR giro only: the date the assignment was made; null for AvtaleGiro.</param>
public readonly record struct AssignmentEndRecord(
    NetsServiceCode ServiceCode,
    int AssignmentType,
    int TransactionCount,
    int RecordCount,
    long TotalAmount,
    DateOnly? NetsDate,
    DateOnly? EarliestDate,
    DateOnly? LatestDate)
{
    public static AssignmentEndRecord Read(ref NetsFields f, NetsServiceCode service, int type)
    {
        var transactions = f.Int(9, 8, "number of transactions");
        var records = f.Int(17, 8, "number of records");
        var total = f.Number(25, 17, "total amount");
        if (service == NetsServiceCode.OcrGiro)
        {
            return new AssignmentEndRecord(service, type, transactions, records, total,
                NetsDate: f.Date(42, "Nets date", required: false),
                EarliestDate: f.Date(48, "earliest Nets date", required: false),
                LatestDate: f.Date(54, "latest Nets date", required: false));
        }
        return new AssignmentEndRecord(service, type, transactions, records, total,
            NetsDate: null,
            EarliestDate: f.Date(42, "earliest due date", required: false),
            LatestDate: f.Date(48, "latest due date", required: false));
    }

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)ServiceCode, AssignmentType, NetsRecordType.AssignmentEnd);
        NetsFormat.Digits(TransactionCount, record.Slice(8, 8));
        NetsFormat.Digits(RecordCount, record.Slice(16, 8));
        NetsFormat.Digits(TotalAmount, record.Slice(24, 17));
        if (ServiceCode == NetsServiceCode.OcrGiro)
        {
            NetsDates.Write(NetsDate, record.Slice(41, 6));
            NetsDates.Write(EarliestDate, record.Slice(47, 6));
            NetsDates.Write(LatestDate, record.Slice(53, 6));
        }
        else
        {
            NetsDates.Write(EarliestDate, record.Slice(41, 6));
            NetsDates.Write(LatestDate, record.Slice(47, 6));
        }
    }
}
