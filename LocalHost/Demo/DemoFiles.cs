using System.Globalization;
using System.Text;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Demo;

/// <summary>A sample file for the local run: where it is dropped and its bytes.</summary>
public sealed record DemoFile(string Channel, string Name, byte[] Content, string Shows);

/// <summary>One payment of an OCR giro assignment: transaction type (10, 12, 13 …), amount in øre, KID, payer's account.</summary>
public sealed record OcrPayment(int TransactionType, long Ore, string Kid, string PayerAccount);

/// <summary>
/// The project's own sample bank files for <c>./bankflow run</c>, generated here (never copied from
/// ../shared): a Nets OCR giro shipment, a camt.054 KID notification, the same OCR file again under
/// another name, an empty file and a file that is no bank file at all.
/// </summary>
public static class DemoFiles
{
    /// <summary>
    /// The customer unit id (kundeenhetsid) the demo OCR files are addressed to as data recipient, and so the local run's
    /// <c>Bankflow:Nets:DataRecipient</c>: the id the seeds name for the ERP's data recipient at Nets.
    /// </summary>
    public const string NetsDataRecipient = "00105625";

    /// <summary>The demo client's operating account (valid MOD11).</summary>
    public static string ClientAccount { get; } = WithMod11("1503123456");

    public static IReadOnlyList<DemoFile> Create(DateOnly today)
    {
        var ocr = OcrGiro(today, transmissionNumber: 1);
        return
        [
            new DemoFile("nets", $"OCR.{today:yyyyMMdd}.001.txt", ocr, "a Nets OCR giro shipment with three KID payments"),
            new DemoFile("dnb", $"camt054-{today:yyyyMMdd}.xml", Camt054(today), "a camt.054 credit notification with a KID batch"),
            new DemoFile("upload", "ocr-copy-renamed.txt", ocr, "the same OCR file again under another name: one import, not two"),
            new DemoFile("nets", "empty.txt", [], "an empty file delivered to the inbox: quarantined with a reason"),
            new DemoFile("upload", "empty-upload.txt", [], "an empty upload: refused by the API, nothing stored"),
            new DemoFile("upload", "holiday-photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00], "not a bank file: quarantined with a reason"),
        ];
    }

    /// <summary>One assignment of three payments (types 10, 13 and 12), totals and counts computed.</summary>
    public static byte[] OcrGiro(DateOnly date, int transmissionNumber) => OcrGiro(date, transmissionNumber, ClientAccount,
    [
        new OcrPayment(10, 125_000, Kid.WithCheckDigit("10023401", KidCheck.Mod10), WithMod11("9710050001")),
        new OcrPayment(13, 49_950, Kid.WithCheckDigit("10023402", KidCheck.Mod10), WithMod11("1207050002")),
        new OcrPayment(12, 1_234_567, Kid.WithCheckDigit("2001", KidCheck.Mod11), WithMod11("3000120003")),
    ]);

    /// <summary>
    /// A Nets OCR giro shipment of one assignment crediting <paramref name="account"/>, addressed to
    /// <see cref="NetsDataRecipient"/> (the import refuses a shipment for another data recipient); totals and counts computed.
    /// A client's shipments from one data sender are numbered in sequence: a gap is reported, a number reused with other
    /// content refused.
    /// </summary>
    public static byte[] OcrGiro(DateOnly date, int transmissionNumber, string account, IReadOnlyList<OcrPayment> payments)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(payments);
        var netsDate = date.ToString("ddMMyy", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"NY000010{"00008080"}{transmissionNumber:D7}{NetsDataRecipient}{new string('0', 49)}",
            $"NY090020{"001234567"}{1:D7}{account}{new string('0', 45)}",
        };
        long total = 0;
        for (var i = 0; i < payments.Count; i++)
        {
            var p = payments[i];
            var n = i + 1;
            total += p.Ore;
            lines.Add($"NY09{p.TransactionType:D2}30{n:D7}{netsDate}01{date.Day:D2}0{n:D5}0{p.Ore:D17}{p.Kid,25}000000");
            lines.Add($"NY09{p.TransactionType:D2}31{n:D7}{new string('0', 10)}{n:D9}{new string('0', 7)}{netsDate}{p.PayerAccount}{new string('0', 22)}");
        }
        var assignmentRecords = 2 + (payments.Count * 2);
        lines.Add($"NY090088{payments.Count:D8}{assignmentRecords:D8}{total:D17}{netsDate}{netsDate}{netsDate}{new string('0', 21)}");
        lines.Add($"NY000089{payments.Count:D8}{assignmentRecords + 2:D8}{total:D17}{netsDate}{new string('0', 33)}");
        return Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n");
    }

    /// <summary>A camt.054.001.02 notification: one KID batch entry of two payments.</summary>
    public static byte[] Camt054(DateOnly date)
    {
        var d = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var kid1 = Kid.WithCheckDigit("5550001", KidCheck.Mod10);
        var kid2 = Kid.WithCheckDigit("5550002", KidCheck.Mod11);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
              <BkToCstmrDbtCdtNtfctn>
                <GrpHdr><MsgId>DEMO-054-{date:yyyyMMdd}</MsgId><CreDtTm>{d}T06:00:00</CreDtTm></GrpHdr>
                <Ntfctn>
                  <Id>DEMO-NTF-{date:yyyyMMdd}</Id>
                  <CreDtTm>{d}T06:00:00</CreDtTm>
                  <Acct><Id><Othr><Id>{ClientAccount}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id><Ccy>NOK</Ccy></Acct>
                  <Ntry>
                    <Amt Ccy="NOK">3500.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{d}</Dt></BookgDt>
                    <ValDt><Dt>{d}</Dt></ValDt>
                    <AcctSvcrRef>DEMO-KID-{date:yyyyMMdd}</AcctSvcrRef>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls>
                      <Btch><NbOfTxs>2</NbOfTxs><TtlAmt Ccy="NOK">3500.00</TtlAmt><CdtDbtInd>CRDT</CdtDbtInd></Btch>
                      <TxDtls>
                        <Refs><AcctSvcrRef>DEMO-KID-{date:yyyyMMdd}-1</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                        <AmtDtls><TxAmt><Amt Ccy="NOK">1500.00</Amt></TxAmt></AmtDtls>
                        <RltdPties><Dbtr><Nm>Kari Nordmann</Nm></Dbtr></RltdPties>
                        <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{kid1}</Ref></CdtrRefInf></Strd></RmtInf>
                      </TxDtls>
                      <TxDtls>
                        <Refs><AcctSvcrRef>DEMO-KID-{date:yyyyMMdd}-2</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                        <AmtDtls><TxAmt><Amt Ccy="NOK">2000.00</Amt></TxAmt></AmtDtls>
                        <RltdPties><Dbtr><Nm>Ola Nordmann AS</Nm></Dbtr></RltdPties>
                        <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{kid2}</Ref></CdtrRefInf></Strd></RmtInf>
                      </TxDtls>
                    </NtryDtls>
                  </Ntry>
                </Ntfctn>
              </BkToCstmrDbtCdtNtfctn>
            </Document>
            """;
        return Encoding.UTF8.GetBytes(xml);
    }

    /// <summary>Completes ten digits to a MOD11-valid account number (the ten are chosen so that one exists).</summary>
    public static string WithMod11(string first10)
    {
        var check = CheckDigits.Mod11(first10);
        return check == 10 ? throw new ArgumentException("no MOD11 check digit exists for " + first10) : first10 + (char)('0' + check);
    }
}
