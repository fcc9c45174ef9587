using System.Text.Json;
using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>Blob, queue and timer triggers round-trip through the real worker, outputs delivered by the host.</summary>
[Collection(ContractStack.Collection)]
public sealed class TriggerContractTests(ContractStack stack)
{
    [Fact]
    public async Task A_blob_is_read_by_the_worker_itself_and_its_length_goes_to_the_queue_named_by_a_path_token()
    {
        var folder = "f" + Guid.NewGuid().ToString("N")[..8];
        var content = new byte[12_345];
        var container = stack.Blobs.GetBlobContainerClient("contract-in");
        await container.GetBlobClient($"{folder}/sub dir/file æ.bin").UploadAsync(BinaryData.FromBytes(content));
        await stack.Host.PumpUntilIdleAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

        var message = Assert.Single(await stack.DrainAsync($"contract-lengths-{folder}"));
        var body = JsonDocument.Parse(message).RootElement;
        Assert.Equal(folder, body.GetProperty("folder").GetString());
        Assert.Equal("sub dir/file æ.bin", body.GetProperty("name").GetString()); // the last token takes the rest
        Assert.Equal(12_345, body.GetProperty("length").GetInt64());
        Assert.Equal("contract-in", body.GetProperty("container").GetString());

        // The receipt makes this version fire once; a new version fires again.
        Assert.Equal(0, await stack.Host.PumpOnceAsync(CancellationToken.None));
        await container.GetBlobClient($"{folder}/sub dir/file æ.bin").UploadAsync(BinaryData.FromBytes(new byte[3]), overwrite: true);
        await stack.Host.PumpUntilIdleAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(3, JsonDocument.Parse(Assert.Single(await stack.DrainAsync($"contract-lengths-{folder}"))).RootElement.GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task A_blob_outside_the_path_pattern_is_ignored_once_with_a_log_line()
    {
        await stack.Blobs.GetBlobContainerClient("contract-in").GetBlobClient("loose.txt").UploadAsync(BinaryData.FromString("x"), overwrite: true);
        await stack.Host.PumpUntilIdleAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Single(stack.Log.Lines, l => l.Contains("ignoring contract-in/loose.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_queue_message_is_relayed_to_two_outputs_by_binding_name_and_an_array_becomes_one_message_per_element()
    {
        var text = "msg-" + Guid.NewGuid().ToString("N")[..8];
        var sent = await stack.Queues.GetQueueClient("contract-in").SendMessageAsync(text);
        await stack.Host.PumpUntilIdleAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal([text.ToUpperInvariant(), text.ToUpperInvariant() + "!"], await stack.DrainAsync("contract-out"));
        // Id and DequeueCount came from the trigger metadata.
        Assert.Equal([$"{sent.Value.MessageId}:1"], await stack.DrainAsync("contract-audit"));
        Assert.Contains(stack.Host.Log.Outputs, o => o is { Function: "QueueRelay", Binding: "Audit", Destination: "contract-audit" });
    }

    [Fact]
    public async Task A_failing_queue_function_is_retried_with_the_dequeue_count_then_poisoned()
    {
        var log = new HostLog();
        await using var host = await stack.StartHostAsync(log);
        await stack.DrainAsync("contract-in-poison");
        await stack.Queues.GetQueueClient("contract-in").SendMessageAsync("fail");
        await ContractStack.PumpUntilAsync(host, async () => (await stack.Queues.GetQueueClient("contract-in-poison").PeekMessagesAsync()).Value.Length > 0, TimeSpan.FromSeconds(60), log);

        Assert.Equal(["fail"], await stack.DrainAsync("contract-in-poison"));
        var attempts = host.Log.Invocations.Where(i => i.Function == "QueueRelay").ToList();
        Assert.Equal([1, 2, 3, 4, 5], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.Equal("told to fail", a.Failure));
    }

    [Fact]
    public async Task A_timer_gets_its_timer_info_and_its_return_value_goes_to_the_queue()
    {
        var fired = await stack.Host.FireTimerAsync("Tick", routeOutputs: true, CancellationToken.None);
        Assert.True(fired.Succeeded, fired.Failure);
        var tick = JsonDocument.Parse(Assert.Single(await stack.DrainAsync("contract-ticks"))).RootElement;
        Assert.False(tick.GetProperty("pastDue").GetBoolean());
        Assert.True(tick.GetProperty("next").GetDateTime() > DateTime.UtcNow);

        // Without routing, the outputs come back to the caller instead.
        var held = await stack.Host.FireTimerAsync("Tick", routeOutputs: false, CancellationToken.None);
        Assert.Single(held.MessageTexts(stack.Host.Functions.Single(f => f.Name == "Tick"), "contract-ticks"));
        Assert.Empty(await stack.DrainAsync("contract-ticks"));
    }

    [Fact]
    public async Task An_unknown_function_and_a_malformed_invocation_fail_with_a_reason_and_the_worker_keeps_serving()
    {
        var pid = stack.Host.Worker.ProcessId;
        var unknown = await stack.Host.InvokeAsync("Nope", new TriggerInput(new Dictionary<string, Bankflow.LocalHost.Hosting.Rpc.Messages.TypedData>(), new Dictionary<string, Bankflow.LocalHost.Hosting.Rpc.Messages.TypedData>()), CancellationToken.None);
        Assert.False(unknown.Succeeded);
        Assert.Contains("no function named 'Nope'", unknown.Failure, StringComparison.Ordinal);

        // A queue text where the blob trigger expects a blob reference.
        var malformed = await stack.Host.InvokeAsync("BlobLength", new TriggerInput(
            new Dictionary<string, Bankflow.LocalHost.Hosting.Rpc.Messages.TypedData> { ["blob"] = TriggerInputs.Text("not a blob") },
            new Dictionary<string, Bankflow.LocalHost.Hosting.Rpc.Messages.TypedData>()), CancellationToken.None);
        Assert.False(malformed.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(malformed.Failure));

        Assert.Equal(pid, stack.Host.Worker.ProcessId);
        using var http = stack.Http();
        Assert.Equal("pong", await http.GetStringAsync("/api/ping"));
    }

    [Fact]
    public async Task Output_queues_without_tokens_and_trigger_queues_exist_after_start()
    {
        foreach (var queue in new[] { "contract-in", "contract-in-poison", "contract-out", "contract-audit", "contract-ticks", HostRules.BlobPoisonQueue })
        {
            Assert.True((await stack.Queues.GetQueueClient(queue).ExistsAsync()).Value, queue);
        }
        Assert.True((await stack.Blobs.GetBlobContainerClient(HostRules.ReceiptContainer).ExistsAsync()).Value);
    }
}
