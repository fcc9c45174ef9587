using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>Queues the app writes itself (bank-events): each pump takes their messages off into the invocation log.</summary>
[Collection(ContractStack.Collection)]
public sealed class ObservedQueueTests(ContractStack stack)
{
    [Fact]
    public async Task Messages_on_an_observed_queue_are_recorded_and_taken_off_and_a_cloud_event_exposes_its_data()
    {
        var queueName = "observed-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await stack.StartHostAsync(new HostLog(), adjust: o => new LocalHostOptions
        {
            HandlerDirectory = o.HandlerDirectory,
            StorageConnectionString = o.StorageConnectionString,
            FunctionKey = o.FunctionKey,
            ObservedQueues = [queueName],
            Log = o.Log,
        });
        var queue = stack.Queues.GetQueueClient(queueName);
        await queue.SendMessageAsync("""{"specversion":"1.0","id":"e-1","type":"no.bankflow.FileImported","source":"/x","data":{"eventId":"e-1","clientId":"acme"}}""");
        await queue.SendMessageAsync("plain text");
        await host.PumpUntilIdleAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var recorded = host.Log.Outputs.Where(o => o.Destination == queueName).ToList();
        Assert.Equal(2, recorded.Count);
        Assert.Equal("no.bankflow.FileImported", recorded[0].Body!["type"]!.GetValue<string>());
        Assert.Equal("acme", recorded[0].Event!["clientId"]!.GetValue<string>());
        Assert.Equal("plain text", recorded[1].Event!.GetValue<string>());
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
    }
}
