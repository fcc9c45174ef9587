using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;
using Bankflow.LocalHost.Azurite;
using Bankflow.Testing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Benchmarks.Tables;

/// <summary>
/// The BankEntries write path alone, against a real Azurite (started in GlobalSetup): <see cref="Entities"/> OCR-like
/// entries (the import's row shape, <see cref="BankEntryStore"/>'s own entity) written as the store wrote them before
/// (transactions of 100, one after the other) and through <see cref="BankEntryWriter"/> (four in flight). Each
/// invocation writes under a fresh client, so every row is new. OperationsPerInvoke is the entry count: Op/s is entries per second.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*BankEntryWriteBenchmarks*'
/// </summary>
[Config(typeof(Config))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class BankEntryWriteBenchmarks
{
    public const int Entities = 10_000;

    private AzuriteProcess? _azurite;
    private ServiceProvider? _services;
    private BankEntryStore? _store;
    private TableClient? _table;
    private int _run;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(StatisticColumn.OperationsPerSecond);
    }

    [GlobalSetup]
    public async Task StartAzuriteAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
        }).Build();
        _services = new ServiceCollection().AddBankflowStorage(configuration).BuildServiceProvider();
        var storage = _services.GetRequiredService<BankflowStorage>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        _store = new BankEntryStore(storage);
        _table = storage.Table(StorageNames.BankEntriesTable);
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entities, Description = "transactions of 100, one at a time (before)")]
    public async Task OneTransactionAtATime()
    {
        var client = NextClient();
        var batch = new List<TableTransactionAction>(BankEntryWriter.BatchSize);
        foreach (var entry in Entries())
        {
            var partition = BankEntryStore.PartitionKey(client, entry.Account, entry.BookingDate);
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, BankEntryStore.ToEntity(partition, entry, Source)));
            if (batch.Count == BankEntryWriter.BatchSize)
            {
                await _table!.SubmitTransactionAsync(batch);
                batch.Clear();
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Entities, Description = "BankEntryWriter: four transactions in flight")]
    public async Task<int> Writer()
    {
        await using var writer = _store!.OpenWriter(NextClient(), Source, CancellationToken.None);
        foreach (var entry in Entries())
        {
            await writer.AddAsync(entry);
        }
        return await writer.CompleteAsync();
    }

    private const string Source = "0000000000000000000000000000000000000000000000000000000000000000";

    private ClientId NextClient() => ClientId.Parse($"bench-{Interlocked.Increment(ref _run)}");

    private static IEnumerable<BankEntry> Entries() => OcrBenchmarkEntries.Generate(Entities);
}
