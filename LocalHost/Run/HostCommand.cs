using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Run;

/// <summary>Arguments of <c>Bankflow.LocalHost host</c>.</summary>
public sealed record HostCommandOptions(string RepositoryRoot, string AppDirectory, int HttpPort, TimeSpan StartTimeout)
{
    public static bool TryParse(IReadOnlyList<string> args, out HostCommandOptions? options, out string? error)
    {
        options = null;
        string? repo = null, app = null;
        var port = 0;
        var timeout = 30;
        for (var i = 0; i < args.Count; i++)
        {
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--repo": repo = Next(); break;
                case "--app": app = Next(); break;
                case "--port" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535: break;
                case "--start-timeout" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out timeout) && timeout > 0: break;
                default:
                    error = $"bad option '{args[i]}' (host takes --repo DIR --app DIR [--port N] [--start-timeout SECONDS])";
                    return false;
            }
        }
        if (repo is null || app is null)
        {
            error = "host needs --repo and --app";
            return false;
        }
        options = new HostCommandOptions(repo, Path.GetFullPath(app), port, TimeSpan.FromSeconds(timeout));
        error = null;
        return true;
    }
}

/// <summary>
/// <c>Bankflow.LocalHost host --app DIR</c>: the Functions host stand-in alone, for any isolated-worker app's build
/// output — Azurite (unless BANKFLOW_STORAGE names storage), the worker, the triggers and the HTTP front — serving until
/// Ctrl-C or SIGTERM, which stop every child process. A worker that does not come up is reported and the exit code is 1.
/// </summary>
public static class HostCommand
{
    public static async Task<int> RunAsync(HostCommandOptions options, TextWriter output)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            stop.Cancel();
        });
        AzuriteProcess? azurite = null;
        LocalFunctionsHost? host = null;
        try
        {
            var storage = Environment.GetEnvironmentVariable("BANKFLOW_STORAGE");
            if (string.IsNullOrWhiteSpace(storage))
            {
                azurite = await AzuriteProcess.StartAsync(options.RepositoryRoot, stop.Token).ConfigureAwait(false);
                storage = azurite.ConnectionString;
            }
            var functionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
            {
                HandlerDirectory = options.AppDirectory,
                StorageConnectionString = storage,
                FunctionKey = functionKey,
                HttpPort = options.HttpPort,
                WorkerStartTimeout = options.StartTimeout,
                HandlerSettings = DevelopmentDefaults(),
                Log = line => output.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}"),
            }, stop.Token).ConfigureAwait(false);
            host.StartBackground();
            output.WriteLine($"Serving {host.Http!.BaseAddress} — functions {string.Join(", ", host.Functions.Select(f => f.Name))}; worker started in {host.Worker.LastStartDuration.TotalMilliseconds:0} ms");
            output.WriteLine($"  function key (this run only): {functionKey}");
            output.WriteLine($"  processes: worker {host.Worker.ProcessId}{(azurite is null ? "" : $", azurite {azurite.ProcessId}")} (Ctrl-C stops them all)");
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (WorkerStartException ex)
        {
            await Console.Error.WriteLineAsync($"bankflow host: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
            output.WriteLine("Stopped; no process left behind.");
        }
    }

    /// <summary>
    /// Settings the app refuses to start without, defaulted for a local host when the environment does not set them:
    /// the demo files' Nets data recipient, and a fresh data-protection key (rows encrypted by an earlier run need
    /// that run's BANKFLOW_DATA_KEY). Only what the environment leaves unset is defaulted.
    /// </summary>
    private static Dictionary<string, string> DevelopmentDefaults()
    {
        var defaults = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Bankflow__Nets__DataRecipient")))
        {
            defaults["Bankflow__Nets__DataRecipient"] = Bankflow.LocalHost.Demo.DemoFiles.NetsDataRecipient;
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Bankflow__DataProtection__LocalKey"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Bankflow__DataProtection__KeyVaultKeyId")))
        {
            defaults["Bankflow__DataProtection__LocalKey"] = Environment.GetEnvironmentVariable("BANKFLOW_DATA_KEY") is { Length: > 0 } dataKey
                ? dataKey
                : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        return defaults;
    }
}
