using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Simulators.Dnb;

namespace Bankflow.LocalHost.Run;

/// <summary>
/// The run's DNB step: a DNB simulator on loopback (started before the handler, which gets its settings), then the demo
/// client's DNB account registered, services ordered ("Koble til tjeneste"), the wizard opened (the simulator completes
/// the order and sends its signed callback), the agreement as DNB filled it, the administrator's notification, and the
/// same callback again changing nothing. Returns the lines for the report.
/// </summary>
public sealed class DnbDemo : IAsyncDisposable
{
    private readonly DnbSimulator _simulator;

    internal DnbDemo(DnbSimulator simulator) => _simulator = simulator;

    /// <summary>The handler's <c>Bankflow:Dnb:*</c> settings pointing at the simulator.</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings => _simulator.HandlerSettings();

    public static async Task<DnbDemo> StartAsync(CancellationToken cancellationToken) =>
        new(await DnbSimulator.StartAsync(cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<string>> RunAsync(LocalFunctionsHost host, string functionKey, string clientToken, ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(client);
        _simulator.CallbackUrl = new Uri(host.Http!.BaseAddress, "api/dnb/callback");
        var lines = new List<string> { "", $"DNB (simulator at {_simulator.BaseAddress})" };
        try
        {
            using var http = new HttpClient { BaseAddress = host.Http.BaseAddress };
            await RunCoreAsync(http, functionKey, clientToken, client, lines, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or KeyNotFoundException)
        {
            lines.Add($"  the DNB demo stopped: {ex.Message}");
        }
        return lines;
    }

    private async Task RunCoreAsync(HttpClient http, string functionKey, string token, ClientId client, List<string> lines, CancellationToken cancellationToken)
    {
        var account = AccountNumber.Parse(DemoFiles.ClientAccount);
        var api = $"api/clients/{client.Value}";
        var (status, answer) = await SendAsync(http, functionKey, token, HttpMethod.Put, $"{api}/agreements/{account.Value}", new
        {
            bank = "Dnb",
            ledgerAccount = "1930",
            feeLedgerAccount = "7770",
            kidInvoicingEnabled = true,
            incomingServices = new[] { "NetsOcr" },
            validFrom = "2024-01-15",
            organisationNumber = RemittanceDemo.DemoOrganisationNumber,
            companyName = "Demo AS",
        }, cancellationToken).ConfigureAwait(false);
        lines.Add($"  bank account {account.Formatted} registered on the client (KID invoicing, Nets OCR): {status}");
        if (status != 200)
        {
            lines.Add("    " + answer);
            return;
        }

        (status, answer) = await SendAsync(http, functionKey, token, HttpMethod.Post, $"{api}/dnb/orders", new
        {
            accounts = new[] { new { accountNumber = account.Value, services = new[] { "remittance", "ocr", "reconciliation" } } },
            feeLedgerAccount = "7770",
            kidSetup = new { length = 9, check = "mod10" },
        }, cancellationToken).ConfigureAwait(false);
        if (status != 201)
        {
            lines.Add($"  order refused ({status}): {answer}");
            return;
        }
        var started = JsonDocument.Parse(answer).RootElement;
        var orderId = started.GetProperty("order").GetProperty("orderId").GetString()!;
        var wizard = new Uri(started.GetProperty("wizardUrl").GetString()!);
        lines.Add($"  order {orderId} (remittance, ocr, reconciliation; fee account 7770; KID 9 digits MOD10): {status}, pending");
        lines.Add($"  wizard: {wizard.GetLeftPart(UriPartial.Path)}?state=… (single use, bound to client, user and order)");

        var completed = await DnbSimulator.OpenWizardAsync(wizard, cancellationToken: cancellationToken).ConfigureAwait(false);
        lines.Add($"  wizard completed at DNB; signed callback to /api/dnb/callback: {completed.GetProperty("callbackStatus").GetInt32()}");

        (_, answer) = await SendAsync(http, functionKey, token, HttpMethod.Get, $"{api}/agreements/{account.Value}", null, cancellationToken).ConfigureAwait(false);
        var agreement = JsonDocument.Parse(answer).RootElement;
        var division = agreement.GetProperty("dnbDivision");
        lines.Add($"  agreement filled by DNB: AvtaleID {agreement.GetProperty("avtaleId").GetString()}, division {division.GetProperty("name").GetString()} ({division.GetProperty("number").GetString()}), "
                  + $"Nets OCR AvtaleID {(agreement.GetProperty("netsOcrAvtaleId").ValueKind == JsonValueKind.Null ? "left empty" : "set")}");

        (_, answer) = await SendAsync(http, functionKey, token, HttpMethod.Get, $"{api}/notifications", null, cancellationToken).ConfigureAwait(false);
        foreach (var note in JsonDocument.Parse(answer).RootElement.EnumerateArray().Where(n => n.GetProperty("kind").GetString()!.StartsWith("Dnb", StringComparison.Ordinal)))
        {
            lines.Add($"  notification [{note.GetProperty("severity").GetString()}] {note.GetProperty("title").GetString()}");
        }

        var again = await _simulator.ResendLastAsync(cancellationToken).ConfigureAwait(false);
        (_, answer) = await SendAsync(http, functionKey, token, HttpMethod.Get, $"{api}/dnb/orders/{orderId}", null, cancellationToken).ConfigureAwait(false);
        lines.Add($"  the same callback again: {again.Status}, duplicate {JsonDocument.Parse(again.Answer).RootElement.GetProperty("duplicate").GetBoolean().ToString().ToLowerInvariant()}; "
                  + $"order {JsonDocument.Parse(answer).RootElement.GetProperty("status").GetString()}");
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient http, string functionKey, string token, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", functionKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Content is not null)
        {
            // The host forwards a body only with a Content-Length.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();
}
