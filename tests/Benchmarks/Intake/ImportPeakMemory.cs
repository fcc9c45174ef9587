using System.Diagnostics;
using System.Globalization;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Testing.Camt;
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
        await using var app = await ImportBenchmarkApp.StartAsync(netsDataRecipient: "00105625");
        var services = app.Services;

        var file = Path.Combine(Path.GetTempPath(), $"bankflow-camt053-{megabytes}mb.xml");
        var perEntry = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 1, EntriesPerStatement: 1000)).Length / 1000.0;
        var entries = (int)(megabytes * 1024.0 * 1024 / perEntry);
        await using (var output = File.Create(file))
        {
            CamtGenerator.Write(new CamtGeneratorOptions(Seed: 1, Statements: 10, EntriesPerStatement: entries / 10), output);
        }
        var size = new FileInfo(file).Length;
        var blob = app.Storage.Container(StorageNames.InboxContainer).GetBlobClient("bench-client/dnb/big-statement.xml");
        await using (var input = File.OpenRead(file))
        {
            await blob.UploadAsync(input, overwrite: true);
        }
        File.Delete(file);

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await ProcessMemory.ResetPeakAsync();
        var before = ProcessMemory.Kilobytes("VmRSS");
        var clock = Stopwatch.StartNew();
        await ActivatorUtilities.CreateInstance<ImportBankFileFunction>(services).RunAsync(blob, "bench-client", "dnb", "big-statement.xml", CancellationToken.None);
        clock.Stop();
        var peak = ProcessMemory.Kilobytes("VmHWM");

        var record = (await services.GetRequiredService<FileImportStore>().ListAsync(Bankflow.Domain.Values.ClientId.Parse("bench-client"), 1, CancellationToken.None)).Single();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"camt.053 {size / 1024.0 / 1024:F1} MiB, {record.EntryCount:N0} entries, {record.Status}: import {clock.Elapsed.TotalSeconds:F1} s; RSS before {before / 1024.0:F0} MiB, peak during import {peak / 1024.0:F0} MiB"));
    }

}
