namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY..xx20</c> assignment start (oppdrag start). OCR giro <c>NY090020</c>; AvtaleGiro claims <c>NY210020</c>,
/// agreements <c>NY212420</c>, cancellations <c>NY213620</c>.
/// <code>
///  1–2 "NY"   3–4 service code   5–6 assignment type   7–8 "20"
///  9–17 agreement id (9; zeros for AvtaleGiro agreements/cancellations)   18–24 assignment number (7)
///  25–35 assignment account, 11-digit BBAN   36–80 zeros
/// </code>
/// </summary>
public readonly record struct AssignmentStartRecord(
    NetsServiceCode ServiceCode,
    int AssignmentType,
    long AgreementId,
    int AssignmentNumber,
    long Account)
{
    public static AssignmentStartRecord Read(ref NetsFields f, NetsServiceCode service, int type) => new(
        ServiceCode: service,
        AssignmentType: type,
        AgreementId: f.Number(9, 9, "agreement id"),
        AssignmentNumber: f.Int(18, 7, "assignment number"),
        Account: f.Number(25, 11, "assignment account"));

    /// <summary>The account as its 11 digits.</summary>
    public string AccountText => Account.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, (int)ServiceCode, AssignmentType, NetsRecordType.AssignmentStart);
        NetsFormat.Digits(AgreementId, record.Slice(8, 9));
        NetsFormat.Digits(AssignmentNumber, record.Slice(17, 7));
        NetsFormat.Digits(Account, record.Slice(24, 11));
    }
}
