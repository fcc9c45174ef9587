using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Bankflow.Domain.Access;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Hosting;
using Bankflow.Testing;
using Bankflow.Testing.Camt;
using Bankflow.Testing.Faults;
using Bankflow.Testing.Nets;
using Xunit.Abstractions;
using static Bankflow.LocalHost.Tests.EndToEnd.RemittanceTestClient;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// The app and LocalHost on storage that misbehaves: every storage request of both goes through a <see cref="FaultProxy"/>
/// that delays, answers 500/503 or resets the connection (before storage sees the request, or after it answered) for one
/// request in ten, from a seed (<c>BANKFLOW_FAULT_SEED</c> picks another). A batch of bank files is imported and payment
/// batches are sent through the API, and afterwards: every file is Imported or Quarantined with a reason, no row is
/// there twice, no payment went out twice, and every retry — the SDKs', the host's, the caller's — stayed within its
/// bound. The test output is the report: what was injected and what was retried.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private const double FaultRate = 0.10;

    /// <summary>Tries per storage operation: the app's SDK clients retry 3 times, LocalHost's 2 (one try more each).</summary>
    private const int MaxSdkTries = 4;

    /// <summary>Tries a caller (the test, as an ERP) gives one API call that answers 503 before it gives up.</summary>
    private const int MaxApiTries = 6;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("BANKFLOW_FAULT_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : 20261;

    [Fact]
    public async Task Files_and_payments_through_storage_failing_one_request_in_ten_end_decided_once_and_sent_once()
    {
        var plan = new FaultPlan(Seed, FaultRate) { Enabled = false };
        var azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        var faulty = FaultInjectedStorage.Start(azurite, plan);
        var hostLog = new Worker.HostLog();
        var signingKey = RandomNumberGenerator.GetBytes(32);
        var functionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        LocalFunctionsHost? host = null;
        var api = new List<string>();
        try
        {
            // Set-up without faults: the worker creates its tables and queues at start and would not start without them.
            host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
            {
                HandlerDirectory = LocalStack.HandlerDirectory,
                StorageConnectionString = faulty.ConnectionString,
                FunctionKey = functionKey,
                HandlerSettings = new Dictionary<string, string>
                {
                    ["Bankflow__ClientTokenSigningKey"] = Convert.ToBase64String(signingKey),
                    ["Bankflow__EnsureStorage"] = "true",
                    ["Bankflow__Intake__ImportClaimDuration"] = "00:00:05",
                    ["Bankflow__Nets__DataRecipient"] = DemoFiles.NetsDataRecipient,
                    ["Bankflow__DataProtection__LocalKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    ["Logging__LogLevel__Default"] = "Warning",
                },
                PollInterval = TimeSpan.FromMilliseconds(250),
                RetryDelay = TimeSpan.FromMilliseconds(250),
                Log = hostLog.Add,
            }, CancellationToken.None);
            host.StartBackground();
            var client = ClientId.Parse("c-" + Guid.NewGuid().ToString("N")[..12]);
            var token = new ClientTokenService(signingKey, TimeProvider.System).Issue("fault-test", [client], TimeSpan.FromMinutes(30));
            using var http = new HttpClient { BaseAddress = host.Http!.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            var caller = new Caller(http, functionKey, token, api);
            var direct = StorageClients.Blobs(azurite.ConnectionString);

            plan.Enabled = true;

            // Files: half uploaded through the API, half dropped in the inbox by "the bank"; one twice under two names.
            var files = Files();
            for (var i = 0; i < files.Count; i++)
            {
                var (name, channel, content) = files[i];
                if (i % 2 == 0)
                {
                    var (status, body) = await caller.SendAsync(HttpMethod.Post, $"/api/clients/{client}/files?name={name}", content, json: false);
                    Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.OK, $"upload {name}: {(int)status} {body}");
                }
                else
                {
                    await direct.GetBlobContainerClient("inbox").GetBlobClient($"{client}/{channel}/{name}").UploadAsync(BinaryData.FromBytes(content));
                }
            }

            // Payments: an agreement, three batches of four, each authorised and sent.
            var (agreement, agreementBody) = await caller.SendAsync(HttpMethod.Put, $"/api/clients/{client}/agreements/{AccountA}", Json(Dnb()));
            Assert.True(agreement == HttpStatusCode.OK, $"agreement: {(int)agreement} {agreementBody}");
            var batches = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            for (var b = 0; b < 3; b++)
            {
                var batchId = $"F{b}-{Guid.NewGuid():N}"[..20];
                var ids = Enumerable.Range(0, 4).Select(p => E2E($"b{b}p{p}")).ToList();
                batches[batchId] = ids;
                var body = Json(new { batchId, payments = ids.Select((id, p) => Payment(id, 100m + (b * 10) + p, creditorAccount: p % 2 == 0 ? Creditor1 : Creditor2)).ToArray() });
                var (created, createdBody) = await caller.SendAsync(HttpMethod.Post, $"/api/clients/{client}/payment-batches", body);
                // 409 "batch id used": an earlier try of this very request created it while its answer was lost.
                Assert.True(created is HttpStatusCode.Created || (created == HttpStatusCode.Conflict && caller.Retried), $"create {batchId}: {(int)created} {createdBody}");
                foreach (var action in new[] { "authorise", "send" })
                {
                    var (done, doneBody) = await caller.SendAsync(HttpMethod.Post, $"/api/clients/{client}/payment-batches/{batchId}/{action}",
                        action == "authorise" ? Json(new { bankIdReference = "bankid-" + batchId }) : null);
                    Assert.True(done == HttpStatusCode.OK, $"{action} {batchId}: {(int)done} {doneBody}");
                }
            }

            // Wait until every file is decided (read on Azurite directly, past the proxies).
            var tables = StorageClients.Tables(azurite.ConnectionString);
            var expected = files.Select(f => Convert.ToHexStringLower(SHA256.HashData(f.Content))).ToHashSet(StringComparer.Ordinal);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
            List<TableEntity> imports;
            while (true)
            {
                imports = await RowsAsync(tables.GetTableClient("FileImports"), $"PartitionKey eq '{client}'");
                if (imports.Count == expected.Count && imports.All(r => r.GetString("Status") is "Imported" or "Quarantined"))
                {
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"not every file was decided: {string.Join(", ", imports.Select(r => r.GetString("Status")))}{Environment.NewLine}{faulty.Log.Report(plan)}{Environment.NewLine}{hostLog}");
                await Task.Delay(500);
            }
            plan.Enabled = false;

            var report = new StringBuilder();
            report.AppendLine(faulty.Log.Report(plan));

            // Every file decided, once, with a reason when quarantined.
            Assert.Equal(expected, imports.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal));
            Assert.All(imports.Where(r => r.GetString("Status") == "Quarantined"), r => Assert.False(string.IsNullOrWhiteSpace(r.GetString("Reason")), $"{r.RowKey} quarantined without a reason"));
            Assert.Contains(imports, r => r.GetString("Status") == "Imported");
            report.AppendLine(CultureInfo.InvariantCulture, $"Files: {imports.Count(r => r.GetString("Status") == "Imported")} imported, {imports.Count(r => r.GetString("Status") == "Quarantined")} quarantined");
            foreach (var quarantined in imports.Where(r => r.GetString("Status") == "Quarantined"))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  quarantined {quarantined.GetString("FileName")}: {quarantined.GetString("Reason")}");
            }

            // No entry twice, none of an import that did not commit: each imported file's entries once.
            var entries = await RowsAsync(tables.GetTableClient("BankEntries"), $"PartitionKey ge '{client}|' and PartitionKey lt '{client}}}'");
            var imported = imports.Where(r => r.GetString("Status") == "Imported").ToDictionary(r => r.RowKey, r => r.GetInt32("EntryCount") ?? 0, StringComparer.Ordinal);
            Assert.All(entries, e => Assert.Contains(e.GetString("SourceImport"), imported.Keys));
            Assert.Equal(imported.Values.Sum(), entries.Count);
            var notifications = await RowsAsync(tables.GetTableClient("Notifications"), $"PartitionKey eq '{client}'");
            // One notification per quarantined file, whatever was retried.
            Assert.Equal(
                imports.Where(r => r.GetString("Status") == "Quarantined").Select(r => r.RowKey).Order(StringComparer.Ordinal),
                notifications.Where(n => n.GetString("Kind") == "FileQuarantined").Select(n => n.GetString("Subject")!).Order(StringComparer.Ordinal));

            // Each decided import announced (at least once, always under the same event id). LocalHost takes events off
            // the bank-events queue; a receive whose answer was lost hides its messages for the 30 s visibility timeout.
            var announcedIds = imports.Select(r => $"{client}:{r.RowKey}").ToHashSet(StringComparer.Ordinal);
            List<string> events;
            var eventsDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(75);
            while (true)
            {
                events = host.Log.Outputs.Where(o => o.Destination == "bank-events" && o.Event?["clientId"]?.ToString() == client.Value).Select(o => o.Event!["eventId"]!.ToString()).ToList();
                if (announcedIds.SetEquals(events) || DateTime.UtcNow > eventsDeadline)
                {
                    break;
                }
                await Task.Delay(500);
            }
            Assert.True(announcedIds.SetEquals(events),
                $"events missing for {string.Join(", ", announcedIds.Except(events))}; events for no decided import: {string.Join(", ", events.Except(announcedIds))}" +
                $"{Environment.NewLine}{report}{Environment.NewLine}{hostLog}");
            report.AppendLine(CultureInfo.InvariantCulture, $"Events: {events.Count} for {events.Distinct(StringComparer.Ordinal).Count()} imports ({events.Count - events.Distinct(StringComparer.Ordinal).Count()} repeated with the same event id: at-least-once, deduplicated by id)");

            // Payments: every batch sent once — one outbox file each, every end-to-end id in exactly one file, once.
            var outbox = direct.GetBlobContainerClient("outbox");
            var sent = new List<(string Name, string Xml)>();
            await foreach (var blob in outbox.GetBlobsAsync(new GetBlobsOptions { Prefix = client + "/" }))
            {
                sent.Add((blob.Name, Encoding.UTF8.GetString((await outbox.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray())));
            }
            Assert.Equal(batches.Keys.Select(id => $"{client}/dnb/{id}.xml").Order(StringComparer.Ordinal), sent.Select(s => s.Name).Order(StringComparer.Ordinal));
            foreach (var (batchId, ids) in batches)
            {
                foreach (var id in ids)
                {
                    Assert.Equal(1, sent.Sum(s => Occurrences(s.Xml, $"<EndToEndId>{id}</EndToEndId>")));
                }
                var (status, batch) = await caller.SendAsync(HttpMethod.Get, $"/api/clients/{client}/payment-batches/{batchId}", null);
                Assert.Equal(HttpStatusCode.OK, status);
                var payments = JsonDocument.Parse(batch).RootElement.GetProperty("payments").EnumerateArray().ToList();
                Assert.Equal(ids.Order(StringComparer.Ordinal), payments.Select(p => p.GetProperty("endToEndId").GetString()!).Order(StringComparer.Ordinal));
                Assert.All(payments, p => Assert.Equal("Sent", p.GetProperty("status").GetString()));
            }
            var index = await RowsAsync(tables.GetTableClient("PaymentEndToEndIds"), $"PartitionKey eq '{client}'");
            Assert.Equal(12, index.Count);
            report.AppendLine(CultureInfo.InvariantCulture, $"Payments: {batches.Count} batches, {sent.Count} files in the outbox, {batches.Values.Sum(v => v.Count)} payments, each in one file once");

            // Retries stayed within their bounds: the SDKs', the host's (blob trigger attempts) and the caller's.
            Assert.InRange(faulty.Log.MaxTries, 1, MaxSdkTries);
            var attempts = host.Log.Invocations.Where(i => i.Function == "ImportBankFile" && i.Trigger.Contains(client.Value, StringComparison.Ordinal))
                .GroupBy(i => i.Trigger, StringComparer.Ordinal).ToList();
            Assert.All(attempts, a => Assert.InRange(a.Count(), 1, 5));
            report.AppendLine(CultureInfo.InvariantCulture, $"Retried by the host (blob trigger): {attempts.Count(a => a.Count() > 1)} of {attempts.Count} files, at most {attempts.Select(a => a.Count()).DefaultIfEmpty(0).Max()} attempts");
            foreach (var retried in attempts.Where(a => a.Count() > 1))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {retried.Key}: {string.Join("; ", retried.Where(i => !i.Succeeded).Select(i => FirstLine(i.Failure)))}");
            }
            report.AppendLine(CultureInfo.InvariantCulture, $"Retried by the caller (503 from the API, at most {MaxApiTries} tries): {api.Count} time(s)");
            foreach (var line in api)
            {
                report.AppendLine("  " + line);
            }
            output.WriteLine(report.ToString());
            Assert.True(faulty.Log.Injected > 0, "no fault was injected");
        }
        finally
        {
            plan.Enabled = false;
            if (host is not null)
            {
                await host.DisposeAsync();
            }
            await faulty.DisposeAsync();
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Nets OCR shipments, camt.054 and camt.053, one file twice under two names, a file no bank sends.</summary>
    private static List<(string Name, string Channel, byte[] Content)> Files()
    {
        var files = new List<(string, string, byte[])>();
        for (var i = 0; i < 5; i++)
        {
            files.Add(($"OCR.{i}.txt", "nets", new OcrFileGenerator(Seed + i).Generate(new OcrGeneratorOptions { DataRecipient = int.Parse(DemoFiles.NetsDataRecipient, CultureInfo.InvariantCulture) }).Content));
        }
        for (var i = 0; i < 2; i++)
        {
            files.Add(($"camt054-{i}.xml", "dnb", CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed + 10 + i, Notification: true, EntriesPerStatement: 30))));
            files.Add(($"camt053-{i}.xml", "dnb", CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed + 20 + i, EntriesPerStatement: 30))));
        }
        files.Add(("OCR.0-again.txt", "upload", files[0].Item3));
        files.Add(("holiday.jpg", "upload", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00]));
        files.Add(("notes.txt", "nets", Encoding.UTF8.GetBytes("not a bank file\n")));
        return files;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static string FirstLine(string? text) => text is null ? "" : text.Split('\n')[0].Trim();

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// The API as an ERP calls it: a 503 (storage unavailable, with its reason) is tried again after a pause, up to
    /// <see cref="MaxApiTries"/> tries; any other answer is the answer. Every retry is written down for the report.
    /// </summary>
    private sealed class Caller(HttpClient http, string functionKey, string token, List<string> retries)
    {
        /// <summary>Whether the last call was tried more than once.</summary>
        public bool Retried { get; private set; }

        public Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? json) =>
            SendAsync(method, path, json is null ? null : Encoding.UTF8.GetBytes(json), json: true);

        public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, byte[]? body, bool json)
        {
            Retried = false;
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    if (json)
                    {
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }
                }
                request.Headers.Add("x-functions-key", functionKey);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{method} {path}: 500 {text}");
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == MaxApiTries)
                {
                    return (response.StatusCode, text);
                }
                Retried = true;
                lock (retries)
                {
                    retries.Add($"{method} {path.Split('?')[0]} try {attempt}: 503 {Reason(text)}");
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
        }

        private static string Reason(string problem)
        {
            try
            {
                return JsonDocument.Parse(problem).RootElement.GetProperty("reason").GetString() ?? "";
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return problem;
            }
        }
    }
}
