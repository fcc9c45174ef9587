using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Run;
using Bankflow.LocalHost.Simulators.Dnb;
using Bankflow.LocalHost.Tests.EndToEnd;

namespace Bankflow.LocalHost.Tests.DnbOrders;

/// <summary>
/// The DNB order flow through the real worker, the host stand-in, Azurite and the DNB simulator: order over HTTP, the
/// wizard link opened at the simulator, its signed callback through the host's HTTP front, the agreement filled, the
/// notifications; the run's DNB step; a KID mismatch and a failure; a forged callback.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class DnbEndToEndTests(LocalStack stack) : IAsyncLifetime
{
    private const string Account = "15032000018";
    private DnbSimulator _simulator = null!;
    private LocalFunctionsHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await DnbSimulator.StartAsync();
        _host = await stack.StartHostAsync(new Dictionary<string, string>(_simulator.HandlerSettings()));
        _simulator.CallbackUrl = new Uri(_host.Http!.BaseAddress, "api/dnb/callback");
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var http = stack.Http(_host);
        using var request = stack.Request(method, path, stack.FunctionKey, token, body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<Uri> OrderAsync(Bankflow.Domain.Values.ClientId client, string token)
    {
        var (status, body) = await SendAsync(HttpMethod.Put, $"/api/clients/{client}/agreements/{Account}", token, new
        {
            bank = "Dnb", ledgerAccount = "1930", feeLedgerAccount = "7770", kidInvoicingEnabled = true, incomingServices = new[] { "NetsOcr" },
            validFrom = "2024-01-15", organisationNumber = "974760673", companyName = "Demo AS",
        });
        Assert.Equal(200, status);
        (status, body) = await SendAsync(HttpMethod.Post, $"/api/clients/{client}/dnb/orders", token, new
        {
            accounts = new[] { new { accountNumber = Account, services = new[] { "remittance", "ocr" } } },
            feeLedgerAccount = "7770",
            kidSetup = new { length = 9, check = "mod10" },
        });
        Assert.Equal(201, status);
        return new Uri(body.GetProperty("wizardUrl").GetString()!);
    }

    [Fact]
    public async Task The_runs_DNB_step_orders_completes_the_wizard_fills_the_agreement_and_notifies_and_a_resend_changes_nothing()
    {
        var client = LocalStack.NewClient();
        // The run's step over this test's simulator (which the test disposes).
        var lines = await new DnbDemo(_simulator).RunAsync(_host, stack.FunctionKey, stack.TokenFor(client), client, CancellationToken.None);
        var report = string.Join("\n", lines);

        Assert.Contains("bank account 1503.12.34562 registered on the client (KID invoicing, Nets OCR): 200", report, StringComparison.Ordinal);
        Assert.Contains(": 201, pending", report, StringComparison.Ordinal);
        Assert.Contains("signed callback to /api/dnb/callback: 200", report, StringComparison.Ordinal);
        Assert.Contains("agreement filled by DNB: AvtaleID 441234562, division DNB Bedrift Oslo (0551), Nets OCR AvtaleID left empty", report, StringComparison.Ordinal);
        Assert.Contains("notification [Information] DNB agreement registered for 1503.12.34562: remittance, ocr, reconciliation", report, StringComparison.Ordinal);
        Assert.Contains("the same callback again: 200, duplicate true; order registered", report, StringComparison.Ordinal);
        Assert.DoesNotContain("stopped", report, StringComparison.Ordinal);
        var rows = await stack.RowsAsync("DnbOrders", client);
        Assert.Equal("Registered", Assert.Single(rows).GetString("Status"));
    }

    [Fact]
    public async Task A_KID_mismatch_is_an_error_notification_a_failure_is_recorded_and_a_forged_callback_is_401()
    {
        var client = LocalStack.NewClient();
        var token = stack.TokenFor(client);

        var mismatch = await DnbSimulator.OpenWizardAsync(await OrderAsync(client, token), "kid-mismatch");
        Assert.Equal(200, mismatch.GetProperty("callbackStatus").GetInt32());
        var (_, notes) = await SendAsync(HttpMethod.Get, $"/api/clients/{client}/notifications", token);
        var error = Assert.Single(notes.EnumerateArray(), n => n.GetProperty("severity").GetString() == "Error");
        Assert.Contains("change the KID setup in the invoice settings to 10 digits, MOD11", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (_, agreement) = await SendAsync(HttpMethod.Get, $"/api/clients/{client}/agreements/{Account}", token);
        Assert.Equal("442000018", agreement.GetProperty("avtaleId").GetString());
        Assert.True(agreement.GetProperty("ocrAgreement").GetBoolean());

        var (_, order) = await SendAsync(HttpMethod.Post, $"/api/clients/{client}/dnb/orders", token, new
        {
            accounts = new[] { new { accountNumber = Account, services = new[] { "reconciliation" } } },
            feeLedgerAccount = "7770",
        });
        var failed = await DnbSimulator.OpenWizardAsync(new Uri(order.GetProperty("wizardUrl").GetString()!), "failure");
        Assert.Equal("failed", failed.GetProperty("callbackAnswer").GetProperty("status").GetString());
        var (_, status) = await SendAsync(HttpMethod.Get, $"/api/clients/{client}/dnb/orders/{order.GetProperty("order").GetProperty("orderId").GetString()}", token);
        Assert.Contains("kontofullmakt", status.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Anyone can reach the callback route; without DNB's secret it changes nothing.
        using var http = stack.Http(_host);
        var before = await stack.RowsAsync("Agreements", client);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/dnb/callback") { Content = new ByteArrayContent(_simulator.Sent.Last().Body) };
        forged.Headers.Add("X-Bankflow-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        forged.Headers.Add("X-Bankflow-Signature", "sha256=" + new string('0', 64));
        using var answer = await http.SendAsync(forged);
        Assert.Equal(401, (int)answer.StatusCode);
        Assert.Equal(before.Select(r => r.ETag), (await stack.RowsAsync("Agreements", client)).Select(r => r.ETag));
    }
}
