using System.Text;
using System.Xml.Linq;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Tests.Remittance;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Pain;

public sealed class Pain001WriterTests
{
    /// <summary>
    /// Two PmtInf (Friday and Monday), KID, free text with characters XML must escape, invoice number, IBAN creditor.
    /// Figures by hand: Friday 4500.00 + 7340.50 + 1000.00 = 12840.50 (3 payments); Monday 0.01 (1); total 12840.51 (4).
    /// </summary>
    private static PaymentBatch Batch()
    {
        var monday = new DateOnly(2024, 5, 27);
        var result = PaymentBatchBuilder.Build(Given.Request(
        [
            Given.Kid("E2E-2024-0001", 4500.00m),
            Given.Text("E2E-2024-0002", 7340.50m, "Faktura 117 & 118 <april> \"Ærlig\" Øst"),
            Given.Invoice("E2E-2024-0003", 1000.00m) with { CreditorName = "Smith & Søn <Bergen> AS" },
            Given.Text("E2E-2024-0004", 0.01m) with { CreditorAccount = "NO93 8601 1117 947", RequestedExecutionDate = monday },
        ]));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Batch!;
    }

    private static XNamespace Ns(Pain001Version version) => Pain001Writer.Namespace(version);

    [Theory]
    [InlineData(Pain001Version.V03)]
    [InlineData(Pain001Version.V09)]
    public void Counts_sums_and_amounts_are_right(Pain001Version version)
    {
        var xml = XDocument.Load(new MemoryStream(Pain001Writer.Write(Batch(), version)));
        var ns = Ns(version);
        var header = xml.Root!.Element(ns + "CstmrCdtTrfInitn")!.Element(ns + "GrpHdr")!;
        Assert.Equal("PAY-20240523-0001", header.Element(ns + "MsgId")!.Value);
        Assert.Equal("2024-05-23T15:02:11+02:00", header.Element(ns + "CreDtTm")!.Value);
        Assert.Equal("4", header.Element(ns + "NbOfTxs")!.Value);
        Assert.Equal("12840.51", header.Element(ns + "CtrlSum")!.Value);

        var infos = xml.Descendants(ns + "PmtInf").ToList();
        Assert.Equal(["PAY-20240523-0001-A", "PAY-20240523-0001-B"], infos.Select(i => i.Element(ns + "PmtInfId")!.Value));
        Assert.Equal(["3", "1"], infos.Select(i => i.Element(ns + "NbOfTxs")!.Value));
        Assert.Equal(["12840.50", "0.01"], infos.Select(i => i.Element(ns + "CtrlSum")!.Value));
        Assert.Equal(["4500.00", "7340.50", "1000.00", "0.01"], xml.Descendants(ns + "InstdAmt").Select(a => a.Value));
        Assert.All(xml.Descendants(ns + "InstdAmt"), a => Assert.Equal("NOK", a.Attribute("Ccy")!.Value));

        var dates = infos.Select(i => i.Element(ns + "ReqdExctnDt")!).ToList();
        if (version == Pain001Version.V03)
        {
            Assert.Equal(["2024-05-24", "2024-05-27"], dates.Select(d => d.Value));
            Assert.Equal("DNBANOKK", infos[0].Descendants(ns + "BIC").Single().Value);
        }
        else
        {
            Assert.Equal(["2024-05-24", "2024-05-27"], dates.Select(d => d.Element(ns + "Dt")!.Value));
            Assert.Equal("DNBANOKK", infos[0].Descendants(ns + "BICFI").Single().Value);
        }
    }

    [Fact]
    public void Remittance_styles_and_accounts_use_the_Norwegian_element_choices()
    {
        var ns = Ns(Pain001Version.V03);
        var xml = XDocument.Load(new MemoryStream(Pain001Writer.Write(Batch(), Pain001Version.V03)));
        var txs = xml.Descendants(ns + "CdtTrfTxInf").ToList();

        var kid = txs[0].Element(ns + "RmtInf")!.Element(ns + "Strd")!.Element(ns + "CdtrRefInf")!;
        Assert.Equal("SCOR", kid.Descendants(ns + "Cd").Single().Value);
        Assert.Equal("0042001008772", kid.Element(ns + "Ref")!.Value);
        Assert.Null(txs[0].Descendants(ns + "Ustrd").FirstOrDefault());

        Assert.Equal("Faktura 117 & 118 <april> \"Ærlig\" Øst", txs[1].Descendants(ns + "Ustrd").Single().Value);

        var invoice = txs[2].Descendants(ns + "RfrdDocInf").Single();
        Assert.Equal("CINV", invoice.Descendants(ns + "Cd").Single().Value);
        Assert.Equal("INV-88812", invoice.Element(ns + "Nb")!.Value);
        Assert.Equal("Smith & Søn <Bergen> AS", txs[2].Element(ns + "Cdtr")!.Element(ns + "Nm")!.Value);

        var bban = txs[0].Element(ns + "CdtrAcct")!.Element(ns + "Id")!.Element(ns + "Othr")!;
        Assert.Equal("78741234563", bban.Element(ns + "Id")!.Value);
        Assert.Equal("BBAN", bban.Descendants(ns + "Cd").Single().Value);
        Assert.Equal("NO9386011117947", txs[3].Element(ns + "CdtrAcct")!.Descendants(ns + "IBAN").Single().Value);

        Assert.Equal(["E2E-2024-0001", "E2E-2024-0002", "E2E-2024-0003", "E2E-2024-0004"], txs.Select(t => t.Descendants(ns + "EndToEndId").Single().Value));
        Assert.Equal("974760673", xml.Descendants(ns + "InitgPty").Single().Descendants(ns + "Othr").Single().Element(ns + "Id")!.Value);
    }

    [Fact]
    public void Names_are_escaped_in_the_bytes()
    {
        var text = Encoding.UTF8.GetString(Pain001Writer.Write(Batch(), Pain001Version.V03));
        Assert.Contains("Smith &amp; Søn &lt;Bergen&gt; AS", text, StringComparison.Ordinal);
        Assert.False(text.StartsWith('\uFEFF'));
    }

    [Theory]
    [InlineData(Pain001Version.V03)]
    [InlineData(Pain001Version.V09)]
    public void What_is_written_reads_back_without_findings(Pain001Version version)
    {
        var result = Pain001Reader.Read(new MemoryStream(Pain001Writer.Write(Batch(), version)));
        Assert.Empty(result.Diagnostics);
        var doc = result.Document!;
        Assert.Equal(version == Pain001Version.V03 ? "001.03" : "001.09", doc.Version);
        Assert.Equal(4, doc.NumberOfTransactions);
        Assert.Equal(12840.51m, doc.ControlSum);
        Assert.Equal("2024-05-27", doc.PaymentInformations[1].RequestedExecutionDate);
        Assert.Equal("86011117947", doc.PaymentInformations[0].DebtorAccount);
    }

    [SharedReferenceTheory]
    [InlineData(Pain001Version.V03, "pain.001/xsd/pain.001.001.03.xsd")]
    [InlineData(Pain001Version.V09, "pain.001/xsd/pain.001.001.09.xsd")]
    public void Generated_files_are_valid_against_the_XSD(Pain001Version version, string xsd)
    {
        Assert.Empty(PainSamples.ValidateAgainstXsd(Pain001Writer.Write(Batch(), version), xsd));
        // A bank without a known BIC gets an empty FinInstnId, still schema-valid.
        var other = Batch() with { Bank = Bank.Other };
        Assert.Empty(PainSamples.ValidateAgainstXsd(Pain001Writer.Write(other, version), xsd));
    }

    [SharedReferenceFact]
    public void The_XSD_check_itself_catches_a_broken_file()
    {
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Pain001Writer.Write(Batch(), Pain001Version.V03)).Replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>XXX</PmtMtd>", StringComparison.Ordinal));
        Assert.NotEmpty(PainSamples.ValidateAgainstXsd(broken, "pain.001/xsd/pain.001.001.03.xsd"));
    }
}
