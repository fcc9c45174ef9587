using System.Security.Cryptography;
using System.Text;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Nets;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.HostileInput;

/// <summary>A file quarantined before any format's reader saw it still says where the problem is (found by the hostile-input corpus).</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class QuarantineReasonTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_Nets_shipment_number_seen_with_other_content_is_quarantined_naming_the_transmission_start()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        // Addressed to the data recipient the app is configured with: a file for another one is refused before this check.
        var ours = new OcrGeneratorOptions { DataRecipient = TestApp.NetsDataRecipient };
        var first = new OcrFileGenerator(41).Generate(ours).Content;
        // Another file under the same transmission start (transmitter, number, recipient): valid, but other content.
        var other = new OcrFileGenerator(42).Generate(ours).Content;
        var second = first.AsSpan(0, Array.IndexOf(first, (byte)'\n')).ToArray().Concat(other.Skip(Array.IndexOf(other, (byte)'\n'))).ToArray();

        Assert.Equal(FileImportStatus.Imported, (await ImportAsync(app, client, "OCR.1.txt", first)).Status);
        var record = await ImportAsync(app, client, "OCR.2.txt", second);

        Assert.Equal(FileImportStatus.Quarantined, record.Status);
        Assert.StartsWith("line 1, record 10, field transmission number: ", record.Reason, StringComparison.Ordinal);
        Assert.Contains("different content", record.Reason, StringComparison.Ordinal);
    }

    private static async Task<FileImportRecord> ImportAsync(TestApp app, Domain.Values.ClientId client, string name, byte[] bytes)
    {
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient($"{client.Value}/nets/{name}");
        await blob.UploadAsync(BinaryData.FromBytes(bytes));
        await app.Function<ImportBankFileFunction>().RunAsync(blob, client.Value, "nets", name, CancellationToken.None);
        return (await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, Convert.ToHexStringLower(SHA256.HashData(bytes)), CancellationToken.None))!;
    }

    [Theory]
    [InlineData("\r\n\r\nGIF89a……", "line 3, column 1: not a recognised bank file")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document>&x;</Document>", "line 2, column 1: XML with a DOCTYPE")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02\"/>", "line 1, column 40: ISO 20022 message camt.052")]
    public async Task An_unrecognised_file_is_quarantined_with_the_place_in_its_reason(string content, string reason)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        var bytes = Encoding.UTF8.GetBytes(content);
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient($"{client.Value}/dnb/file.xml");
        await blob.UploadAsync(BinaryData.FromBytes(bytes));

        await app.Function<ImportBankFileFunction>().RunAsync(blob, client.Value, "dnb", "file.xml", CancellationToken.None);

        var record = await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, Convert.ToHexStringLower(SHA256.HashData(bytes)), CancellationToken.None);
        Assert.Equal(FileImportStatus.Quarantined, record!.Status);
        Assert.StartsWith(reason, record.Reason, StringComparison.Ordinal);
    }

    private const string Pain001 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn>
          <GrpHdr><MsgId>B-1</MsgId><CreDtTm>2024-05-23T15:02:11+02:00</CreDtTm><NbOfTxs>{0}</NbOfTxs><CtrlSum>100.50</CtrlSum><InitgPty><Nm>Eksempel AS</Nm></InitgPty></GrpHdr>
          <PmtInf><PmtInfId>B-1-A</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>1</NbOfTxs><CtrlSum>100.50</CtrlSum>
            <ReqdExctnDt><Dt>2024-05-24</Dt></ReqdExctnDt><Dbtr><Nm>Eksempel AS</Nm></Dbtr>
            <DbtrAcct><Id><Othr><Id>86011117947</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id></DbtrAcct><DbtrAgt><FinInstnId/></DbtrAgt>
            <CdtTrfTxInf><PmtId><EndToEndId>E2E-2</EndToEndId></PmtId><Amt><InstdAmt Ccy="NOK">100.50</InstdAmt></Amt>
              <Cdtr><Nm>Vest AS</Nm></Cdtr><CdtrAcct><Id><IBAN>NO9386011117947</IBAN></Id></CdtrAcct><RmtInf><Ustrd>Faktura 17</Ustrd></RmtInf></CdtTrfTxInf>
          </PmtInf>
        </CstmrCdtTrfInitn></Document>
        """;

    [Fact]
    public async Task A_pain001_in_the_inbox_is_recorded_when_valid_and_quarantined_with_the_place_when_not()
    {
        // Found by the hostile-input corpus (seed 11, count 3000, case 932): a damaged status report that now read as a
        // pain.001 was recorded as imported — no importer read pain.001 files, so none could refuse one.
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();

        var valid = await ImportXmlAsync(app, client, "valid.xml", Pain001.Replace("{0}", "1", StringComparison.Ordinal));
        var broken = await ImportXmlAsync(app, client, "broken.xml", Pain001.Replace("{0}", "2", StringComparison.Ordinal));

        Assert.Equal((FileImportStatus.Imported, "pain.001", 0), (valid.Status, valid.Format, valid.EntryCount));
        Assert.Equal(FileImportStatus.Quarantined, broken.Status);
        Assert.Contains("/Document/CstmrCdtTrfInitn/GrpHdr/NbOfTxs", broken.Reason, StringComparison.Ordinal);
    }

    private static async Task<FileImportRecord> ImportXmlAsync(TestApp app, Domain.Values.ClientId client, string name, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient($"{client.Value}/dnb/{name}");
        await blob.UploadAsync(BinaryData.FromBytes(bytes));
        await app.Function<ImportBankFileFunction>().RunAsync(blob, client.Value, "dnb", name, CancellationToken.None);
        return (await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, Convert.ToHexStringLower(SHA256.HashData(bytes)), CancellationToken.None))!;
    }
}
