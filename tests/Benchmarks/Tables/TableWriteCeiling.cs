using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Bankflow.Functions.Banking;
using Bankflow.LocalHost.Azurite;
using Bankflow.Testing;

namespace Bankflow.Benchmarks.Tables;

/// <summary>
/// What the Table SDK alone reaches against Azurite on this machine, with nothing of the import around it: the ceiling
/// the OCR import's throughput (<see cref="Intake.ImportThroughput"/>) is measured against (issue 15, item 11).
/// <c>dotnet tests/Benchmarks/bin/Release/net10.0/Bankflow.Benchmarks.dll table-ceiling [rows]</c>.
/// Rows are prepared in memory, then written as the import writes them: entity-group transactions of 100, four in
/// flight, each shape into a fresh table of a fresh Azurite. Prints rows per second and the CPU each side used per row.
/// </summary>
internal static class TableWriteCeiling
{
    private const int BatchSize = 100;
    private const int InFlight = 4;

    public static async Task RunAsync(int rows)
    {
        var shapes = new (string Name, TableTransactionActionType Action, Func<string, IEnumerable<TableEntity>> Rows)[]
        {
            ("two properties (amount, KID), insert", TableTransactionActionType.Add, TwoProperties(rows)),
            ("two properties (amount, KID), upsert", TableTransactionActionType.UpsertReplace, TwoProperties(rows)),
            ("an OCR BankEntry row (BankEntryStore.ToEntity), upsert as the import", TableTransactionActionType.UpsertReplace, OcrBankEntryRows(rows)),
        };
        foreach (var (name, action, rowsOf) in shapes)
        {
            await using var azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
            var table = StorageClients.Tables(azurite.ConnectionString).GetTableClient("ceiling");
            await table.CreateIfNotExistsAsync();
            const string partition = "bench-ceiling|12345678903|202611";
            var batches = rowsOf(partition).Select(row => new TableTransactionAction(action, row)).Chunk(BatchSize).Select(b => b.ToList()).ToList();

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var azuriteBefore = ProcessCpu.Of(azurite.ProcessId);
            var selfBefore = ProcessCpu.OfThisProcess();
            var clock = Stopwatch.StartNew();
            using var slots = new SemaphoreSlim(InFlight);
            var sent = new List<Task>(batches.Count);
            foreach (var batch in batches)
            {
                await slots.WaitAsync();
                sent.Add(SubmitAsync(table, batch, slots));
            }
            await Task.WhenAll(sent);
            clock.Stop();
            var azuriteCpu = ProcessCpu.Of(azurite.ProcessId) - azuriteBefore;
            var selfCpu = ProcessCpu.OfThisProcess() - selfBefore;
            var written = batches.Sum(b => b.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {written:N0} rows in {clock.Elapsed.TotalSeconds:F1} s = {written / clock.Elapsed.TotalSeconds:N0} rows/s; " +
                $"CPU per row: Azurite {azuriteCpu.TotalMicroseconds / written:F0} µs, the SDK's process {selfCpu.TotalMicroseconds / written:F0} µs"));
        }
    }

    private static async Task SubmitAsync(TableClient table, List<TableTransactionAction> batch, SemaphoreSlim slots)
    {
        try
        {
            await table.SubmitTransactionAsync(batch);
        }
        finally
        {
            slots.Release();
        }
    }

    private static Func<string, IEnumerable<TableEntity>> TwoProperties(int rows) => partition =>
        Enumerable.Range(0, rows).Select(i => new TableEntity(partition, i.ToString("D7", CultureInfo.InvariantCulture))
        {
            ["AmountOre"] = 125_000L + i,
            ["Kid"] = (100_000_000L + i).ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>The rows the OCR import stores, from the same entries the BankEntries write benchmark uses.</summary>
    private static Func<string, IEnumerable<TableEntity>> OcrBankEntryRows(int rows) => partition =>
        OcrBenchmarkEntries.Generate(rows).Select(entry => BankEntryStore.ToEntity(partition, entry, "import-0123456789abcdef"));
}
