using System.Text;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Pain;

public sealed class Pain001ReaderTests
{
    private static Pain001ReadResult Read(string xml) => Pain001Reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    private const string Head = """<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn>""";
    private const string Tail = "</CstmrCdtTrfInitn></Document>";

    private static string Tx(string e2e, string amount) =>
        $"<CdtTrfTxInf><PmtId><EndToEndId>{e2e}</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"NOK\">{amount}</InstdAmt></Amt><Cdtr><Nm>X</Nm></Cdtr>"
        + "<CdtrAcct><Id><Othr><Id>78741234563</Id></Othr></Id></CdtrAcct><RmtInf><Ustrd>t</Ustrd></RmtInf></CdtTrfTxInf>";

    private static string File(string groupCount, string groupSum, string infoCount, string infoSum, params string[] txs) =>
        Head + $"<GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-05-23T10:00:00</CreDtTm><NbOfTxs>{groupCount}</NbOfTxs><CtrlSum>{groupSum}</CtrlSum><InitgPty><Nm>A</Nm></InitgPty></GrpHdr>"
        + $"<PmtInf><PmtInfId>P1</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>{infoCount}</NbOfTxs><CtrlSum>{infoSum}</CtrlSum><ReqdExctnDt>2024-05-24</ReqdExctnDt>"
        + "<Dbtr><Nm>A</Nm></Dbtr><DbtrAcct><Id><Othr><Id>86011117947</Id></Othr></Id></DbtrAcct><DbtrAgt><FinInstnId/></DbtrAgt>"
        + string.Concat(txs) + "</PmtInf>" + Tail;

    [Fact]
    public void Consistent_counts_and_sums_give_no_findings()
    {
        var result = Read(File("2", "150.50", "2", "150.50", Tx("E1", "100.00"), Tx("E2", "50.50")));
        Assert.Empty(result.Diagnostics);
        Assert.Equal([100.00m, 50.50m], result.Document!.PaymentInformations[0].Transactions.Select(t => t.Amount!.Value));
    }

    [Fact]
    public void Wrong_counts_and_sums_are_errors_at_both_levels()
    {
        var result = Read(File("3", "150.00", "1", "150.49", Tx("E1", "100.00"), Tx("E2", "50.50")));
        Assert.Equal(
        [
            ("/Document/CstmrCdtTrfInitn/PmtInf[1]/NbOfTxs", "2", "1"),
            ("/Document/CstmrCdtTrfInitn/PmtInf[1]/CtrlSum", "150.50", "150.49"),
            ("/Document/CstmrCdtTrfInitn/GrpHdr/NbOfTxs", "2", "3"),
            ("/Document/CstmrCdtTrfInitn/GrpHdr/CtrlSum", "150.50", "150.00"),
        ],
        result.Diagnostics.Select(d => (d.Path!, d.Expected!, d.Found!)));
        Assert.All(result.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void Amounts_with_more_than_two_decimals_are_errors()
    {
        var result = Read(File("1", "1.005", "1", "1.005", Tx("E1", "1.005")));
        Assert.True(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d.Field == "InstdAmt" && d.Found == "1.005" && d.Path!.EndsWith("CdtTrfTxInf[1]/Amt/InstdAmt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<Document", "not well-formed")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><Document/>""", "DTD")]
    [InlineData("""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrPmtStsRpt/></Document>""", "CstmrCdtTrfInitn")]
    [InlineData("""<Foo/>""", "<Document>")]
    [InlineData("", "not well-formed")]
    public void Malformed_input_is_a_diagnostic_never_an_exception(string xml, string expected)
    {
        var result = Read(xml);
        Assert.Null(result.Document);
        Assert.Contains(expected, Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    /// <summary>Figures from the sample's own comment, checked by hand: 4500.00 + 7340.00 + 1000.00 = 12840.00, three transactions.</summary>
    [SharedReferenceFact]
    public void Synthetic_Norwegian_pain001_v03()
    {
        using var file = PainSamples.Open(PainSamples.Pain001V03);
        var result = Pain001Reader.Read(file);
        Assert.Empty(result.Diagnostics);
        var doc = result.Document!;
        Assert.Equal(("001.03", "PAY-20240523-0001", 3, 12840.00m), (doc.Version, doc.MessageId, doc.NumberOfTransactions, doc.ControlSum));
        var info = Assert.Single(doc.PaymentInformations);
        Assert.Equal(("PAY-20240523-0001-A", "2024-05-24", "NO9386011117947"), (info.PaymentInformationId, info.RequestedExecutionDate, info.DebtorAccount));
        Assert.Equal(
        [
            ("E2E-2024-0001", 4500.00m, "0042001008772", (string?)null, (string?)null),
            ("E2E-2024-0002", 7340.00m, null, "Faktura 2024-117 april", null),
            ("E2E-2024-0003", 1000.00m, null, null, "INV-88812"),
        ],
        info.Transactions.Select(t => (t.EndToEndId!, t.Amount!.Value, t.CreditorReference, t.Text, t.InvoiceNumber)));
    }

    /// <summary>4999.00 + 1000.00 = 5999.00; ReqdExctnDt/Dt in .09; no PmtInf-level NbOfTxs/CtrlSum in this sample.</summary>
    [SharedReferenceFact]
    public void Synthetic_Norwegian_pain001_v09()
    {
        using var file = PainSamples.Open(PainSamples.Pain001V09);
        var result = Pain001Reader.Read(file);
        Assert.Empty(result.Diagnostics);
        var doc = result.Document!;
        Assert.Equal(("001.09", 2, 5999.00m), (doc.Version, doc.NumberOfTransactions, doc.ControlSum));
        var info = Assert.Single(doc.PaymentInformations);
        Assert.Equal(("2024-05-24", "86011117947", (int?)null), (info.RequestedExecutionDate, info.DebtorAccount, info.NumberOfTransactions));
        Assert.Equal(["10002389", null], info.Transactions.Select(t => t.CreditorReference));
        Assert.Equal("Medlemskontingent 2024, Ola Nordmann", info.Transactions[1].Text);
    }

    /// <summary>
    /// The ISO MDR example mixes currencies (10000000 JPY + 500000 EUR + 1000000 USD = 11500000 "CtrlSum", a plain sum
    /// of the numbers as ISO defines it) and has no Norwegian accounts: it reads without errors.
    /// </summary>
    [SharedReferenceFact]
    public void Iso_mdr_pain001_example()
    {
        using var file = PainSamples.Open(PainSamples.Pain001IsoMdr);
        var result = Pain001Reader.Read(file);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        var doc = result.Document!;
        Assert.Equal((3, 11500000m), (doc.NumberOfTransactions, doc.ControlSum));
        Assert.Equal(["JPY", "EUR", "USD"], doc.PaymentInformations[0].Transactions.Select(t => t.Currency!));
        Assert.Equal(["4562", "ABC-13679", "987-AC"], doc.PaymentInformations[0].Transactions.Select(t => t.InvoiceNumber!));
    }
}
