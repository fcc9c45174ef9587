using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Run;

/// <summary>One status line of a pain.002 the demo (or a test) plays the bank with.</summary>
public sealed record DemoTransactionStatus(string EndToEndId, string Status, string? ReasonCode = null, string? AdditionalInfo = null);

/// <summary>
/// The remittance step of <c>bankflow run</c>, through the public API as the ERP would: agreement settings for a
/// DNB account (direct integration, accounting-approved payments), a batch of three supplier payments, the BankID
/// authorisation, the send (pain.001 into the outbox), then the bank's pain.002 dropped into the inbox, and the
/// payments' statuses after ImportBankFile applied it. Returns the report's lines.
/// </summary>
public static class RemittanceDemo
{
    public const string DemoAccount = "86011117947";
    public const string DemoOrganisationNumber = "974760673";

    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient http, string functionKey, string clientToken, ClientId client, BlobServiceClient blobs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(blobs);
        var lines = new List<string> { "Remittance (payment batch → pain.001 in the outbox → pain.002 back):" };
        var api = $"api/clients/{client.Value}";

        var (status, answer) = await SendAsync(http, functionKey, clientToken, HttpMethod.Put, $"{api}/agreements/{DemoAccount}", Agreement(), cancellationToken).ConfigureAwait(false);
        lines.Add($"  agreement {DemoAccount} (DNB, direct, RgB): {status}");
        if (status != 200)
        {
            lines.Add("    " + answer);
            return lines;
        }

        var suffix = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var date = NextBankingDay();
        (status, answer) = await SendAsync(http, functionKey, clientToken, HttpMethod.Post, $"{api}/payment-batches",
            Batch($"DEMO-{suffix}", date), cancellationToken).ConfigureAwait(false);
        lines.Add($"  batch of 3 payments for {date:yyyy-MM-dd}: {status}");
        if (status != 201)
        {
            lines.Add("    " + answer);
            return lines;
        }
        var batchId = JsonDocument.Parse(answer).RootElement.GetProperty("batchId").GetString()!;

        (status, answer) = await SendAsync(http, functionKey, clientToken, HttpMethod.Post, $"{api}/payment-batches/{batchId}/send", null, cancellationToken).ConfigureAwait(false);
        lines.Add($"  send before authorisation: {status} ({Detail(answer)})");

        (status, _) = await SendAsync(http, functionKey, clientToken, HttpMethod.Post, $"{api}/payment-batches/{batchId}/authorise",
            // Recorded for the signed-in user (the client token's subject); the body carries only the BankID reference.
            new { bankIdReference = $"bankid-demo-{suffix}" }, cancellationToken).ConfigureAwait(false);
        lines.Add($"  authorise with BankID reference: {status}");

        (status, answer) = await SendAsync(http, functionKey, clientToken, HttpMethod.Post, $"{api}/payment-batches/{batchId}/send", null, cancellationToken).ConfigureAwait(false);
        var outboxPath = status == 200 ? JsonDocument.Parse(answer).RootElement.GetProperty("outboxPath").GetString() : null;
        lines.Add($"  send: {status}, file {outboxPath}");
        if (outboxPath is null)
        {
            return lines;
        }
        var file = (await blobs.GetBlobContainerClient("outbox").GetBlobClient(outboxPath["outbox/".Length..]).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
        var xml = Encoding.UTF8.GetString(file);
        lines.Add($"    {file.Length:N0} bytes, {Count(xml, "<CdtTrfTxInf>")} transactions, CtrlSum {Between(xml, "<CtrlSum>", "</CtrlSum>")}");

        var report = StatusReport(batchId, $"{batchId}-A", "PART",
        [
            new DemoTransactionStatus($"DEMO-{suffix}-1", "ACCP"),
            new DemoTransactionStatus($"DEMO-{suffix}-2", "ACCP"),
            new DemoTransactionStatus($"DEMO-{suffix}-3", "RJCT", "AC01", "Mottakers kontonummer finnes ikke"),
        ], DateTimeOffset.UtcNow);
        await blobs.GetBlobContainerClient("inbox").GetBlobClient($"{client.Value}/dnb/pain002-{batchId}.xml")
            .UploadAsync(BinaryData.FromBytes(report), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } }, cancellationToken).ConfigureAwait(false);
        lines.Add($"  pain.002 (PART, one AC01 rejection) dropped in inbox/{client.Value}/dnb/");

        var deadline = DateTime.UtcNow + timeout;
        JsonElement batch = default;
        while (DateTime.UtcNow < deadline)
        {
            (status, answer) = await SendAsync(http, functionKey, clientToken, HttpMethod.Get, $"{api}/payment-batches/{batchId}", null, cancellationToken).ConfigureAwait(false);
            batch = JsonDocument.Parse(answer).RootElement.Clone();
            if (batch.GetProperty("payments").EnumerateArray().All(p => p.GetProperty("status").GetString() != "Sent"))
            {
                break;
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        foreach (var payment in batch.GetProperty("payments").EnumerateArray())
        {
            var reasons = string.Join("; ", payment.GetProperty("rejectionReasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
            lines.Add($"    {payment.GetProperty("endToEndId").GetString(),-18} {payment.GetProperty("amount").GetString(),10} NOK  {payment.GetProperty("status").GetString()}"
                + (reasons.Length > 0 ? $" — {reasons}" : ""));
        }
        return lines;
    }

    /// <summary>
    /// A pain.002.001.03 answering one PmtInf of a pain.001 (as a bank would: group status, the PmtInf, and the
    /// transactions it itemises). XML-escaped; for demos and tests.
    /// </summary>
    public static byte[] StatusReport(string originalMessageId, string paymentInformationId, string groupStatus, IEnumerable<DemoTransactionStatus> transactions, DateTimeOffset createdAt, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        static string E(string s) => SecurityElement.Escape(s);
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.Append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\">\n<CstmrPmtStsRpt>\n");
        xml.Append(CultureInfo.InvariantCulture, $"<GrpHdr><MsgId>{E(messageId ?? "STS-" + originalMessageId)}</MsgId><CreDtTm>{createdAt:yyyy-MM-dd'T'HH:mm:ss}</CreDtTm></GrpHdr>\n");
        xml.Append(CultureInfo.InvariantCulture, $"<OrgnlGrpInfAndSts><OrgnlMsgId>{E(originalMessageId)}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId><GrpSts>{E(groupStatus)}</GrpSts></OrgnlGrpInfAndSts>\n");
        xml.Append(CultureInfo.InvariantCulture, $"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{E(paymentInformationId)}</OrgnlPmtInfId>\n");
        var n = 0;
        foreach (var tx in transactions)
        {
            n++;
            xml.Append(CultureInfo.InvariantCulture, $"<TxInfAndSts><StsId>{n}</StsId><OrgnlEndToEndId>{E(tx.EndToEndId)}</OrgnlEndToEndId><TxSts>{E(tx.Status)}</TxSts>");
            if (tx.ReasonCode is not null || tx.AdditionalInfo is not null)
            {
                xml.Append("<StsRsnInf>");
                if (tx.ReasonCode is not null)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<Rsn><Cd>{E(tx.ReasonCode)}</Cd></Rsn>");
                }
                if (tx.AdditionalInfo is not null)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<AddtlInf>{E(tx.AdditionalInfo)}</AddtlInf>");
                }
                xml.Append("</StsRsnInf>");
            }
            xml.Append("</TxInfAndSts>\n");
        }
        xml.Append("</OrgnlPmtInfAndSts>\n</CstmrPmtStsRpt>\n</Document>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>The first Norwegian banking day after today (Oslo), so the demo's batch is always valid.</summary>
    public static DateOnly NextBankingDay()
    {
        var oslo = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, FindOslo());
        return NorwegianBankCalendar.OnOrAfter(DateOnly.FromDateTime(oslo.DateTime).AddDays(1));
    }

    private static TimeZoneInfo FindOslo()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private static object Agreement() => new
    {
        bank = "Dnb",
        integrationMode = "Direct",
        payoutService = "BankIntegration",
        approvalMode = "AccountingApproved",
        avtaleId = "DNB-4711",
        dnbDivision = new { name = "Demo AS", number = "001" },
        ledgerAccount = "1920",
        feeLedgerAccount = "7770",
        validFrom = "2024-01-15",
        organisationNumber = DemoOrganisationNumber,
        companyName = "Demo AS",
    };

    private static object Batch(string prefix, DateOnly date)
    {
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new
        {
            payments = new object[]
            {
                new { endToEndId = prefix + "-1", debtorAccount = DemoAccount, creditorName = "Strømleverandør AS", creditorAccount = "15032080119", amount = 4500.00m, requestedExecutionDate = day, kid = "0042001008772" },
                new { endToEndId = prefix + "-2", debtorAccount = DemoAccount, creditorName = "Kontorrekvisita AS", creditorAccount = "78741234563", amount = 7340.50m, requestedExecutionDate = day, text = "Faktura 2024-118" },
                new { endToEndId = prefix + "-3", debtorAccount = DemoAccount, creditorName = "Leverandør Nord AS", creditorAccount = "12345678903", amount = 1000.00m, requestedExecutionDate = day, invoiceNumber = "INV-77" },
            },
        };
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient http, string functionKey, string token, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", functionKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Content is not null)
        {
            // The host forwards a body only with a Content-Length; JsonContent would otherwise stream it chunked.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private static string Detail(string problem)
    {
        try
        {
            return JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString() ?? problem;
        }
        catch (JsonException)
        {
            return problem;
        }
        catch (KeyNotFoundException)
        {
            return problem;
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static string Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        var j = i < 0 ? -1 : text.IndexOf(end, i, StringComparison.Ordinal);
        return i < 0 || j < 0 ? "?" : text[(i + start.Length)..j];
    }
}
