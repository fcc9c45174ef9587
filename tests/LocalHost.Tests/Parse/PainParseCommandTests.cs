using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Parse;
using Bankflow.Testing;

namespace Bankflow.LocalHost.Tests.Parse;

public sealed class PainParseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bankflow-pain-parse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, JsonElement Json, string Stderr) Parse(string path)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = ParseCommand.Run([path], stdout, stderr);
        using var doc = JsonDocument.Parse(stdout.ToArray());
        return (exit, doc.RootElement.Clone(), stderr.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private const string Pain001 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn>
          <GrpHdr><MsgId>B-1</MsgId><CreDtTm>2024-05-23T15:02:11+02:00</CreDtTm><NbOfTxs>2</NbOfTxs><CtrlSum>{0}</CtrlSum><InitgPty><Nm>Eksempel AS</Nm></InitgPty></GrpHdr>
          <PmtInf><PmtInfId>B-1-A</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>2</NbOfTxs><CtrlSum>4600.50</CtrlSum>
            <ReqdExctnDt><Dt>2024-05-24</Dt></ReqdExctnDt><Dbtr><Nm>Eksempel AS</Nm></Dbtr>
            <DbtrAcct><Id><Othr><Id>86011117947</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id></DbtrAcct><DbtrAgt><FinInstnId/></DbtrAgt>
            <CdtTrfTxInf><PmtId><InstrId>B-1-1</InstrId><EndToEndId>E2E-1</EndToEndId></PmtId><Amt><InstdAmt Ccy="NOK">4500.00</InstdAmt></Amt>
              <Cdtr><Nm>Strøm &amp; Co AS</Nm></Cdtr><CdtrAcct><Id><Othr><Id>78741234563</Id></Othr></Id></CdtrAcct>
              <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>0042001008772</Ref></CdtrRefInf></Strd></RmtInf></CdtTrfTxInf>
            <CdtTrfTxInf><PmtId><EndToEndId>E2E-2</EndToEndId></PmtId><Amt><InstdAmt Ccy="NOK">100.50</InstdAmt></Amt>
              <Cdtr><Nm>Vest AS</Nm></Cdtr><CdtrAcct><Id><IBAN>NO9386011117947</IBAN></Id></CdtrAcct><RmtInf><Ustrd>Faktura 17</Ustrd></RmtInf></CdtTrfTxInf>
          </PmtInf>
        </CstmrCdtTrfInitn></Document>
        """;

    [Fact]
    public void Pain001_is_printed_with_amounts_in_ore()
    {
        var (exit, json, stderr) = Parse(Write("pay.xml", Pain001.Replace("{0}", "4600.50", StringComparison.Ordinal)));
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal("pain.001", json.GetProperty("format").GetString());
        Assert.Equal("001.09", json.GetProperty("version").GetString());
        Assert.Equal("B-1", json.GetProperty("messageId").GetString());
        Assert.Equal(2, json.GetProperty("numberOfTransactions").GetInt32());
        Assert.Equal(460050, json.GetProperty("controlSum").GetInt64());
        var txs = json.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal([450000L, 10050L], txs.Select(t => t.GetProperty("amount").GetInt64()));
        Assert.Equal(["E2E-1", "E2E-2"], txs.Select(t => t.GetProperty("endToEndId").GetString()));
        Assert.Equal("Strøm & Co AS", txs[0].GetProperty("creditorName").GetString());
        Assert.Equal("0042001008772", txs[0].GetProperty("kid").GetString());
        Assert.Equal(JsonValueKind.Null, txs[0].GetProperty("text").ValueKind);
        Assert.Equal("Faktura 17", txs[1].GetProperty("text").GetString());
        Assert.Equal("NO9386011117947", txs[1].GetProperty("creditorAccount").GetString());
        Assert.All(txs, t => Assert.Equal(("2024-05-24", "86011117947"), (t.GetProperty("requestedExecutionDate").GetString(), t.GetProperty("debtorAccount").GetString())));
        Assert.Equal(0, json.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public void A_wrong_control_sum_makes_the_pain001_invalid()
    {
        var (exit, json, stderr) = Parse(Write("pay.xml", Pain001.Replace("{0}", "4600.00", StringComparison.Ordinal)));
        Assert.Equal(1, exit);
        var diagnostic = json.GetProperty("diagnostics").EnumerateArray().Single();
        Assert.Equal(("error", "CtrlSum", "4600.50", "4600.00"),
            (diagnostic.GetProperty("severity").GetString(), diagnostic.GetProperty("field").GetString(), diagnostic.GetProperty("expected").GetString(), diagnostic.GetProperty("found").GetString()));
        Assert.Contains("CtrlSum does not match", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Pain002_is_printed_with_statuses_and_reasons()
    {
        var path = Write("status.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt>
              <GrpHdr><MsgId>S-1</MsgId><CreDtTm>2024-05-23T15:20:05</CreDtTm></GrpHdr>
              <OrgnlGrpInfAndSts><OrgnlMsgId>B-1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
              <OrgnlPmtInfAndSts><OrgnlPmtInfId>B-1-A</OrgnlPmtInfId><PmtInfSts>PART</PmtInfSts>
                <TxInfAndSts><OrgnlInstrId>B-1-2</OrgnlInstrId><OrgnlEndToEndId>E2E-2</OrgnlEndToEndId><TxSts>RJCT</TxSts>
                  <StsRsnInf><Rsn><Cd>AC01</Cd></Rsn><AddtlInf>Mottakers kontonummer finnes ikke</AddtlInf></StsRsnInf></TxInfAndSts>
              </OrgnlPmtInfAndSts>
            </CstmrPmtStsRpt></Document>
            """);
        var (exit, json, _) = Parse(path);
        Assert.Equal(0, exit);
        Assert.Equal(("pain.002", "001.03", "B-1", "PART"),
            (json.GetProperty("format").GetString(), json.GetProperty("version").GetString(), json.GetProperty("originalMessageId").GetString(), json.GetProperty("groupStatus").GetString()));
        var info = json.GetProperty("paymentInformations").EnumerateArray().Single();
        Assert.Equal(("B-1-A", "PART"), (info.GetProperty("originalPaymentInformationId").GetString(), info.GetProperty("status").GetString()));
        var tx = json.GetProperty("transactions").EnumerateArray().Single();
        Assert.Equal(("E2E-2", "RJCT"), (tx.GetProperty("originalEndToEndId").GetString(), tx.GetProperty("status").GetString()));
        var reason = tx.GetProperty("reasons").EnumerateArray().Single();
        Assert.Equal(("AC01", "incorrect account number", "Mottakers kontonummer finnes ikke"),
            (reason.GetProperty("code").GetString(), reason.GetProperty("description").GetString(), reason.GetProperty("additionalInfo").GetString()));
    }

    [Fact]
    public void Malformed_pain002_exits_1_with_the_line()
    {
        var (exit, json, stderr) = Parse(Write("bad.xml", "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\">\n<CstmrPmtStsRpt>\n<GrpHdr></CstmrPmtStsRpt></Document>"));
        Assert.Equal(1, exit);
        Assert.Equal("pain.002", json.GetProperty("format").GetString());
        var diagnostic = json.GetProperty("diagnostics").EnumerateArray().Single();
        Assert.Equal(4, diagnostic.GetProperty("line").GetInt32());
        Assert.Contains("not well-formed", stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int> Samples => new()
    {
        // sample, format, number of transactions printed (pain.001: all; pain.002: itemised only)
        { "pain.001/samples/synthetic-norway/SYNTHETIC_pain.001.001.03_NO_kid_freetext_invoice.xml", "pain.001", 3 },
        { "pain.001/samples/synthetic-norway/SYNTHETIC_pain.001.001.09_NO_minimal_kid_and_freetext.xml", "pain.001", 2 },
        { "pain.001/samples/iso-mdr_pain.001.001.03_example.xml", "pain.001", 3 },
        { "pain.002/samples/synthetic-norway/SYNTHETIC_pain.002.001.03_NO_1_file_ACTC.xml", "pain.002", 0 },
        { "pain.002/samples/synthetic-norway/SYNTHETIC_pain.002.001.03_NO_2_PART_one_RJCT.xml", "pain.002", 1 },
        { "pain.002/samples/synthetic-norway/SYNTHETIC_pain.002.001.10_NO_RJCT_and_ACSC.xml", "pain.002", 2 },
        { "pain.002/samples/iso-mdr_pain.002.001.03_example1_ACCP.xml", "pain.002", 0 },
        { "pain.002/samples/iso-mdr_pain.002.001.03_example2_RJCT.xml", "pain.002", 1 },
        { "pain.002/samples/swiss-six-variant/postfinance_pain002_PART_tx_RJCT_AC01.xml", "pain.002", 1 },
        { "pain.002/samples/swiss-six-variant/postfinance_pain002_group_ACTC.xml", "pain.002", 0 },
        { "pain.002/samples/swiss-six-variant/postfinance_pain002_pmtinf_RJCT_NARR.xml", "pain.002", 1 },
        { "pain.002/samples/swiss-six-variant/postfinance_pain002_group_RJCT_AM10.xml", "pain.002", 0 },
    };

    [SharedReferenceTheory]
    [MemberData(nameof(Samples))]
    public void Every_reference_sample_parses_valid(string sample, string format, int transactions)
    {
        var (exit, json, stderr) = Parse(Path.Combine(RepositoryPaths.SharedReference!, sample));
        Assert.True(exit == 0, stderr);
        Assert.Equal(format, json.GetProperty("format").GetString());
        Assert.Equal(transactions, json.GetProperty("transactions").GetArrayLength());
    }

    [SharedReferenceFact]
    public void The_PART_sample_prints_its_rejection()
    {
        var (_, json, _) = Parse(Path.Combine(RepositoryPaths.SharedReference!, "pain.002/samples/synthetic-norway/SYNTHETIC_pain.002.001.03_NO_2_PART_one_RJCT.xml"));
        Assert.Equal(1284000, json.GetProperty("originalControlSum").GetInt64());
        var tx = json.GetProperty("transactions")[0];
        Assert.Equal(("E2E-2024-0003", "RJCT", "AC01"), (tx.GetProperty("originalEndToEndId").GetString(), tx.GetProperty("status").GetString(), tx.GetProperty("reasons")[0].GetProperty("code").GetString()));
    }
}
