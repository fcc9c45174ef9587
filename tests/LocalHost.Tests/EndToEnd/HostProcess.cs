using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bankflow.Testing;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// <c>Bankflow.LocalHost host</c> as its own process serving the Functions app, as a user runs it: its output collected
/// line by line, the address, this run's function key and the worker's process id read from what it prints.
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private HostProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public string FunctionKey { get; private set; } = "";

    public int WorkerPid { get; private set; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }

    [GeneratedRegex(@"^Serving (http://\S+) ")]
    private static partial Regex ServingLine();

    [GeneratedRegex(@"function key \(this run only\): (\w+)")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"processes: worker (\d+)")]
    private static partial Regex ProcessesLine();

    /// <summary>Starts the host on <paramref name="storage"/> with <paramref name="environment"/> (the worker inherits it) and waits until it serves.</summary>
    public static async Task<HostProcess> StartAsync(string storage, IDictionary<string, string> environment)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     Path.Combine(RepositoryPaths.Root, "LocalHost", "bin", configuration, "net10.0", "Bankflow.LocalHost.dll"),
                     "host", "--repo", RepositoryPaths.Root, "--app", LocalStack.HandlerDirectory, "--start-timeout", "90",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["BANKFLOW_STORAGE"] = storage;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var host = new HostProcess(new Process { StartInfo = info });
        host._process.OutputDataReceived += (_, e) => host.Add(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Add(e.Data is null ? null : "stderr: " + e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host.WaitForAsync(l => ProcessesLine().IsMatch(l), TimeSpan.FromSeconds(120));
            var lines = host.Lines();
            host.BaseAddress = new Uri(lines.Select(l => ServingLine().Match(l)).First(m => m.Success).Groups[1].Value);
            host.FunctionKey = lines.Select(l => KeyLine().Match(l)).First(m => m.Success).Groups[1].Value;
            host.WorkerPid = int.Parse(lines.Select(l => ProcessesLine().Match(l)).First(m => m.Success).Groups[1].Value, CultureInfo.InvariantCulture);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    public List<string> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    /// <summary>Waits until a line matches; fails with the output so far.</summary>
    public async Task WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Lines().Any(match))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the host exited with code {_process.ExitCode}; its output:{Environment.NewLine}{Output}");
            }
            Assert.True(DateTime.UtcNow < deadline, $"not seen within {timeout.TotalSeconds:0} s; the host's output:{Environment.NewLine}{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM, as a service manager stops it; waits for the exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        if (WorkerPid != 0 && !Worker.HostCommandTests.IsGone(WorkerPid))
        {
            using var worker = Process.GetProcessById(WorkerPid);
            worker.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
