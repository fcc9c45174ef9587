using System.Globalization;
using System.Text;
using System.Text.Json;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Run;
using Bankflow.LocalHost.Simulators.Modhi;
using Bankflow.LocalHost.Tests.EndToEnd;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.LocalHost.Tests.Collection;

/// <summary>
/// Debt collection end to end through the real worker, the host stand-in, Azurite and the Modhi simulator: the accountant
/// registers and activates Modhi, the daily step drafts and approves the overdue invoice, Modhi fetches it over the signed
/// agency API, answers with its case number, reports a status and settles; the posting proposal is Bankflow's, and the net
/// payment Modhi makes arrives as a Nets OCR file that import and reconciliation match to the settlement's open item.
/// Also: a replayed Modhi request and a tampered one are refused and change nothing.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class ModhiEndToEndTests(LocalStack stack) : IAsyncLifetime
{
    private static readonly DateOnly DueDate = new(2026, 3, 6);
    private ModhiSimulator _modhi = null!;
    private LocalFunctionsHost _host = null!;

    public async Task InitializeAsync()
    {
        _modhi = await ModhiSimulator.StartAsync();
        _host = await stack.StartHostAsync(new Dictionary<string, string>(_modhi.HandlerSettings()));
        _modhi.BankflowUrl = _host.Http!.BaseAddress;
    }

    public async Task DisposeAsync() => await _modhi.DisposeAsync();

    private async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var http = stack.Http(_host);
        using var request = stack.Request(method, path, stack.FunctionKey, token, body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Registered, Modhi active in Automatic mode, INV-1 (1 250.00, due <see cref="DueDate"/>) open; returns the client key.</summary>
    private async Task<Guid> ClientWithModhiAsync(ClientId client, string token)
    {
        var api = $"/api/clients/{client}";
        var (status, body) = await SendAsync(HttpMethod.Put, $"{api}/collection/registration", token, new
        {
            organisationNumber = "917757046",
            companyName = "Delante AS",
            address = new { line1 = "Smedstusvingen 18", postcode = "1480", city = "Slattum" },
            bankAccount = DemoFiles.ClientAccount,
            vatDeduction = true,
            contact = new { firstName = "Thomas", lastName = "Thorsen", email = "thomas.thorsen@delante.no" },
            agreementConfirmed = true,
        });
        Assert.True(status == 200, body.ToString());
        (status, body) = await SendAsync(HttpMethod.Post, $"{api}/collection/agencies/{ModhiSimulator.AgencyId}", token, new { mode = "automatic", mayCreateCases = true, ownReminders = false });
        Assert.True(status == 201, body.ToString());
        var key = Guid.Parse(body.GetProperty("clientKey").GetString()!);
        (status, body) = await SendAsync(HttpMethod.Post, $"{api}/collection/agencies/{ModhiSimulator.AgencyId}/activate", token);
        Assert.True(status == 200, body.ToString());
        (status, body) = await SendAsync(HttpMethod.Put, $"{api}/open-items", token, new
        {
            items = new[]
            {
                new { invoiceId = "INV-1", customerId = "C1", customerName = "Fjord AS", invoiceNumber = "10045", kid = Kid.WithCheckDigit("10045", KidCheck.Mod10),
                    amount = 125_000L, currency = "NOK", invoiceDate = "2026-02-20", dueDate = Day(DueDate) },
            },
        });
        Assert.True(status == 200, body.ToString());
        return key;
    }

    [Fact]
    public async Task Modhi_fetches_the_approved_case_gives_its_number_settles_and_its_net_payment_is_imported_and_matched()
    {
        var client = LocalStack.NewClient();
        var token = stack.TokenFor(client);
        var api = $"/api/clients/{client}";
        var key = await ClientWithModhiAsync(client, token);

        var (status, daily) = await SendAsync(HttpMethod.Post, $"{api}/collection/daily-run?date={Day(DueDate.AddDays(1))}", token);
        Assert.Equal((200, 1, 1), (status, daily.GetProperty("drafted").GetInt32(), daily.GetProperty("approved").GetInt32()));

        var registered = Assert.Single(await _modhi.FetchAndRegisterAsync(key));
        Assert.Equal(("INV-1", "10045", "Fjord AS", 125_000L, "2026-03-06"), (registered.InvoiceId, registered.InvoiceNumber, registered.DebtorName, registered.Amount, registered.DueDate));
        Assert.StartsWith("M-", registered.CaseNumber, StringComparison.Ordinal);
        // Every call carried a fresh Idempotency-Key and a signature of its own.
        Assert.Equal(_modhi.Sent.Count, _modhi.Sent.Select(s => s.Signature).Distinct().Count());
        Assert.Empty(await _modhi.FetchAndRegisterAsync(key)); // each case is handed over once

        var notice = await _modhi.SendStatusAsync(key, "INV-1", "notice-sent", DueDate.AddDays(2), "inkassovarsel sendt");
        Assert.True(notice.IsSuccess, notice.Body);
        var (_, cases) = await SendAsync(HttpMethod.Get, $"{api}/collection/cases", token);
        var seen = Assert.Single(cases.GetProperty("items").EnumerateArray());
        Assert.Equal(("notice-sent", registered.CaseNumber), (seen.GetProperty("status").GetString(), seen.GetProperty("caseNumber").GetString()));

        var settlement = await _modhi.SettleAsync(key, "INV-1", new DateOnly(2026, 4, 2), interest: 1_250, commission: 2_500, fees: 1_500);
        Assert.True(settlement.Answer.Status == 201, settlement.Answer.Body);
        Assert.Equal(122_250, settlement.Net);
        var lines = settlement.Answer.Json.GetProperty("postingProposal").GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("account").GetString(), l.GetProperty("debit").GetInt64(), l.GetProperty("credit").GetInt64())).ToList();
        Assert.Equal([("1920", 122_250L, 0L), ("6790", 2_500L, 0L), ("7790", 1_500L, 0L), ("1500", 0L, 125_000L), ("8055", 0L, 1_250L)], lines);
        Assert.Equal("settled", Assert.Single(_modhi.Cases).Status);

        var netItem = $"collection-{settlement.SettlementId}";
        var (itemStatus, item) = await SendAsync(HttpMethod.Get, $"{api}/open-items/{netItem}", token);
        Assert.Equal((200, "open"), (itemStatus, item.GetProperty("status").GetString()));

        await ModhiPaymentFile.DeliverAsync(stack.Blobs, client, settlement, DemoFiles.ClientAccount, transmissionNumber: 1);
        await PumpUntilAsync(async () => (await SendAsync(HttpMethod.Get, $"{api}/open-items/{netItem}", token)).Body.GetProperty("status").GetString() == "paid");

        var (_, matches) = await SendAsync(HttpMethod.Get, $"{api}/matches?from=2026-04-01&to=2026-04-30", token);
        var match = Assert.Single(matches.GetProperty("items").EnumerateArray());
        Assert.Equal((122_250L, "kid"), (match.GetProperty("amount").GetInt64(), match.GetProperty("rule").GetString()));
        Assert.Contains(netItem, match.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(_host.Log.Invocations, i => i is { Function: "ImportBankFile", Succeeded: true });
    }

    [Fact]
    public async Task A_replayed_Modhi_request_is_refused_and_a_tampered_one_too_while_Modhis_own_signature_is_accepted()
    {
        var client = LocalStack.NewClient();
        var token = stack.TokenFor(client);
        var key = await ClientWithModhiAsync(client, token);
        var (status, _) = await SendAsync(HttpMethod.Post, $"/api/clients/{client}/collection/daily-run?date={Day(DueDate.AddDays(1))}", token);
        Assert.Equal(200, status);

        // Tampered: the body changed after signing, another secret, a timestamp outside the window — each 401, nothing handed over.
        foreach (var tamper in new[] { ModhiTamper.Body, ModhiTamper.Secret, ModhiTamper.OldTimestamp })
        {
            var refused = await _modhi.SendAsync(key, "case-fetches", new { }, tamper: tamper);
            Assert.True(refused.Status == 401, $"{tamper}: {refused.Status} {refused.Body}");
        }
        var (_, cases) = await SendAsync(HttpMethod.Get, $"/api/clients/{client}/collection/cases", token);
        Assert.Equal("approved", Assert.Single(cases.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());

        // Modhi's own signature is accepted: the case is handed over and registered.
        var registered = Assert.Single(await _modhi.FetchAndRegisterAsync(key));

        // The receipt sent again byte for byte (timestamp, signature, key): refused as a replay, the case unchanged.
        var before = await stack.RowsAsync(StorageNames.CollectionCasesTable, client);
        var replayed = await _modhi.ReplayLastAsync();
        Assert.Equal((401, "replayed"), (replayed.Status, replayed.Json.GetProperty("code").GetString()));
        Assert.Equal(before.Select(r => r.ETag), (await stack.RowsAsync(StorageNames.CollectionCasesTable, client)).Select(r => r.ETag));

        // The same receipt signed anew under the same Idempotency-Key: the first answer again.
        var last = _modhi.Sent.Last();
        var retried = await _modhi.SendAsync(key, $"cases/{registered.InvoiceId}/receipt", new { caseNumber = registered.CaseNumber }, last.IdempotencyKey);
        Assert.Equal((200, last.Answer.Body), (retried.Status, retried.Body));
    }

    [Fact]
    public async Task The_runs_collection_step_shows_the_refusal_the_case_a_credit_note_forwarded_the_settlement_the_posting_and_the_match()
    {
        var client = LocalStack.NewClient();
        var today = new DateOnly(2026, 5, 20);
        // The run's step over this test's simulator (which the test disposes); the test pumps the host the run keeps busy.
        var step = new CollectionDemo(_modhi).RunAsync(_host, stack.FunctionKey, stack.TokenFor(client), client, stack.Blobs, today, TimeSpan.FromSeconds(60), CancellationToken.None);
        while (!step.IsCompleted)
        {
            await _host.PumpOnceAsync(CancellationToken.None);
            await Task.WhenAny(step, Task.Delay(100));
        }
        var report = string.Join("\n", await step);

        Assert.DoesNotContain("stopped", report, StringComparison.Ordinal);
        Assert.Contains("registration Demo AS (org. 974760673, account 1503.12.34562, posting accounts 1920/1500/8055/6790/7790 by default): 200", report, StringComparison.Ordinal);
        Assert.Contains("activate: 409 refused — the client sends its own reminders: choose a reminder profile", report, StringComparison.Ordinal);
        Assert.Contains("own reminders off (recommended: Modhi's collection notice is the first letter): 200; activate: 200", report, StringComparison.Ordinal);
        Assert.Contains("daily step for 2026-04-11 (the first day after the due date): 1 drafted, 1 approved at once (Automatic mode)", report, StringComparison.Ordinal);
        Assert.Contains("Modhi fetched approved cases (signed, Idempotency-Key): 200, 1 case(s); 10060 → case number M-101 (receipt 200)", report, StringComparison.Ordinal);
        Assert.Contains("Modhi fetched again: 0 case(s)", report, StringComparison.Ordinal);
        Assert.Contains("Modhi status notice-sent: 200; case 10060 is now notice-sent", report, StringComparison.Ordinal);
        Assert.Contains("the ERP credits 500.00 on 10060 (open item now 2000.00): 200", report, StringComparison.Ordinal);
        Assert.Contains("Modhi pulled case updates: 200; credit-note 500.00 on M-101 (update-10060-1)", report, StringComparison.Ordinal);
        Assert.Contains("pulled again: 0 update(s) (each once)", report, StringComparison.Ordinal);
        // Modhi settles the balance both sides agree on after the credit note.
        Assert.Contains("principal 2000.00 + interest 25.00 − commission 50.00 − fees 35.00 = net 1940.00", report, StringComparison.Ordinal);
        Assert.Contains("case 10060 (M-101): settled; posting proposal:", report, StringComparison.Ordinal);
        Assert.Contains("    1920     1940.00", report, StringComparison.Ordinal);
        Assert.Contains("    1500                 2000.00", report, StringComparison.Ordinal);
        Assert.Contains("the same settlement again (new Idempotency-Key): 200, duplicate true — booked once", report, StringComparison.Ordinal);
        Assert.Contains("that request replayed byte for byte: 401", report, StringComparison.Ordinal);
        Assert.Matches(@"imported and matched \[kid\] .*; open item collection-S-20260520-[0-9A-F]{4}-001: paid", report);
    }

    [Fact]
    public async Task The_runs_collection_step_runs_again_on_the_same_storage_with_the_next_invoice_and_shipment()
    {
        var client = LocalStack.NewClient();
        var today = new DateOnly(2026, 5, 21);
        var first = await RunStepAsync(client, today);
        var second = await RunStepAsync(client, today);

        Assert.Contains("10060 → case number", first, StringComparison.Ordinal);
        Assert.DoesNotContain("stopped", second, StringComparison.Ordinal);
        Assert.Contains("an earlier run's modhi integration removed (its cases are closed): 204", second, StringComparison.Ordinal);
        Assert.Contains("open item 10061 Havbris AS 2500.00", second, StringComparison.Ordinal);
        Assert.Contains("credit-note 500.00 on M-", second, StringComparison.Ordinal);
        Assert.Matches(@"imported and matched \[kid\] .*; open item collection-S-20260521-[0-9A-F]{4}-00\d: paid", second);
    }

    private async Task<string> RunStepAsync(ClientId client, DateOnly today)
    {
        var step = new CollectionDemo(_modhi).RunAsync(_host, stack.FunctionKey, stack.TokenFor(client), client, stack.Blobs, today, TimeSpan.FromSeconds(60), CancellationToken.None);
        while (!step.IsCompleted)
        {
            await _host.PumpOnceAsync(CancellationToken.None);
            await Task.WhenAny(step, Task.Delay(100));
        }
        return string.Join("\n", await step);
    }

    /// <summary>Pumps the host's triggers (blob → import → reconcile) until <paramref name="done"/> or 60 seconds.</summary>
    private async Task PumpUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "not done within 60 s: " + string.Join("\n", _host.Log.Invocations.TakeLast(10)));
            await stack.PumpAsync(_host);
            await Task.Delay(200);
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
