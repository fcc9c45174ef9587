using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Bankflow.Domain.Access;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Run;

/// <summary>
/// <c>bankflow run</c>: the whole pipeline on one machine. Starts Azurite (unless BANKFLOW_STORAGE names a
/// storage connection string), the handler and the host stand-in; feeds the demo client's sample files
/// through the public upload API and the inbox; waits until each is decided; prints a report; then keeps
/// serving (Ctrl-C stops everything) — or exits with <c>--once</c>.
/// </summary>
public static class RunCommand
{
    public static readonly ClientId DemoClient = ClientId.Parse("demo-client");

    public static async Task<int> RunAsync(RunOptions options, TextWriter output)
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

        var log = new LineLog(output);
        AzuriteProcess? azurite = null;
        LocalFunctionsHost? host = null;
        SbankenDemo? sbanken = null; // Sbanken (issue 7): simulator + onboarding demo
        DnbDemo? dnb = null; // DNB (issue 13): simulator + order/callback demo
        CollectionDemo? collection = null; // Debt collection (issue 14): Modhi simulator + the case lifecycle
        try
        {
            var storage = Environment.GetEnvironmentVariable("BANKFLOW_STORAGE");
            if (string.IsNullOrWhiteSpace(storage))
            {
                output.WriteLine("Starting Azurite (in memory, loopback)…");
                azurite = await AzuriteProcess.StartAsync(options.RepositoryRoot, stop.Token).ConfigureAwait(false);
                storage = azurite.ConnectionString;
            }
            // Fresh secrets per run: nothing to leak, nothing committed. Printed below because this is a local demo.
            var functionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var signingKey = RandomNumberGenerator.GetBytes(32);
            var tokens = new ClientTokenService(signingKey, TimeProvider.System);
            var token = tokens.Issue("local-accountant", [DemoClient], TimeSpan.FromHours(12));

            // --port 0 becomes a concrete port now: the Sbanken redirect URI handed to the worker must name the port in use.
            var address = RunAddress.Resolve(options.HttpPort);
            sbanken = await SbankenDemo.StartAsync(address.SbankenCallback, stop.Token).ConfigureAwait(false);
            dnb = await DnbDemo.StartAsync(stop.Token).ConfigureAwait(false);
            collection = await CollectionDemo.StartAsync(stop.Token).ConfigureAwait(false);
            output.WriteLine("Starting the local Functions host and the isolated worker…");
            host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
            {
                HandlerDirectory = Path.GetDirectoryName(Path.GetFullPath(options.HandlerDll))!,
                StorageConnectionString = storage,
                FunctionKey = functionKey,
                HttpPort = address.Port,
                Log = log.Write,
                HandlerSettings = new Dictionary<string, string>
                {
                    ["Bankflow__ClientTokenSigningKey"] = Convert.ToBase64String(signingKey),
                    ["Bankflow__EnsureStorage"] = "true",
                    // Bankflow's customer unit id at Nets: the demo OCR files are addressed to it.
                    ["Bankflow__Nets__DataRecipient"] = DemoFiles.NetsDataRecipient,
                    // Encrypts personal fields at rest (Sbanken's customer id). Fresh per run on the in-memory Azurite;
                    // with BANKFLOW_STORAGE, set BANKFLOW_DATA_KEY (base64 of 32 bytes) to read earlier runs' rows.
                    ["Bankflow__DataProtection__LocalKey"] = Environment.GetEnvironmentVariable("BANKFLOW_DATA_KEY") is { Length: > 0 } dataKey
                        ? dataKey
                        : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    ["Logging__LogLevel__Default"] = "Warning",
                    ["Logging__LogLevel__Bankflow"] = "Information",
                    ["Logging__Console__FormatterName"] = "simple",
                    ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                }.Concat(sbanken.HandlerSettings).Concat(dnb.HandlerSettings).Concat(collection.HandlerSettings).ToDictionary(),
            }, stop.Token).ConfigureAwait(false);
            host.StartBackground();

            using var http = new HttpClient { BaseAddress = host.Http!.BaseAddress };
            var api = new BankflowApi(http, functionKey, token);
            var blobs = StorageClients.Blobs(storage);
            var feeder = new FileFeeder(api, blobs, DemoClient);

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            output.WriteLine();
            foreach (var line in await ReconciliationDemo.UploadOpenItemsAsync(http, functionKey, token, DemoClient, today, stop.Token).ConfigureAwait(false))
            {
                output.WriteLine(line);
            }
            output.WriteLine($"Feeding the demo client's sample files (client '{DemoClient}')…");
            var demo = DemoFiles.Create(today);
            var fed = new List<FedFile>();
            foreach (var file in demo)
            {
                fed.Add(await feeder.FeedAsync(file.Channel, file.Name, file.Content, file.Shows, stop.Token).ConfigureAwait(false));
            }
            var decided = await feeder.WaitForOutcomesAsync(fed, TimeSpan.FromSeconds(90), stop.Token).ConfigureAwait(false);
            // Before the report, so its event count includes the reconciliation's events.
            var reconciliation = await ReconciliationDemo.ReportAsync(http, functionKey, token, DemoClient, today, ImportedEntries(decided), TimeSpan.FromSeconds(60), stop.Token).ConfigureAwait(false);
            log.Flush();
            Report.Print(output, decided, await api.GetNotificationsAsync(DemoClient.Value, stop.Token).ConfigureAwait(false), host.Log);
            output.WriteLine();
            foreach (var line in reconciliation)
            {
                output.WriteLine(line);
            }
            foreach (var line in await sbanken.RunAsync(host, functionKey, token, DemoClient, storage, stop.Token).ConfigureAwait(false))
            {
                output.WriteLine(line);
            }

            output.WriteLine();
            foreach (var line in await RemittanceDemo.RunAsync(http, functionKey, token, DemoClient, blobs, TimeSpan.FromSeconds(60), stop.Token).ConfigureAwait(false))
            {
                output.WriteLine("  " + line);
            }
            foreach (var line in await dnb.RunAsync(host, functionKey, token, DemoClient, stop.Token).ConfigureAwait(false))
            {
                output.WriteLine(line);
            }
            foreach (var line in await collection.RunAsync(host, functionKey, token, DemoClient, blobs, today, TimeSpan.FromSeconds(60), stop.Token).ConfigureAwait(false))
            {
                output.WriteLine(line);
            }
            log.Flush();

            if (options.Once)
            {
                // A refused upload is a decided outcome too (the demo's empty upload is refused on purpose).
                return decided.All(d => d.IsDecided) ? 0 : 1;
            }
            PrintServing(output, host, functionKey, token);
            log.Echo = true;
            if (options.InboxDirectory is { } inbox)
            {
                await feeder.WatchFolderAsync(inbox, output, stop.Token).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (WorkerStartException ex)
        {
            // Said plainly (no stack trace): which stage failed, after how long, and the worker's last output.
            output.WriteLine($"bankflow run: the Functions worker did not start: {ex.Message}");
            return 1;
        }
        finally
        {
            output.WriteLine("Stopping…");
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
            if (sbanken is not null)
            {
                await sbanken.DisposeAsync().ConfigureAwait(false);
            }
            if (dnb is not null)
            {
                await dnb.DisposeAsync().ConfigureAwait(false);
            }
            if (collection is not null)
            {
                await collection.DisposeAsync().ConfigureAwait(false);
            }
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
            output.WriteLine("Stopped; no process left behind.");
        }
    }

    /// <summary>Bank entries the fed files brought (an import fed twice counts once).</summary>
    private static int ImportedEntries(IReadOnlyList<FedFile> files) =>
        files.Where(f => f.Outcome is { } o && o.GetProperty("status").GetString() == "Imported")
            .DistinctBy(f => f.ImportId)
            .Sum(f => f.Outcome!.Value.GetProperty("entryCount").GetInt32());

    private static void PrintServing(TextWriter output, LocalFunctionsHost host, string functionKey, string token)
    {
        var api = host.Http!.BaseAddress.ToString().TrimEnd('/');
        output.WriteLine();
        output.WriteLine("Serving (Ctrl-C stops everything). This run's dev credentials — new every run, local only:");
        output.WriteLine($"  function key : {functionKey}");
        output.WriteLine($"  client token : {token}");
        output.WriteLine("Try:");
        output.WriteLine($"  curl -s -H 'x-functions-key: {functionKey}' -H 'Authorization: Bearer {token}' {api}/api/clients/{DemoClient}/files");
        output.WriteLine($"  curl -s -H 'x-functions-key: {functionKey}' -H 'Authorization: Bearer {token}' {api}/api/clients/{DemoClient}/notifications");
        output.WriteLine($"  curl -s -H 'x-functions-key: {functionKey}' -H 'Authorization: Bearer {token}' --data-binary @FILE '{api}/api/clients/{DemoClient}/files?name=FILE'");
        output.WriteLine($"  curl -s -H 'x-functions-key: {functionKey}' -H 'Authorization: Bearer {token}' {api}/api/clients/{DemoClient}/matches");
        output.WriteLine($"  curl -s -H 'x-functions-key: {functionKey}' -H 'Authorization: Bearer {token}' {api}/api/clients/{DemoClient}/unmatched");
        output.WriteLine($"  curl -s {api}/api/health");
        output.WriteLine();
    }

    /// <summary>Invocation log lines are held back while the report is built, so the report reads cleanly.</summary>
    private sealed class LineLog(TextWriter output)
    {
        private readonly List<string> _held = [];

        public bool Echo { get; set; }

        public void Write(string line)
        {
            lock (_held)
            {
                if (Echo)
                {
                    output.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");
                }
                else if (!line.Contains("(http GET", StringComparison.Ordinal))
                {
                    // The report's own status polling would drown the interesting lines.
                    _held.Add(line);
                }
            }
        }

        public void Flush()
        {
            lock (_held)
            {
                output.WriteLine();
                output.WriteLine("Invocations:");
                foreach (var line in _held)
                {
                    output.WriteLine("  " + line);
                }
                _held.Clear();
            }
        }
    }
}
