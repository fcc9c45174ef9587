using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.LocalHost.Azurite;
using Bankflow.Testing;
using Bankflow.Testing.Camt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Benchmarks.Intake;

/// <summary>
/// Peak RSS of ImportBankFile importing one large camt.053 (not a BenchmarkDotNet benchmark: one run, one figure).
/// <c>dotnet run -c Release --project tests/Benchmarks -- import-rss [MB]</c>. The app's own services on Azurite
/// (a separate process, not counted); the file is generated to disk and uploaded as a stream, then the peak is reset
/// (<c>/proc/self/clear_refs</c>) so only the import is measured.
/// </summary>
internal static class ImportPeakMemory
{
    public static async Task RunAsync(int megabytes)
    {
        await using var azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Bankflow:ClientTokenSigningKey"] = Convert.ToBase64String(new byte[32]),
            ["Bankflow:Events:Transport"] = "StorageQueue",
            ["Bankflow:Nets:DataRecipient"] = "00105625",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddBankflowFunctions(configuration).BuildServiceProvider();
        await services.GetRequiredService<BankflowStorage>().EnsureCreatedAsync(CancellationToken.None);

        var file = Path.Combine(Path.GetTempPath(), $"bankflow-camt053-{megabytes}mb.xml");
        var perEntry = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 1, EntriesPerStatement: 1000)).Length / 1000.0;
        var entries = (int)(megabytes * 1024.0 * 1024 / perEntry);
        await using (var output = File.Create(file))
        {
            CamtGenerator.Write(new CamtGeneratorOptions(Seed: 1, Statements: 10, EntriesPerStatement: entries / 10), output);
        }
        var size = new FileInfo(file).Length;
        var blob = services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient("bench-client/dnb/big-statement.xml");
        await using (var input = File.OpenRead(file))
        {
            await blob.UploadAsync(input, overwrite: true);
        }
        File.Delete(file);

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5");
        var before = Status("VmRSS");
        var clock = Stopwatch.StartNew();
        await ActivatorUtilities.CreateInstance<ImportBankFileFunction>(services).RunAsync(blob, "bench-client", "dnb", "big-statement.xml", CancellationToken.None);
        clock.Stop();
        var peak = Status("VmHWM");

        var record = (await services.GetRequiredService<FileImportStore>().ListAsync(Bankflow.Domain.Values.ClientId.Parse("bench-client"), 1, CancellationToken.None)).Single();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"camt.053 {size / 1024.0 / 1024:F1} MiB, {record.EntryCount:N0} entries, {record.Status}: import {clock.Elapsed.TotalSeconds:F1} s; RSS before {before / 1024.0:F0} MiB, peak during import {peak / 1024.0:F0} MiB"));
    }

    /// <summary>A figure in kB from /proc/self/status.</summary>
    private static long Status(string key) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
