using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Events;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.HostileInput;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bankflow.Functions.Tests.HostileInput;

/// <summary>
/// Every file of the hostile-input corpus through the whole import, as the blob trigger runs it (ImportBankFileFunction
/// on a blob in the inbox, on Azurite), each under a fresh client: no exception escapes, each file is decided —
/// Imported or Quarantined — within <see cref="PerFile"/> (a file slower than that beside the others, on a busy machine,
/// is timed again alone), a quarantined file leaves no bank entry, statement,
/// balance, shipment, payment status change or other notification behind, and its reason (and each stored
/// diagnostic) says where in the file, and only a file imported with entries asks for a reconciliation. The unmutated
/// seeds must be imported. Larger runs: see <see cref="FuzzSettings"/>.
/// </summary>
[Collection(AzuriteFixture.Collection)]
[Trait("Category", "HostileInput")]
public sealed class ImportCorpusTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan PerFile = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a file over <see cref="PerFile"/> is still waited for: on a busy machine (the whole suite at once on two
    /// shared cores) a file can take longer without hanging. One not decided by then is a hang; one decided is checked
    /// like any other and then timed again alone, where it must take less than <see cref="PerFile"/>.
    /// </summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    /// <summary>Files imported at once: Azurite waits on I/O, so a few in flight keep the CI run short on two cores.</summary>
    private const int Parallelism = 4;

    /// <summary>Azure Table storage keys: at most 1 KiB, UTF-16.</summary>
    private const int MaxKeyCharacters = 512;

    private static readonly string[] ClientTables =
    [
        StorageNames.BankEntriesTable, StorageNames.StatementsTable, StorageNames.StatementBalancesTable, StorageNames.ShipmentsTable,
    ];

    [Fact]
    public async Task Every_corpus_file_is_decided_in_time_with_no_partial_write_and_a_located_reason()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var events = new RecordingEventPublisher();
        var settings = FuzzSettings.FromEnvironment();
        var count = 0;
        var failures = new ConcurrentBag<(int Number, string Text)>();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var durations = new ConcurrentBag<TimeSpan>();
        // Which files each client was given: its reconcile-requests are checked against them after the run.
        var filesOf = new ConcurrentDictionary<string, ConcurrentBag<(HostileCase Case, bool WithEntries)>>(StringComparer.Ordinal);
        var total = Stopwatch.StartNew();
        // A client whose file was quarantined (and checked to have changed nothing) is as new: the next file may use it.
        var clean = new[] { new ConcurrentBag<CorpusClient>(), new ConcurrentBag<CorpusClient>() };
        // Files over PerFile in the parallel pass (they were decided, and checked): timed again alone afterwards.
        var slow = new ConcurrentBag<(HostileCase Case, TimeSpan Elapsed)>();

        async Task<TimeSpan?> CheckOneAsync(HostileCase hostile, bool again = false)
        {
            try
            {
                var pool = clean[hostile.Seed.IsXml ? 1 : 0];
                var client = pool.TryTake(out var reused) ? reused : await CorpusClient.CreateAsync(app.Services, withBatch: hostile.Seed.IsXml);
                var (problem, outcome, elapsed) = await CheckAsync(app, events, hostile, client);
                // What ImportBankFileFunction asks a reconciliation for: an import that committed entries.
                var importId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hostile.Content));
                var withEntries = events.Events.Values.OfType<FileImportedEvent>().Any(e =>
                    e.ClientId == client.Client.Value && e.ImportId == importId && e.EventType == FileImportedEvent.Imported && e.EntryCount > 0);
                filesOf.GetOrAdd(client.Client.Value, _ => []).Add((hostile, withEntries));
                if (problem is null && outcome.EndsWith(nameof(FileImportStatus.Quarantined), StringComparison.Ordinal))
                {
                    pool.Add(client);
                }
                if (!again)
                {
                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                    durations.Add(elapsed);
                }
                if (settings.Verbose)
                {
                    output.WriteLine($"{hostile}: {outcome} in {elapsed.TotalMilliseconds:F0} ms");
                }
                if (problem is not null)
                {
                    var kept = settings.Keep(hostile);
                    failures.Add((hostile.Number, $"{hostile}: {problem} [{settings.Reproduce(hostile)}{(kept is null ? "" : $", file {kept}")}]"));
                    return null;
                }
                return elapsed;
            }
            catch (Exception ex)
            {
                // The test's own setup or checks failed (not the import, which CheckAsync catches): still a failure to see.
                failures.Add((hostile.Number, $"{hostile}: the test could not check it: {ex.GetType().Name}: {ex.Message}"));
                return null;
            }
        }

        using var gate = new SemaphoreSlim(Parallelism);
        var running = new List<Task>();
        // Files are made as they are taken, and no more than Parallelism are in flight: a large run holds few at once.
        foreach (var hostile in settings.Cases())
        {
            count++;
            await gate.WaitAsync();
            running.RemoveAll(t => t.IsCompleted);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    if (await CheckOneAsync(hostile) is { } elapsed && elapsed > PerFile)
                    {
                        slow.Add((hostile, elapsed));
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await Task.WhenAll(running);
        Assert.True(count > 0, "no case of this run (BANKFLOW_FUZZ_CASE beyond the count?)");
        // Alone, one at a time: a file that is slow only beside three others and the rest of the machine's work is no hang.
        foreach (var (hostile, before) in slow.OrderBy(s => s.Case.Number))
        {
            if (await CheckOneAsync(hostile, again: true) is { } alone)
            {
                output.WriteLine($"{hostile}: {before.TotalSeconds:F1} s in the parallel pass, {alone.TotalSeconds:F1} s alone");
                if (alone > PerFile)
                {
                    failures.Add((hostile.Number, $"{hostile}: took {alone.TotalSeconds:F1} s alone (limit {PerFile.TotalSeconds:F0} s) [{settings.Reproduce(hostile)}]"));
                }
            }
        }
        var requests = await TakeReconcileRequestsAsync(app.Services.GetRequiredService<BankflowStorage>(), filesOf.Keys.ToHashSet(StringComparer.Ordinal));
        foreach (var (client, files) in filesOf)
        {
            var asked = requests.GetValueOrDefault(client);
            var expected = files.Count(f => f.WithEntries);
            if (asked != expected)
            {
                var first = files.OrderBy(f => f.Case.Number).First().Case;
                failures.Add((first.Number, $"{string.Join(" then ", files.OrderBy(f => f.Case.Number).Select(f => f.Case.ToString()))}: "
                    + $"{asked} reconciliation requests for {expected} files imported with entries [{settings.Reproduce(first)}]"));
            }
        }
        var sorted = durations.OrderBy(d => d).ToList();
        output.WriteLine($"{count} files (seed {settings.Seed}) imported in {total.Elapsed.TotalSeconds:F1} s with {Parallelism} at a time; "
            + $"median {sorted[sorted.Count / 2].TotalMilliseconds:F0} ms, slowest {sorted[^1].TotalMilliseconds:F0} ms"
            + (slow.IsEmpty ? "; " : $" ({slow.Count} over {PerFile.TotalSeconds:F0} s beside the others, timed again alone); ")
            + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}")));
        var ordered = failures.OrderBy(f => f.Number).Select(f => f.Text).ToList();
        foreach (var failure in ordered)
        {
            output.WriteLine(failure);
        }
        Assert.True(ordered.Count == 0, $"{ordered.Count} of {count} files failed:\n" + string.Join("\n", ordered.Take(40)));
    }

    private static async Task<(string? Problem, string Outcome, TimeSpan Elapsed)> CheckAsync(TestApp app, RecordingEventPublisher events, HostileCase hostile, CorpusClient client)
    {
        var services = app.Services;
        var storage = services.GetRequiredService<BankflowStorage>();
        var channel = hostile.Seed.IsNets ? "nets" : "dnb";
        var blob = storage.Container(StorageNames.InboxContainer).GetBlobClient($"{client.Client.Value}/{channel}/case-{hostile.Number:D5}.bin");
        await blob.UploadAsync(BinaryData.FromBytes(hostile.Content));
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hostile.Content));

        var watch = Stopwatch.StartNew();
        // The function as the worker builds it, but announcing to the recording publisher (see RecordingEventPublisher).
        var function = ActivatorUtilities.CreateInstance<ImportBankFileFunction>(services, (IEventPublisher)events);
        var run = function.RunAsync(blob, client.Client.Value, channel, blob.Name.Split('/')[^1], CancellationToken.None);
        try
        {
            await run.WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            return ($"hang: not decided after {HangLimit.TotalSeconds:F0} s", "hang", watch.Elapsed);
        }
        catch (Exception ex)
        {
            return ($"crash: {ex.GetType().FullName}: {ex.Message} at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}", "crash", watch.Elapsed);
        }
        var elapsed = watch.Elapsed;

        var record = await services.GetRequiredService<FileImportStore>().GetAsync(client.Client, sha256, CancellationToken.None);
        if (record is null || record.Status is not (FileImportStatus.Imported or FileImportStatus.Quarantined))
        {
            return ($"not decided: {record?.Status.ToString() ?? "no FileImports record"}", "undecided", elapsed);
        }
        var outcome = $"{record.Format ?? "unknown"} {record.Status}";
        var announced = events.Events.GetValueOrDefault(record.EventId) as FileImportedEvent;
        if (announced is null || announced.Status != record.Status.ToString())
        {
            return ($"decided {record.Status} but not announced as such ({announced?.Status ?? "no FileImported event"})", outcome, elapsed);
        }
        var (rows, longestKey) = await ClientRowsAsync(storage, client.Client.Value);
        if (longestKey > MaxKeyCharacters)
        {
            // Azurite takes longer keys; Azure Table storage refuses them (1 KiB of UTF-16), so the import would fail there.
            return ($"wrote a table key of {longestKey} characters (Azure allows {MaxKeyCharacters})", outcome, elapsed);
        }
        if (hostile.IsUnmutated && record.Status != FileImportStatus.Imported)
        {
            return ($"the unmutated seed was quarantined: {record.Reason}", outcome, elapsed);
        }
        if (record.Status == FileImportStatus.Imported)
        {
            var entries = rows.GetValueOrDefault(StorageNames.BankEntriesTable);
            // Entries with the same id are one row (a re-delivered entry), never more rows than entries.
            if (entries > record.EntryCount && hostile.Seed.Kind != SeedKind.Pain002)
            {
                return ($"imported with {record.EntryCount} entries but {entries} BankEntries rows", outcome, elapsed);
            }
            return (null, outcome, elapsed);
        }

        // Quarantined: the reason says where, and nothing of the file was applied.
        if (record.Reason is null || !Whereabouts.IsLocated(record.Reason))
        {
            return ($"the quarantine reason names no line and no element: {record.Reason}", outcome, elapsed);
        }
        var stored = await ReasonDocumentAsync(storage, client.Client.Value, sha256);
        foreach (var diagnostic in stored.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetString() ?? ""))
        {
            if (!Whereabouts.IsLocated(diagnostic) && !diagnostic.EndsWith("are kept)", StringComparison.Ordinal))
            {
                return ($"a stored diagnostic names no line and no element: {diagnostic}", outcome, elapsed);
            }
        }
        var written = rows.Where(r => r.Value > 0).Select(r => $"{r.Value} {r.Key} rows").ToList();
        if (written.Count > 0)
        {
            return ($"quarantined, yet wrote {string.Join(", ", written)}", outcome, elapsed);
        }
        if (client.PaymentsBefore is { } before && await client.PaymentsAsync(services) is var after && after != before)
        {
            return ($"quarantined, yet payments changed: before {before}; after {after}", outcome, elapsed);
        }
        var notifications = await services.GetRequiredService<NotificationStore>().ListAsync(client.Client, includeAcknowledged: true, max: 100, CancellationToken.None);
        var others = notifications.Where(n => n.Kind != "FileQuarantined").Select(n => n.Kind).ToList();
        if (others.Count > 0)
        {
            return ($"quarantined, yet notified {string.Join(", ", others)}", outcome, elapsed);
        }
        return (null, outcome, elapsed);
    }

    /// <summary>
    /// Takes the corpus clients' messages off the shared reconcile-requests queue (how many each client sent) and leaves
    /// every other message visible again: hundreds of corpus imports must not crowd the queue other tests of the
    /// collection read (tests of one collection run one at a time, so nobody else reads meanwhile).
    /// </summary>
    private static async Task<Dictionary<string, int>> TakeReconcileRequestsAsync(BankflowStorage storage, HashSet<string> clients)
    {
        var queue = storage.Queue(StorageNames.ReconcileRequestsQueue);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var others = new List<(string Id, string Receipt)>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                string? client = null;
                try
                {
                    client = ReconcileRequests.Read(message.MessageText).Value;
                }
                catch (InvalidDataException)
                {
                    // another test's message of another shape: not ours
                }
                if (client is not null && clients.Contains(client))
                {
                    counts[client] = counts.GetValueOrDefault(client) + 1;
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                else
                {
                    others.Add((message.MessageId, message.PopReceipt));
                }
            }
        }
        foreach (var (id, receipt) in others)
        {
            await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.Zero);
        }
        return counts;
    }

    /// <summary>Rows of the client in each table keyed by client (every key starts "{client}|"), and the longest key among them.</summary>
    private static async Task<(Dictionary<string, int> Rows, int LongestKey)> ClientRowsAsync(BankflowStorage storage, string client)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var longest = 0;
        // '}' follows '|': the range holds exactly the partitions "{client}|…".
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {client + "|"} and PartitionKey lt {client + "}"}");
        foreach (var table in ClientTables)
        {
            var n = 0;
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
            {
                n++;
                longest = Math.Max(longest, Math.Max(row.PartitionKey.Length, row.RowKey.Length));
            }
            counts[table] = n;
        }
        return (counts, longest);
    }

    private static async Task<JsonElement> ReasonDocumentAsync(BankflowStorage storage, string client, string sha256)
    {
        var blob = storage.Container(StorageNames.QuarantineContainer).GetBlobClient($"{client}/{sha256}.reason.json");
        var content = await blob.DownloadContentAsync();
        return JsonDocument.Parse(content.Value.Content.ToMemory()).RootElement.Clone();
    }
}
