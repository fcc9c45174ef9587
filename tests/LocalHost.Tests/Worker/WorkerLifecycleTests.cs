using System.Diagnostics;
using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>Bad input at the process level: a worker that dies mid-invocation, is killed, never connects, or exits at once.</summary>
[Collection(ContractStack.Collection)]
public sealed class WorkerLifecycleTests(ContractStack stack)
{
    [Fact]
    public async Task A_worker_dying_mid_invocation_fails_it_is_restarted_with_a_new_handshake_and_the_retry_succeeds()
    {
        var once = Path.Combine(Path.GetTempPath(), "contract-crash-" + Guid.NewGuid().ToString("N"));
        var log = new HostLog();
        try
        {
            await using var host = await stack.StartHostAsync(log, new Dictionary<string, string> { ["CONTRACT_CRASH_ONCE_FILE"] = once });
            var firstPid = host.Worker.ProcessId;
            await stack.DrainAsync("contract-out");
            await stack.Queues.GetQueueClient("contract-in").SendMessageAsync("crash");
            await ContractStack.PumpUntilAsync(host, () => Task.FromResult(host.Log.Invocations.Any(i => i is { Function: "QueueRelay", Succeeded: true })), TimeSpan.FromSeconds(60), log);

            Assert.True(File.Exists(once), "the crash was never triggered");
            var attempts = host.Log.Invocations.Where(i => i.Function == "QueueRelay").ToList();
            Assert.Equal(2, attempts.Count);
            Assert.False(attempts[0].Succeeded);
            Assert.Contains("the worker went away during the invocation", attempts[0].Failure, StringComparison.Ordinal);
            Assert.True(attempts[1].Succeeded);
            Assert.Equal(2, host.Worker.Starts);
            Assert.NotEqual(firstPid, host.Worker.ProcessId);
            Assert.Contains(log.Lines, l => l.Contains("worker is not running", StringComparison.Ordinal) && l.Contains("restarting", StringComparison.Ordinal));
            Assert.Equal(["CRASH", "CRASH!"], await stack.DrainAsync("contract-out"));
            await stack.DrainAsync("contract-audit");
        }
        finally
        {
            File.Delete(once);
        }
    }

    [Fact]
    public async Task A_killed_worker_is_restarted_by_the_next_http_request()
    {
        var log = new HostLog();
        await using var host = await stack.StartHostAsync(log);
        var firstPid = host.Worker.ProcessId!.Value;
        host.Worker.Kill();
        Assert.False(host.Worker.IsRunning);

        using var http = stack.Http(host);
        Assert.Equal("pong", await http.GetStringAsync("/api/ping"));
        Assert.True(host.Worker.IsRunning);
        Assert.NotEqual(firstPid, host.Worker.ProcessId);
    }

    [Fact]
    public async Task A_worker_that_never_connects_is_reported_within_the_start_timeout_and_killed()
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<WorkerStartException>(() => stack.StartHostAsync(new HostLog(), new Dictionary<string, string> { ["CONTRACT_NEVER_CONNECT"] = "1" },
            o => new LocalHostOptions
            {
                HandlerDirectory = o.HandlerDirectory,
                StorageConnectionString = o.StorageConnectionString,
                FunctionKey = o.FunctionKey,
                HandlerSettings = o.HandlerSettings,
                ObservedQueues = [],
                WorkerStartTimeout = TimeSpan.FromSeconds(4),
            }));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(15));
        Assert.Contains("did not connect", error.Message, StringComparison.Ordinal);
        Assert.Contains("within 4 s", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.ProcessId);
        Assert.True(IsGone(error.ProcessId!.Value), "the worker process was left running");
    }

    [Fact]
    public void The_default_start_timeout_is_thirty_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), new LocalHostOptions { HandlerDirectory = "", StorageConnectionString = "", FunctionKey = "" }.WorkerStartTimeout);

    [Fact]
    public async Task A_worker_that_exits_at_start_is_reported_at_once_with_its_exit_code_and_output()
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<WorkerStartException>(() => stack.StartHostAsync(new HostLog(), new Dictionary<string, string> { ["CONTRACT_EXIT_AT_START"] = "1" }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), watch.Elapsed.ToString());
        Assert.Contains("exited with code 7 before connecting", error.Message, StringComparison.Ordinal);
        Assert.Contains("told to exit at start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_folder_without_worker_config_is_a_clear_error()
    {
        var empty = Directory.CreateTempSubdirectory("contract-empty-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<WorkerStartException>(() => stack.StartHostAsync(new HostLog(), adjust: o => new LocalHostOptions
            {
                HandlerDirectory = empty,
                StorageConnectionString = o.StorageConnectionString,
                FunctionKey = o.FunctionKey,
            }));
            Assert.Contains("worker.config.json is missing", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Disposing_the_host_stops_the_worker()
    {
        var log = new HostLog();
        var host = await stack.StartHostAsync(log);
        var pid = host.Worker.ProcessId!.Value;
        await host.DisposeAsync();
        Assert.True(IsGone(pid));
        Assert.True(host.Worker.LastExitCode == 0, $"exit code {host.Worker.LastExitCode}; it should leave by itself on WorkerTerminate; log:{Environment.NewLine}{log}");
    }

    [Fact]
    public async Task An_invocation_past_the_timeout_fails_is_cancelled_in_the_worker_and_the_worker_keeps_serving()
    {
        var log = new HostLog();
        await using var host = await stack.StartHostAsync(log, adjust: o => new LocalHostOptions
        {
            HandlerDirectory = o.HandlerDirectory,
            StorageConnectionString = o.StorageConnectionString,
            FunctionKey = o.FunctionKey,
            ObservedQueues = [],
            Log = o.Log,
            InvocationTimeout = TimeSpan.FromSeconds(1),
        });
        var watch = Stopwatch.StartNew();
        var result = await host.InvokeAsync("QueueRelay", TriggerInputs.Queue(host.Functions.Single(f => f.Name == "QueueRelay"), "slow",
            new TriggerInputs.QueueFacts("slow-1", 1, "pop", null, null, null), DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("no answer within the invocation timeout", result.Failure, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
        // The worker saw the InvocationCancel: its FunctionContext.CancellationToken fired and it reports the invocation.
        await WaitForAsync(() => log.Lines.Any(l => l.StartsWith("QueueRelay:", StringComparison.Ordinal) && l.Contains("cancel", StringComparison.OrdinalIgnoreCase)), log);
        Assert.True(host.Worker.IsRunning);
        Assert.True(await host.Worker.CheckStatusAsync(CancellationToken.None) < TimeSpan.FromSeconds(10));
    }

    private static async Task WaitForAsync(Func<bool> condition, HostLog log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out; host log:" + Environment.NewLine + log);
            await Task.Delay(50);
        }
    }

    private static bool IsGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
