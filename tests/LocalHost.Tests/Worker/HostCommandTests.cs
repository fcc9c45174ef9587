using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Bankflow.Testing;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>
/// The <c>host</c> command as a process: SIGTERM stops every child, and so does kill -9 (the children watch their parent);
/// a worker that never connects ends it with exit code 1.
/// </summary>
public sealed partial class HostCommandTests
{
    private static string LocalHostDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryPaths.Root, "LocalHost", "bin", configuration, "net10.0", "Bankflow.LocalHost.dll");
        }
    }

    [GeneratedRegex(@"processes: worker (\d+), azurite (\d+)")]
    private static partial Regex ProcessesLine();

    private static Process Start(IDictionary<string, string>? environment, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { LocalHostDll, "host", "--repo", RepositoryPaths.Root, "--app", ContractStack.AppDirectory }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("BANKFLOW_STORAGE");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return Process.Start(info)!;
    }

    [Fact]
    public async Task Sigterm_stops_the_host_the_worker_and_azurite()
    {
        using var process = Start(null);
        var output = new StringBuilder();
        var serving = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (ProcessesLine().Match(e.Data) is { Success: true } match)
            {
                serving.TrySetResult(match);
            }
        };
        process.BeginOutputReadLine();
        try
        {
            var line = await serving.Task.WaitAsync(TimeSpan.FromSeconds(90));
            var worker = int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var azurite = int.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(IsGone(worker));
            Assert.False(IsGone(azurite));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Stopped; no process left behind.", output.ToString(), StringComparison.Ordinal);
            Assert.True(IsGone(worker), "the worker outlived the host");
            Assert.True(IsGone(azurite), "Azurite outlived the host");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Kill_9_of_the_host_leaves_neither_the_worker_nor_azurite_running()
    {
        using var process = Start(null);
        var serving = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ProcessesLine().Match(e.Data) is { Success: true } match)
            {
                serving.TrySetResult(match);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int? worker = null, azurite = null;
        try
        {
            var line = await serving.Task.WaitAsync(TimeSpan.FromSeconds(90));
            worker = int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            azurite = int.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(IsGone(worker.Value));
            Assert.False(IsGone(azurite.Value));

            // SIGKILL: the host runs no code at all, no Ctrl-C handler, no finally block.
            using (var kill = Process.Start("kill", ["-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while ((!IsGone(worker.Value) || !IsGone(azurite.Value)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.True(IsGone(worker.Value), "the worker outlived the killed host");
            Assert.True(IsGone(azurite.Value), "Azurite outlived the killed host");
        }
        finally
        {
            // Whatever the outcome, this test leaves nothing behind.
            foreach (var pid in new[] { worker, azurite }.OfType<int>().Where(p => !IsGone(p)))
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill(entireProcessTree: true);
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_worker_that_never_connects_ends_the_host_with_exit_code_1_and_says_why()
    {
        using var process = Start(new Dictionary<string, string> { ["CONTRACT_NEVER_CONNECT"] = "1" }, "--start-timeout", "5");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(1, process.ExitCode);
            var error = await stderr;
            Assert.Contains("did not connect", error, StringComparison.Ordinal);
            Assert.Contains("within 5 s", error, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Exited — a zombie (exited, not yet reaped by whoever inherited it) counts as gone.</summary>
    internal static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state …": the state follows the last ')'.
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
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
