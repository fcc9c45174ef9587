namespace Bankflow.Domain.Nets.Records;

/// <summary>
/// <c>NY000010</c> transmission start (forsendelse start), first record of every file.
/// <code>
///  1–2  format code "NY"        3–4  service "00"   5–6  transmission type "00"   7–8  record type "10"
///  9–16 data transmitter (8)    17–23 transmission number (7)   24–31 data recipient (8)   32–80 zeros
/// </code>
/// </summary>
/// <param name="DataTransmitter">Sender's customer unit id; Nets is 00008080.</param>
/// <param name="TransmissionNumber">Serial set by the sender; used to spot re-delivered files.</param>
/// <param name="DataRecipient">Recipient's customer unit id; 00008080 when sending to Nets.</param>
public readonly record struct TransmissionStartRecord(int DataTransmitter, int TransmissionNumber, int DataRecipient)
{
    public static TransmissionStartRecord Read(ref NetsFields f) => new(
        DataTransmitter: f.Int(9, 8, "data transmitter"),
        TransmissionNumber: f.Int(17, 7, "transmission number"),
        DataRecipient: f.Int(24, 8, "data recipient"));

    public void WriteTo(Span<byte> record)
    {
        record[..NetsRecord.Length].Fill((byte)'0');
        NetsFormat.Header(record, 0, 0, NetsRecordType.TransmissionStart);
        NetsFormat.Digits(DataTransmitter, record.Slice(8, 8));
        NetsFormat.Digits(TransmissionNumber, record.Slice(16, 7));
        NetsFormat.Digits(DataRecipient, record.Slice(23, 8));
    }
}
