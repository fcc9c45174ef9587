namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY212149</c> AvtaleGiro specification (notification text for the payer), 0–84 right after claim item 2 of a tt 21 claim.
/// <code>
///  1–8 "NY212149"   9–15 transaction number (7)   16 message type, "4" (1)   17–19 line 001–042 (3)
///  20 column 1 or 2 (1)   21–60 text (40)   61–80 zeros
/// </code>
/// </summary>
public readonly record struct SpecificationRecord(int TransactionNumber, int MessageType, int LineNumber, int Column, NetsText Text)
{
    public static SpecificationRecord Read(ref NetsFields f)
    {
        var number = f.Int(9, 7, "transaction number");
        var messageType = f.Int(16, 1, "message type");
        var line = f.Int(17, 3, "line");
        var column = f.Int(20, 1, "column");
        if (f.Ok && (line is < 1 or > 42 || column is < 1 or > 2))
        {
            f.Fail(line is < 1 or > 42 ? "line" : "column", "line 001–042, column 1 or 2",
                NetsFields.Show(f.Slice(17, 4)), "specification line or column out of range");
        }
        // Text is kept as written, trailing blanks too: it is laid out for a printed notice.
        return new SpecificationRecord(number, messageType, line, column, NetsText.FromLatin1(f.Slice(21, 40)));
    }

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)NetsServiceCode.AvtaleGiro, (int)AvtaleGiroTransactionType.ClaimBankNotifies, NetsRecordType.Specification);
        NetsFormat.Digits(TransactionNumber, record.Slice(8, 7));
        NetsFormat.Digits(MessageType, record.Slice(15, 1));
        NetsFormat.Digits(LineNumber, record.Slice(16, 3));
        NetsFormat.Digits(Column, record.Slice(19, 1));
        NetsFormat.Left(Text, record.Slice(20, 40));
    }
}
