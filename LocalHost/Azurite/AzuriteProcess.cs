using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bankflow.LocalHost.Azurite;

/// <summary>
/// Azurite (the npm Azure Storage emulator, pinned in package.json) started on free loopback ports with
/// in-memory persistence, for the local run and for tests. Disposing stops it and every child process.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workDirectory;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, string workDirectory, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _workDirectory = workDirectory;
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
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run 'npm ci' in {repositoryRoot}.");
        }
        // Free ports are found by binding port 0; another process may take one before Azurite does, so try again.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(script, cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteStartException) when (attempt < attempts)
            {
            }
        }
    }

    private static async Task<AzuriteProcess> StartOnceAsync(string script, CancellationToken cancellationToken)
    {
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var workDirectory = Directory.CreateTempSubdirectory("bankflow-azurite-").FullName;
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        foreach (var arg in new[]
                 {
                     script,
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--disableTelemetry",
                     // Azure.Storage.Blobs 12.30 / Queues 12.28 send x-ms-version 2026-10-06; Azurite 3.37 (the newest
                     // served here) knows versions up to 2026-06-06 and refuses newer ones unless told to skip the check.
                     // The operations Bankflow uses are the same in both versions.
                     "--skipApiVersionCheck",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        var output = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, workDirectory, output, blob, queue, table);
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
        _process.Dispose();
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
