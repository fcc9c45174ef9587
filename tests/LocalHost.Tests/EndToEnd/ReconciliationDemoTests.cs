using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Run;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// The reconciliation step of <c>bankflow run</c> against the real pipeline: open items through the API, the demo bank
/// files through the inbox, the queue-triggered run, and a report of what matched, what did not and why.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class ReconciliationDemoTests(LocalStack stack)
{
    [Fact]
    public async Task The_demo_step_reports_the_matches_the_twins_left_to_a_person_and_the_items()
    {
        var client = LocalStack.NewClient();
        var day = new DateOnly(2026, 11, 20);
        using var http = stack.Http();
        var token = stack.TokenFor(client);
        var upload = await PumpWhileAsync(ReconciliationDemo.UploadOpenItemsAsync(http, stack.FunctionKey, token, client, day, CancellationToken.None));
        await stack.DropAsync($"{client}/nets/OCR.demo.txt", DemoFiles.OcrGiro(day, 301));
        await stack.DropAsync($"{client}/dnb/camt054-demo.xml", DemoFiles.Camt054(day));

        var lines = await PumpWhileAsync(ReconciliationDemo.ReportAsync(http, stack.FunctionKey, token, client, day, expectedEntries: 5, TimeSpan.FromSeconds(60), CancellationToken.None));
        var report = string.Join("\n", lines);

        Assert.EndsWith(": 200", Assert.Single(upload), StringComparison.Ordinal);
        Assert.Contains($"2026-11, account {DemoFiles.ClientAccount}: 5 entries, 4 matched automatically, 1 left to a person — automation rate 80%", report, StringComparison.Ordinal);
        Assert.Equal(4, lines.Count(l => l.Contains("[kid]", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("2000.00", StringComparison.Ordinal) && l.Contains("Ola Nordmann AS:", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.Contains("candidate 1005", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("10046", StringComparison.Ordinal) && l.Contains("partial, 499.50 remaining", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("12345.67", StringComparison.Ordinal) && l.Contains("(unapplied credit 345.67)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2001", StringComparison.Ordinal) && l.Contains("overpaid", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("10053", StringComparison.Ordinal) && l.TrimEnd().EndsWith("open", StringComparison.Ordinal));
        Assert.Contains(stack.Host.Log.Invocations, i => i is { Function: "ReconcileClient", Succeeded: true });
        Assert.Equal(4, stack.Host.Log.Outputs.Count(o => o.Event?["clientId"]?.ToString() == client.Value && o.Event?["eventType"]?.ToString() == "PaymentMatched"));
        Assert.Equal(1, stack.Host.Log.Outputs.Count(o => o.Event?["clientId"]?.ToString() == client.Value && o.Event?["eventType"]?.ToString() == "PaymentUnmatched"));
    }

    /// <summary>The run command's host works in the background; here the test pumps it until the step is done.</summary>
    private async Task<T> PumpWhileAsync<T>(Task<T> step)
    {
        while (!step.IsCompleted)
        {
            await stack.Host.PumpOnceAsync(CancellationToken.None);
            await Task.WhenAny(step, Task.Delay(100));
        }
        // Whatever the step left queued (events, reconcile requests) is handled before the test looks.
        await stack.PumpAsync();
        return await step;
    }
}
