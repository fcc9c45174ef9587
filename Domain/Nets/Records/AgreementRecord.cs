namespace Bankflow.Domain.Nets.Records;

/// <summary>Positions 16 of an AvtaleGiro agreement record.</summary>
public enum AgreementRegistrationType
{
    /// <summary>"0": active agreement (full list).</summary>
    Active = 0,

    /// <summary>"1": new or changed agreement.</summary>
    NewOrChanged = 1,

    /// <summary>"2": deleted agreement.</summary>
    Deleted = 2,
}

/// <summary>
/// <c>NY219470</c> AvtaleGiro agreement (avtalerecord), from Nets.
/// <code>
///  1–8 "NY219470"   9–15 transaction number (7)   16 registration type 0/1/2 (1)
///  17–41 KID, right-aligned (25)   42 'J'/'N': payer wants a paper notice from the bank (1)   43–80 zeros
/// </code>
/// </summary>
public readonly record struct AgreementRecord(int TransactionNumber, AgreementRegistrationType RegistrationType, NetsText Kid, bool WantsPaperNotice)
{
    public static AgreementRecord Read(ref NetsFields f)
    {
        var number = f.Int(9, 7, "transaction number");
        var registration = f.Int(16, 1, "registration type");
        if (f.Ok && registration > 2)
        {
            f.Fail("registration type", "0, 1 or 2", NetsFields.Show(f.Slice(16, 1)), "unknown registration type");
        }
        var kid = f.Kid(17, 25, "KID");
        var notice = f.At(42);
        if (notice is not ((byte)'J' or (byte)'N'))
        {
            f.Fail("notice", "'J' or 'N'", NetsFields.Show(f.Slice(42, 1)), "paper notice flag must be J (yes) or N (no)");
        }
        return new AgreementRecord(number, (AgreementRegistrationType)registration, kid, notice == 'J');
    }

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)NetsServiceCode.AvtaleGiro, (int)AvtaleGiroTransactionType.Agreement, NetsRecordType.Agreement);
        NetsFormat.Digits(TransactionNumber, record.Slice(8, 7));
        NetsFormat.Digits((int)RegistrationType, record.Slice(15, 1));
        NetsFormat.Right(Kid, record.Slice(16, 25));
        record[41] = WantsPaperNotice ? (byte)'J' : (byte)'N';
    }
}
