using Bankflow.LocalHost.Run;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>The remittance step of <c>bankflow run</c> works against the real pipeline and reports what happened.</summary>
[Collection(LocalStack.Collection)]
public sealed class RemittanceDemoTests(LocalStack stack)
{
    [Fact]
    public async Task The_demo_step_sends_a_batch_and_shows_the_banks_statuses()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http();
        var demo = RemittanceDemo.RunAsync(http, stack.FunctionKey, stack.TokenFor(client), client, stack.Blobs, TimeSpan.FromSeconds(60), CancellationToken.None);
        // The run command's host processes the inbox in the background; here the test pumps it until the demo is done.
        while (!demo.IsCompleted)
        {
            await stack.Host.PumpOnceAsync(CancellationToken.None);
            await Task.WhenAny(demo, Task.Delay(100));
        }
        var lines = await demo;
        var report = string.Join("\n", lines);

        Assert.Contains("agreement 86011117947 (DNB, direct, RgB): 200", report, StringComparison.Ordinal);
        Assert.Contains("send before authorisation: 409", report, StringComparison.Ordinal);
        Assert.Contains("authorise with BankID reference: 200", report, StringComparison.Ordinal);
        Assert.Contains($"send: 200, file outbox/{client.Value}/dnb/", report, StringComparison.Ordinal);
        Assert.Contains("3 transactions, CtrlSum 12840.50", report, StringComparison.Ordinal);
        Assert.Equal(2, lines.Count(l => l.Contains("  Accepted", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("Rejected — AC01 incorrect account number: Mottakers kontonummer finnes ikke", StringComparison.Ordinal));
    }
}
