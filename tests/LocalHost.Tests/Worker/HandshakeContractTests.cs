using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>StartStream → WorkerInitRequest → metadata → one load per function, against the real worker.</summary>
[Collection(ContractStack.Collection)]
public sealed class HandshakeContractTests(ContractStack stack)
{
    [Fact]
    public void The_worker_connects_announces_its_http_listener_and_loads_every_function_from_its_own_metadata()
    {
        var worker = stack.Host.Worker;
        Assert.True(worker.IsRunning);
        Assert.Equal("worker", worker.MetadataSource);
        Assert.Equal(["BlobLength", "HttpEcho", "Ping", "QueueRelay", "Tick"], stack.Host.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.NotNull(worker.HttpUri);
        Assert.True(worker.HttpUri!.IsLoopback);
        Assert.Contains("WorkerStatus", worker.Capabilities.Keys);
        Assert.All(stack.Host.Functions, f => Assert.NotNull(worker.FunctionIdOf(f.Name)));
        Assert.InRange(worker.LastStartDuration, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Raw_bindings_keep_function_json_shape_so_the_drivers_read_them()
    {
        var functions = stack.Host.Functions.ToDictionary(f => f.Name);
        var http = functions["HttpEcho"].Trigger;
        Assert.Equal(("httpTrigger", "echo/{id}/{suffix?}", "Function"), (http.Type, http.Route, http.AuthLevel));
        Assert.Equal(["GET", "POST"], http.Methods);
        var blob = functions["BlobLength"];
        Assert.Equal(("blobTrigger", "contract-in/{folder}/{name}", "AzureWebJobsStorage"), (blob.Trigger.Type, blob.Trigger.Path, blob.Trigger.Connection));
        var output = Assert.Single(blob.Outputs);
        Assert.Equal(("$return", "queue", "contract-lengths-{folder}"), (output.Name, output.Type, output.QueueName));
        Assert.Equal("contract-in", functions["QueueRelay"].Trigger.QueueName);
        Assert.Equal(["Messages", "Audit"], functions["QueueRelay"].Outputs.Select(o => o.Name));
        Assert.Equal("0 */5 * * * *", functions["Tick"].Trigger.Schedule);
    }

    [Fact]
    public async Task Without_the_workers_answer_the_generated_functions_metadata_file_is_loaded_and_invocable()
    {
        var log = new HostLog();
        await using var host = await stack.StartHostAsync(log, adjust: o => new LocalHostOptions
        {
            HandlerDirectory = o.HandlerDirectory,
            StorageConnectionString = o.StorageConnectionString,
            FunctionKey = o.FunctionKey,
            ObservedQueues = [],
            Log = o.Log,
            UseMetadataFile = true,
        });
        Assert.Equal(FunctionMetadataFile.FileName, host.Worker.MetadataSource);
        Assert.Equal(5, host.Functions.Count);
        using var http = stack.Http(host);
        Assert.Equal("pong", await http.GetStringAsync("/api/ping"));
        var tick = await host.FireTimerAsync("Tick", routeOutputs: false, CancellationToken.None);
        Assert.True(tick.Succeeded, tick.Failure);
    }

    [Fact]
    public async Task Worker_logs_arrive_as_rpc_log_and_framework_chatter_is_filtered()
    {
        var queue = stack.Queues.GetQueueClient("contract-in");
        await queue.SendMessageAsync("log me");
        await ContractStack.PumpUntilAsync(stack.Host, async () => stack.Log.Lines.Any(l => l.Contains("relayed 'log me'", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), stack.Log);
        await stack.DrainAsync("contract-out");
        await stack.DrainAsync("contract-audit");

        var line = Assert.Single(stack.Log.Lines, l => l.Contains("relayed 'log me'", StringComparison.Ordinal));
        Assert.StartsWith("QueueRelay: ", line, StringComparison.Ordinal); // attributed to the invocation's function
        Assert.DoesNotContain(stack.Log.Lines, l => l.Contains("Request starting", StringComparison.Ordinal)
                                                    || l.Contains("Now listening on", StringComparison.Ordinal)
                                                    || l.Contains("No XML encryptor", StringComparison.Ordinal));
    }
}
