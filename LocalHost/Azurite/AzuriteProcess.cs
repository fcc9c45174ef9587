using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Azurite;

/// <summary>Where and how Azurite runs.</summary>
public sealed record AzuriteOptions
{
    /// <summary>A folder for Azurite's data, kept across restarts and left in place; null keeps everything in memory.</summary>
    public string? Location { get; init; }

    /// <summary>Fixed ports; 0 picks a free one each.</summary>
    public int BlobPort { get; init; }

    public int QueuePort { get; init; }

    public int TablePort { get; init; }
}

/// <summary>
/// Azurite (the npm Azure Storage emulator, pinned in package.json) started on loopback ports — free ones unless told
/// — in memory or on a folder, for the local run and for tests. It ends when LocalHost ends, even when LocalHost is
/// killed (<see cref="ParentWatch"/>). Tests of storage outages <see cref="KillAsync">kill</see> it and
/// <see cref="RestartAsync">start it again</see> on the same ports and folder. Disposing stops it and every child process.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _workDirectory;
    private readonly bool _ownsWorkDirectory;
    private readonly string? _location;
    private readonly StringBuilder _output;
    private Process _process;

    private AzuriteProcess(string script, Process process, string workDirectory, bool ownsWorkDirectory, string? location, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _script = script;
        _process = process;
        _workDirectory = workDirectory;
        _ownsWorkDirectory = ownsWorkDirectory;
        _location = location;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    /// <summary>The node process (its children are stopped with it).</summary>
    public int ProcessId => _process.Id;

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented; not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// Connection string with the development account and this instance's path-style endpoints (the account name is
    /// the first path segment, as Azurite serves it), for the Azure SDK clients and the handler's <c>AzureWebJobsStorage</c>.
    /// </summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{DevelopmentAccountName};";

    /// <summary>Finds Azurite under <paramref name="repositoryRoot"/>/node_modules (run <c>npm ci</c> first; ./bankflow does).</summary>
    public static Task<AzuriteProcess> StartAsync(string repositoryRoot, CancellationToken cancellationToken = default) =>
        StartAsync(repositoryRoot, new AzuriteOptions(), cancellationToken);

    /// <summary>Starts Azurite as <paramref name="options"/> say (see <see cref="StartAsync(string, CancellationToken)"/>).</summary>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run 'npm ci' in {repositoryRoot}.");
        }
        var fixedPorts = options.BlobPort != 0 && options.QueuePort != 0 && options.TablePort != 0;
        // Free ports are found by binding port 0; another process may take one before Azurite does, so try again.
        var attempts = fixedPorts ? 1 : 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(script, options, cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteStartException) when (attempt < attempts)
            {
            }
        }
    }

    private static async Task<AzuriteProcess> StartOnceAsync(string script, AzuriteOptions options, CancellationToken cancellationToken)
    {
        var (blob, queue, table) = (Or(options.BlobPort), Or(options.QueuePort), Or(options.TablePort));
        var ownsWorkDirectory = options.Location is null;
        var workDirectory = options.Location is { } location ? Directory.CreateDirectory(location).FullName : Directory.CreateTempSubdirectory("bankflow-azurite-").FullName;
        var output = new StringBuilder();
        var process = Launch(script, workDirectory, options.Location is not null, output, blob, queue, table);
        var azurite = new AzuriteProcess(script, process, workDirectory, ownsWorkDirectory, options.Location, output, blob, queue, table);
        try
        {
            await azurite.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        static int Or(int port) => port == 0 ? FreePort() : port;
    }

    private static Process Launch(string script, string workDirectory, bool persistent, StringBuilder output, int blob, int queue, int table)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        // Azurite ends when LocalHost (or the test process) does, even by kill -9: see ParentWatch.
        info.ArgumentList.Add("--require");
        info.ArgumentList.Add(ParentWatch.WatchNode(info, workDirectory));
        foreach (var arg in new[]
                 {
                     script,
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--disableTelemetry",
                     // Azure.Storage.Blobs 12.30 / Queues 12.28 send x-ms-version 2026-10-06; Azurite 3.37 (the newest
                     // served here) knows versions up to 2026-06-06 and refuses newer ones unless told to skip the check.
                     // The operations Bankflow uses are the same in both versions.
                     "--skipApiVersionCheck",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        if (persistent)
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(workDirectory);
        }
        else
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Kills Azurite at once (SIGKILL: no shutdown, as a crash or a pulled plug) and waits until it is gone: storage is
    /// unreachable until <see cref="RestartAsync"/>. With a <see cref="AzuriteOptions.Location"/>, what Azurite had saved
    /// stays there (it writes its tables and blob lists to disk every few seconds).
    /// </summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Starts Azurite again on the same ports (and folder) after <see cref="KillAsync"/>; waits until it listens.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
        lock (_output)
        {
            _output.Clear();
        }
        _process = Launch(_script, _workDirectory, _location is not null, _output, BlobPort, QueuePort, TablePort);
        await WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_process.HasExited)
                {
                    throw new AzuriteStartException($"Azurite exited with code {_process.ExitCode} before listening: {Output}");
                }
                if (await CanConnectAsync(port, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new AzuriteStartException($"Azurite did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s: {Output}");
                }
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
        if (!_ownsWorkDirectory)
        {
            return; // a folder the caller named is the caller's
        }
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>Azurite could not be started (port taken, node missing, crashed); carries its output.</summary>
public sealed class AzuriteStartException(string message) : Exception(message);
