using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Bankflow.Domain.Sbanken;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Simulators.Sbanken;
using Bankflow.LocalHost.Tests.EndToEnd;

namespace Bankflow.LocalHost.Tests.Sbanken;

/// <summary>A simulator and a host whose handler talks to it, on the shared LocalStack storage; helpers to look at the result.</summary>
internal sealed class SbankenRig(LocalStack stack, SbankenSimulator simulator, LocalFunctionsHost host) : IAsyncDisposable
{
    public SbankenSimulator Simulator => simulator;
    public LocalFunctionsHost Host => host;
    public DateOnly Today { get; } = OsloBusinessDate.Today(DateTimeOffset.UtcNow);

    public static async Task<SbankenRig> StartAsync(LocalStack stack, IReadOnlyDictionary<string, string>? extra = null)
    {
        var simulator = await SbankenSimulator.StartAsync(OsloBusinessDate.Today(DateTimeOffset.UtcNow));
        var settings = new Dictionary<string, string>(simulator.HandlerSettings(new Uri("http://127.0.0.1:9/api/sbanken/callback")))
        {
            ["Bankflow__Sbanken__MaxAttempts"] = "3",
            ["Bankflow__Sbanken__BaseDelay"] = "00:00:00.010",
            ["Bankflow__Sbanken__MaxDelay"] = "00:00:00.050",
            ["Bankflow__Sbanken__RequestTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        // Tests of this collection share one storage account: a fetch message an earlier test's host left behind
        // (in flight when it stopped, visible again later) would be run by this host against this simulator and take
        // faults meant for this test. Clearing removes invisible messages too.
        var fetches = stack.Queues.GetQueueClient("sbanken-fetch");
        await fetches.CreateIfNotExistsAsync();
        await fetches.ClearMessagesAsync();
        var host = await stack.StartHostAsync(settings);
        return new SbankenRig(stack, simulator, host);
    }

    public OnboardingBrowser Browser(Bankflow.Domain.Values.ClientId client, HttpClient http) => new(http, stack.FunctionKey, stack.TokenFor(client));

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The bank's own truth: the booked balance at the start of <paramref name="day"/>.</summary>
    public decimal OpeningBalance(int account, DateOnly day) =>
        simulator.Accounts[account].OpeningBalance + simulator.Accounts[account].Lines.Where(l => !l.IsReservation && l.AccountingDate < day).Sum(l => l.Amount);

    public int BookedLines(int account, DateOnly from, DateOnly through) =>
        simulator.Accounts[account].Lines.Count(l => !l.IsReservation && l.AccountingDate >= from && l.AccountingDate <= through);

    public async Task<List<TableEntity>> EntriesAsync(Bankflow.Domain.Values.ClientId client)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {client.Value + "|"} and PartitionKey lt {client.Value + "}"}");
        await foreach (var row in stack.Tables.GetTableClient("BankEntries").QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }
        return rows;
    }

    public async Task<List<string>> DaysReadAsync(Bankflow.Domain.Values.ClientId client, string account)
    {
        var days = new List<string>();
        await foreach (var row in stack.Tables.GetTableClient("SbankenDaysRead").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value + "|" + account}")))
        {
            days.Add(row.RowKey);
        }
        return days;
    }

    public List<JsonElement> EventsFor(Bankflow.Domain.Values.ClientId client) => host.Log.Outputs
        .Where(o => o.Destination == "bank-events" && o.Event?["clientId"]?.ToString() == client.Value)
        .Select(o => JsonSerializer.Deserialize<JsonElement>(o.Event!.ToJsonString()))
        .ToList();

    /// <summary>Fires the morning timer as the host would (direct invocation) and returns the messages it fans out for this client.</summary>
    public async Task<List<string>> MorningFanOutAsync(Bankflow.Domain.Values.ClientId client)
    {
        var fired = await host.FireTimerAsync("SbankenMorningFetch", routeOutputs: false, CancellationToken.None);
        Assert.True(fired.Succeeded, fired.Failure);
        return fired.MessageTexts(host.Functions.Single(f => f.Name == "SbankenMorningFetch"), "sbanken-fetch")
            .Where(m => JsonDocument.Parse(m).RootElement.GetProperty("clientId").GetString() == client.Value)
            .ToList();
    }

    public async Task EnqueueAsync(IEnumerable<string> messages)
    {
        var queue = stack.Queues.GetQueueClient("sbanken-fetch");
        foreach (var m in messages)
        {
            await queue.SendMessageAsync(m);
        }
    }

    public async ValueTask DisposeAsync() => await simulator.DisposeAsync();
}
