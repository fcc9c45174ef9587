using System.Diagnostics;
using System.Text;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.HostileInput;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.HostileInput;

/// <summary>
/// A pain.002 that is valid XML but absurd in size — thousands of statuses for payments that are not in the batch —
/// is applied in bounded time with a bounded number of notifications (found by the hostile-input corpus: one
/// notification per finding made such an import take longer than the trigger's patience).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StatusReportBoundsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Thousands_of_statuses_for_unknown_payments_make_a_bounded_number_of_notifications()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = await CorpusClient.CreateAsync(app.Services, withBatch: true);
        var statuses = string.Concat(Enumerable.Range(1, 3000).Select(i => $"<TxInfAndSts><OrgnlEndToEndId>NOT-OURS-{i}</OrgnlEndToEndId><TxSts>RJCT</TxSts></TxInfAndSts>"));
        var report = Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt>
            <GrpHdr><MsgId>STS-1</MsgId><CreDtTm>2026-03-02T10:00:00</CreDtTm></GrpHdr>
            <OrgnlGrpInfAndSts><OrgnlMsgId>{CorpusSeeds.BatchId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
            <OrgnlPmtInfAndSts><OrgnlPmtInfId>{CorpusSeeds.BatchId}-A</OrgnlPmtInfId>
            <TxInfAndSts><OrgnlEndToEndId>{CorpusSeeds.Payments[0].EndToEndId}</OrgnlEndToEndId><TxSts>ACCP</TxSts></TxInfAndSts>{statuses}
            </OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>
            """);
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient($"{client.Client.Value}/dnb/pain002.xml");
        await blob.UploadAsync(BinaryData.FromBytes(report));

        var watch = Stopwatch.StartNew();
        await app.Function<ImportBankFileFunction>().RunAsync(blob, client.Client.Value, "dnb", "pain002.xml", CancellationToken.None);

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        var record = await app.Services.GetRequiredService<FileImportStore>().GetAsync(client.Client, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(report)), CancellationToken.None);
        Assert.Equal(FileImportStatus.Imported, record!.Status);
        Assert.True(record.EntryCount > 0, "the payments of the batch changed status");
        var notifications = await app.Services.GetRequiredService<NotificationStore>().ListAsync(client.Client, includeAcknowledged: true, max: 5000, CancellationToken.None);
        Assert.Equal(PaymentStatusUpdater.MaxFindingNotifications, notifications.Count(n => n.Kind == "PaymentStatusUnknownPayment"));
        var more = Assert.Single(notifications, n => n.Kind == "PaymentStatusMoreFindings");
        Assert.Contains($"{3000 - PaymentStatusUpdater.MaxFindingNotifications} status for a payment that is not in the batch", more.Message, StringComparison.Ordinal);
    }
}
