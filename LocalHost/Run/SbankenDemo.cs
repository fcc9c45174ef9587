using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Simulators.Sbanken;

namespace Bankflow.LocalHost.Run;

/// <summary>
/// The run's Sbanken step: a simulator on loopback (started before the handler, which gets its settings),
/// then the demo client onboarded over HTTP as the ERP's screens would (sign-in, account selection, a
/// balance warning accepted), the backfill it queues, and a morning fetch that finds nothing new. Returns
/// the lines for the report.
/// </summary>
public sealed class SbankenDemo : IAsyncDisposable
{
    private readonly SbankenSimulator _simulator;

    private SbankenDemo(SbankenSimulator simulator, Uri redirect)
    {
        _simulator = simulator;
        HandlerSettings = simulator.HandlerSettings(redirect);
    }

    /// <summary>The handler's <c>Bankflow:Sbanken:*</c> settings pointing at the simulator.</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings { get; }

    /// <summary>The simulator, with the redirect URI registered and handed to the handler: <paramref name="callback"/>, on the port the run serves.</summary>
    public static async Task<SbankenDemo> StartAsync(Uri callback, CancellationToken cancellationToken)
    {
        var simulator = await SbankenSimulator.StartAsync(OsloBusinessDate.Today(DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        return new SbankenDemo(simulator, callback);
    }

    public async Task<IReadOnlyList<string>> RunAsync(LocalFunctionsHost host, string functionKey, string clientToken, ClientId client, string storageConnection, CancellationToken cancellationToken)
    {
        var lines = new List<string> { "", $"Sbanken (simulator at {_simulator.BaseAddress})" };
        try
        {
            await RunCoreAsync(host, functionKey, clientToken, client, storageConnection, lines, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException or JsonException or KeyNotFoundException)
        {
            lines.Add($"  the Sbanken demo stopped: {ex.Message}");
        }
        return lines;
    }

    private async Task RunCoreAsync(LocalFunctionsHost host, string functionKey, string clientToken, ClientId client, string storageConnection, List<string> lines, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host.Http!.BaseAddress };
        var browser = new OnboardingBrowser(http, functionKey, clientToken);
        // As a browser would: to wherever Sbanken's redirect points, which must be this host's callback.
        using (var callback = await browser.StartSignInAndReturnAsync(client.Value, cancellationToken).ConfigureAwait(false))
        {
            callback.EnsureSuccessStatusCode();
        }
        lines.Add("  onboarding: signed in at Sbanken (BankID simulated); accounts the user may administer:");
        using (var accounts = await browser.AccountsAsync(client.Value, cancellationToken).ConfigureAwait(false))
        {
            foreach (var a in (await accounts.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("accounts").EnumerateArray())
            {
                lines.Add($"    {AccountNumber.Parse(a.GetProperty("accountNumber").GetString()!).Formatted}  {a.GetProperty("name").GetString(),-18} balance {a.GetProperty("balance").GetString(),12}");
            }
        }

        var today = OsloBusinessDate.Today(DateTimeOffset.UtcNow);
        var start = today.AddDays(-5);
        decimal Opening(int i) => _simulator.Accounts[i].OpeningBalance + _simulator.Accounts[i].Lines.Where(l => !l.IsReservation && l.AccountingDate < start).Sum(l => l.Amount);
        object Body(bool accept) => new
        {
            conversionDate = Day(today.AddDays(-30)),
            acceptBalanceDifferences = accept,
            accounts = new object[]
            {
                new { accountNumber = SimulatedBank.OperatingAccount, activate = true, ledgerAccount = "1920", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = Day(start), erpBalance = Kroner(Opening(0)) },
                new { accountNumber = SimulatedBank.SalaryAccount, activate = true, ledgerAccount = "1921", services = "remittance", feeLedgerAccount = "7770" },
                // The ERP's balance is 250.00 short on the tax account: a warning, accepted below.
                new { accountNumber = SimulatedBank.TaxAccount, activate = true, ledgerAccount = "1950", services = "reconciliation", feeLedgerAccount = "7770", reconciliationStartDate = Day(start), erpBalance = Kroner(Opening(2) - 250m) },
            },
            salaryAccount = SimulatedBank.SalaryAccount,
            operatingAccount = SimulatedBank.OperatingAccount,
            taxWithholdingAccount = SimulatedBank.TaxAccount,
        };
        using (var first = await browser.CompleteAsync(client.Value, Body(false), cancellationToken).ConfigureAwait(false))
        {
            if (first.StatusCode == HttpStatusCode.Conflict)
            {
                foreach (var w in (await first.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("warnings").EnumerateArray())
                {
                    lines.Add($"  balance warning: {w.GetProperty("message").GetString()}");
                }
            }
        }
        using (var saved = await browser.CompleteAsync(client.Value, Body(true), cancellationToken).ConfigureAwait(false))
        {
            var body = await saved.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            if (!saved.IsSuccessStatusCode)
            {
                lines.Add($"  completion refused ({(int)saved.StatusCode}): {body}");
                return;
            }
            lines.Add($"  agreement version {body.GetProperty("version").GetInt32()} saved (differences accepted); backfill queued for {body.GetProperty("backfills").GetArrayLength()} reconciliation account(s) from {Day(start)}");
        }

        var expectedDays = 2 * (today.DayNumber - start.DayNumber);
        var events = await WaitForEventsAsync(host, client, expectedDays, cancellationToken).ConfigureAwait(false);
        var tables = StorageClients.Tables(storageConnection);
        var entries = await CountEntriesAsync(tables, client, cancellationToken).ConfigureAwait(false);
        lines.Add($"  backfill: {events} day(s) read over 2 accounts, {entries} bank entries stored (channel sbanken), {events} FileImported events");

        // The morning timer, fired now as the host would at 05:00 UTC: everything through yesterday is read already.
        var before = events;
        var fired = await host.FireTimerAsync("SbankenMorningFetch", routeOutputs: false, cancellationToken).ConfigureAwait(false);
        if (!fired.Succeeded)
        {
            throw new InvalidOperationException($"SbankenMorningFetch failed: {fired.Failure}");
        }
        // Only this client's fetches: other clients' agreements (tests share the storage) are not this demo's.
        var fetches = fired.MessageTexts(host.Functions.Single(f => f.Name == "SbankenMorningFetch"), "sbanken-fetch")
            .Where(m => JsonDocument.Parse(m).RootElement.GetProperty("clientId").GetString() == client.Value).ToList();
        var queue = StorageClients.Queues(storageConnection).GetQueueClient("sbanken-fetch");
        foreach (var message in fetches)
        {
            await queue.SendMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await host.PumpUntilIdleAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var after = SbankenEvents(host, client);
        var entriesAfter = await CountEntriesAsync(tables, client, cancellationToken).ConfigureAwait(false);
        lines.Add($"  morning fetch (yesterday in Oslo = {Day(today.AddDays(-1))}): {fetches.Count} account(s) queued, {after - before} new day(s), {entriesAfter - entries} new entries — a re-run changes nothing");
        lines.Add($"  Sbanken requests made: {_simulator.DataRequests} data, {_simulator.TokenRequests} token");
    }

    private static async Task<int> WaitForEventsAsync(LocalFunctionsHost host, ClientId client, int expected, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await host.PumpUntilIdleAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var count = SbankenEvents(host, client);
            if (count >= expected || DateTime.UtcNow > deadline)
            {
                return count;
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int SbankenEvents(LocalFunctionsHost host, ClientId client) =>
        host.Log.Outputs.Count(o => o.Destination == "bank-events" && o.Event?["clientId"]?.ToString() == client.Value && o.Event?["format"]?.ToString() == "sbanken-api");

    private static async Task<int> CountEntriesAsync(TableServiceClient tables, ClientId client, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {client.Value + "|"} and PartitionKey lt {client.Value + "}"} and Channel eq {"Sbanken"}");
        await foreach (var _ in tables.GetTableClient("BankEntries").QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }
        return count;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Kroner(decimal k) => k.ToString("0.00", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();
}
