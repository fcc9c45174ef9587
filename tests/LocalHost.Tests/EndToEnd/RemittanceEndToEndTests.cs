using System.Net;
using System.Text;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Remittance;
using Bankflow.LocalHost.Run;
using Microsoft.Extensions.Logging.Abstractions;
using static Bankflow.LocalHost.Tests.EndToEnd.RemittanceTestClient;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>The payment flow end to end: HTTP API → outbox → the bank's pain.002 through the inbox (or the upload API) → statuses.</summary>
[Collection(LocalStack.Collection)]
public sealed class RemittanceEndToEndTests(LocalStack stack)
{
    [Fact]
    public async Task Direct_RgB_batch_authorised_sent_once_and_updated_by_the_banks_status_reports()
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountA, Dnb())).Status);
        string e1 = E2E("kid"), e2 = E2E("txt"), e3 = E2E("inv");
        var batchId = await api.CreatedBatchIdAsync(
            Payment(e1, 4500.00m, kid: "0042001008772"),
            Payment(e2, 7340.50m, creditorAccount: Creditor2),
            new { endToEndId = e3, debtorAccount = AccountA, creditorName = "Nord & Sønn <AS>", creditorAccount = Creditor1, amount = 1000m, requestedExecutionDate = Day(NextBankingDay), invoiceNumber = "INV-77" });

        var (authorised, batch, _) = await api.BatchAsync(batchId, "authorise");
        Assert.Equal(HttpStatusCode.OK, authorised);
        Assert.Equal("Kari Nordmann", batch.GetProperty("authorisation").GetProperty("authorisedBy").GetString());
        Assert.All((await api.StatusesAsync(batchId)).Values, s => Assert.Equal("Authorised", s));

        var (sent, sentBatch, _) = await api.BatchAsync(batchId, "send");
        Assert.Equal(HttpStatusCode.OK, sent);
        var blobName = $"{api.Client.Value}/dnb/{batchId}.xml";
        Assert.Equal($"outbox/{blobName}", sentBatch.GetProperty("outboxPath").GetString());
        Assert.All((await api.StatusesAsync(batchId)).Values, s => Assert.Equal("Sent", s));

        // The file: create-only in the outbox, valid pain.001.001.03, with the batch id as MsgId and the amounts to the øre.
        var file = (await stack.Blobs.GetBlobContainerClient("outbox").GetBlobClient(blobName).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Empty(XsdProblems(file, "03"));
        var xml = Encoding.UTF8.GetString(file);
        Assert.Contains($"<MsgId>{batchId}</MsgId>", xml, StringComparison.Ordinal);
        Assert.Contains("<CtrlSum>12840.50</CtrlSum>", xml, StringComparison.Ordinal);
        Assert.Contains("Nord &amp; Sønn &lt;AS&gt;", xml, StringComparison.Ordinal);

        // Sending again: the same answer, one file, unchanged.
        var (again, againBody, _) = await api.BatchAsync(batchId, "send");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.True(againBody.GetProperty("repeated").GetBoolean());
        Assert.Equal([blobName], await stack.BlobNamesAsync("outbox", api.Client.Value + "/"));
        Assert.Equal(file, (await stack.Blobs.GetBlobContainerClient("outbox").GetBlobClient(blobName).DownloadContentAsync()).Value.Content.ToArray());

        // The bank answers: PART, the third payment rejected (AC01).
        var report = RemittanceDemo.StatusReport(batchId, batchId + "-A", "PART",
            [new(e1, "ACCP"), new(e2, "ACCP"), new(e3, "RJCT", "AC01", "Mottakers kontonummer finnes ikke")], DateTimeOffset.UtcNow, "STS-1");
        await stack.DropAsync($"{api.Client.Value}/dnb/status-1.xml", report);
        await stack.PumpAsync();

        var (_, updated, _) = await api.BatchAsync(batchId);
        var payments = updated.GetProperty("payments").EnumerateArray().ToDictionary(p => p.GetProperty("endToEndId").GetString()!);
        Assert.Equal("Accepted", payments[e1].GetProperty("status").GetString());
        Assert.Equal("Accepted", payments[e2].GetProperty("status").GetString());
        Assert.Equal("Rejected", payments[e3].GetProperty("status").GetString());
        var reason = Assert.Single(payments[e3].GetProperty("rejectionReasons").EnumerateArray());
        Assert.Equal("AC01", reason.GetProperty("code").GetString());
        Assert.Contains("finnes ikke", reason.GetProperty("text").GetString(), StringComparison.Ordinal);
        var import = Assert.Single(await stack.RowsAsync("FileImports", api.Client));
        Assert.Equal("pain.002", import.GetString("Format"));
        Assert.Equal(3, import.GetInt32("EntryCount"));
        var rejected = Assert.Single(await NotificationsAsync(api), n => n.Kind == "PaymentRejected");
        Assert.Contains("AC01", rejected.Message, StringComparison.Ordinal);

        // The same statuses again, in a new file (another MsgId): imported, nothing changes, nobody is notified again.
        var paymentRows = await stack.RowsAsync("Payments", api.Client);
        var notificationCount = (await NotificationsAsync(api)).Count;
        var repeat = RemittanceDemo.StatusReport(batchId, batchId + "-A", "PART",
            [new(e1, "ACCP"), new(e2, "ACCP"), new(e3, "RJCT", "AC01", "Mottakers kontonummer finnes ikke")], DateTimeOffset.UtcNow, "STS-2");
        await stack.DropAsync($"{api.Client.Value}/dnb/status-2.xml", repeat);
        await stack.DropAsync($"{api.Client.Value}/dnb/status-1-again.xml", report);
        await stack.PumpAsync();
        var afterRows = await stack.RowsAsync("Payments", api.Client);
        Assert.Equal(paymentRows.Select(r => (r.RowKey, r.GetString("Status"), r.ETag.ToString())), afterRows.Select(r => (r.RowKey, r.GetString("Status"), r.ETag.ToString())));
        Assert.Equal(notificationCount, (await NotificationsAsync(api)).Count);
        var imports = await stack.RowsAsync("FileImports", api.Client);
        Assert.Equal(2, imports.Count);
        Assert.All(imports, i => Assert.Equal("Imported", i.GetString("Status")));
        Assert.Contains(imports, i => i.GetInt32("EntryCount") == 0);

        // Settlement completed: the accepted payments are executed; the rejected one stays rejected and that is reported.
        var done = RemittanceDemo.StatusReport(batchId, batchId + "-A", "ACSC", [new(e3, "ACSC")], DateTimeOffset.UtcNow, "STS-3");
        await stack.DropAsync($"{api.Client.Value}/dnb/status-3.xml", done);
        await stack.PumpAsync();
        var final = await api.StatusesAsync(batchId);
        Assert.Equal("Executed", final[e1]);
        Assert.Equal("Executed", final[e2]);
        Assert.Equal("Rejected", final[e3]);
        Assert.Contains(await NotificationsAsync(api), n => n.Kind == "PaymentStatusStatusAfterRejection");

        var (_, list, _) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/payment-batches");
        var summary = Assert.Single(list.EnumerateArray());
        Assert.Equal(2, summary.GetProperty("statusCounts").GetProperty("Executed").GetInt32());
        Assert.Equal("12840.50", summary.GetProperty("total").GetString());
    }

    [Fact]
    public async Task File_based_batch_is_downloaded_then_its_return_file_uploaded_through_the_api()
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        var settings = Handelsbanken(integrationMode: "FileBased");
        settings["painVersion"] = "pain.001.001.09";
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountA, settings)).Status);
        string e1 = E2E("fb1"), e2 = E2E("fb2");
        var batchId = await api.CreatedBatchIdAsync(Payment(e1, 250.25m), Payment(e2, 99.75m, creditorAccount: Creditor2));

        var (ready, readyBody, _) = await api.BatchAsync(batchId, "send");
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(System.Text.Json.JsonValueKind.String, JsonValueKindOf(readyBody, "readyAt"));
        Assert.All((await api.StatusesAsync(batchId)).Values, s => Assert.Equal("Created", s));
        Assert.Empty(await stack.BlobNamesAsync("outbox", api.Client.Value + "/"));

        var (status, _, response) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/payment-batches/{batchId}/file");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{batchId}.xml", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = await response.Content.ReadAsByteArrayAsync();
        Assert.Contains("pain.001.001.09", Encoding.UTF8.GetString(file), StringComparison.Ordinal);
        Assert.Empty(XsdProblems(file, "09"));
        Assert.All((await api.StatusesAsync(batchId)).Values, s => Assert.Equal("Sent", s));

        // The version can be chosen per download; .03 by query.
        var (_, _, v03) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/payment-batches/{batchId}/file?version=03");
        var file03 = await v03.Content.ReadAsByteArrayAsync();
        Assert.Contains("pain.001.001.03", Encoding.UTF8.GetString(file03), StringComparison.Ordinal);
        Assert.Empty(XsdProblems(file03, "03"));

        var report = RemittanceDemo.StatusReport(batchId, batchId + "-A", "ACSC", [], DateTimeOffset.UtcNow);
        using var http = stack.Http();
        using var upload = await http.SendAsync(stack.Request(HttpMethod.Post, $"{api.Api}/files?name=pain002.xml", stack.FunctionKey, api.Token, new ByteArrayContent(report)));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        await stack.PumpAsync();

        Assert.All((await api.StatusesAsync(batchId)).Values, s => Assert.Equal("Executed", s));
    }

    [Fact]
    public async Task A_status_report_for_an_unknown_batch_is_imported_with_a_notification()
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        var report = RemittanceDemo.StatusReport("PAY-ELSEWHERE-1", "PAY-ELSEWHERE-1-A", "ACCP", [new("E2E-X", "ACCP")], DateTimeOffset.UtcNow);
        await stack.DropAsync($"{api.Client.Value}/dnb/status.xml", report);
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", api.Client));
        Assert.Equal("Imported", import.GetString("Status"));
        Assert.Equal(0, import.GetInt32("EntryCount"));
        var note = Assert.Single(await NotificationsAsync(api));
        Assert.Equal("PaymentStatusUnknownBatch", note.Kind);
        Assert.Contains("PAY-ELSEWHERE-1", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_report_whose_original_message_id_cannot_be_a_batch_id_is_imported_as_unknown()
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        var id = "PAY#1?/" + new string('x', 60);
        var report = RemittanceDemo.StatusReport(id, id + "-A", "RJCT", [], DateTimeOffset.UtcNow);
        await stack.DropAsync($"{api.Client.Value}/dnb/odd.xml", report);
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", api.Client));
        Assert.Equal("Imported", import.GetString("Status"));
        Assert.Equal("PaymentStatusUnknownBatch", Assert.Single(await NotificationsAsync(api)).Kind);
    }

    [Fact]
    public async Task An_unreadable_status_report_is_quarantined()
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        var broken = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\"><CstmrPmtStsRpt><GrpHdr><MsgId>X</MsgId></GrpHdr></CstmrPmtStsRpt></Document>");
        await stack.DropAsync($"{api.Client.Value}/dnb/broken.xml", broken);
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", api.Client));
        Assert.Equal("Quarantined", import.GetString("Status"));
        Assert.Contains("OrgnlGrpInfAndSts", import.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debits_matched_by_end_to_end_id_execute_payments_and_leave_foreign_ids_alone()
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        await api.PutAgreementAsync(AccountA, Dnb(approvalMode: "PostApproval"));
        string e1 = E2E("d1"), e2 = E2E("d2");
        var batchId = await api.CreatedBatchIdAsync(Payment(e1, 10m), Payment(e2, 20m));
        Assert.Equal(HttpStatusCode.OK, (await api.BatchAsync(batchId, "send")).Status);

        var updater = Updater();
        var first = await updater.MarkExecutedByEndToEndAsync(api.Client, [e1, "CARD-123"], "camt-sha-1", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(1, first.Executed);
        Assert.Equal(["CARD-123"], first.UnknownEndToEndIds);
        var again = await updater.MarkExecutedByEndToEndAsync(api.Client, [e1], "camt-sha-1", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(0, again.Executed);

        var statuses = await api.StatusesAsync(batchId);
        Assert.Equal("Executed", statuses[e1]);
        Assert.Equal("Sent", statuses[e2]);
        Assert.Empty(await NotificationsAsync(api));
    }

    private PaymentStatusUpdater Updater()
    {
        var storage = stack.Storage();
        return new PaymentStatusUpdater(new PaymentBatchStore(storage, TimeProvider.System), new NotificationStore(storage), TimeProvider.System, NullLogger<PaymentStatusUpdater>.Instance);
    }

    private async Task<IReadOnlyList<Notification>> NotificationsAsync(RemittanceTestClient api)
    {
        var storage = stack.Storage();
        return await new NotificationStore(storage).ListAsync(api.Client, includeAcknowledged: true, 100, CancellationToken.None);
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(System.Text.Json.JsonElement element, string property) => element.GetProperty(property).ValueKind;
}
