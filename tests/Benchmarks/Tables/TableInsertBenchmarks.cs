using Azure.Data.Tables;
using Bankflow.LocalHost.Azurite;
using Bankflow.Testing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;

namespace Bankflow.Benchmarks.Tables;

/// <summary>
/// Inserting <see cref="Entities"/> rows one request each versus entity group transactions of 100 with Azure.Data.Tables'
/// <see cref="TableClient"/>, against a real Azurite (started in GlobalSetup). OperationsPerInvoke is the entity count, so Mean is per entity and Op/s is entities per second.
/// Each invocation writes a fresh partition, so no insert ever collides with an earlier one.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*TableInsertBenchmarks*'
/// </summary>
[Config(typeof(Config))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class TableInsertBenchmarks
{
    public const int Entities = 1000;

    private AzuriteProcess? _azurite;
    private TableClient? _table;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(StatisticColumn.OperationsPerSecond);
    }

    [GlobalSetup]
    public async Task StartAzuriteAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        var service = StorageClients.Tables(_azurite.ConnectionString);
        _table = service.GetTableClient("bench" + Guid.NewGuid().ToString("N")[..12]);
        await _table.CreateIfNotExistsAsync();
    }

    [GlobalCleanup]
    public async Task StopAzuriteAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entities)]
    public async Task OneByOne()
    {
        var table = _table!;
        foreach (var entity in Rows())
        {
            await table.AddEntityAsync(entity);
        }
    }

    [Benchmark(OperationsPerInvoke = Entities)]
    public async Task TransactionsOf100()
    {
        var table = _table!;
        var batch = new List<TableTransactionAction>(100);
        foreach (var entity in Rows())
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
            if (batch.Count == 100)
            {
                await table.SubmitTransactionAsync(batch);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch);
        }
    }

    /// <summary>A bank-transaction-like row: amount in øre, KID, booking date, text.</summary>
    private static IEnumerable<TableEntity> Rows()
    {
        var partition = "p" + Guid.NewGuid().ToString("N");
        var booked = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Entities; i++)
        {
            yield return new TableEntity(partition, i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["AmountOre"] = 125_000L + i,
                ["Kid"] = "00012345678" + (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Booked"] = booked,
                ["Text"] = "Innbetaling faktura",
            };
        }
    }
}
