using System.Diagnostics;
using System.Globalization;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Testing.Nets;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Benchmarks.Intake;

/// <summary>
/// Import throughput of a large OCR giro file, from upload to committed BankEntries (not a BenchmarkDotNet benchmark:
/// one run, one figure each). <c>dotnet tests/Benchmarks/bin/Release/net10.0/Bankflow.Benchmarks.dll import-ocr [transactions]</c>.
/// The app's own services against a real Azurite (a separate process, not counted): the generated file (on disk) is
/// uploaded to the inbox as a stream, then ImportBankFile runs as the blob trigger runs it — hash, archive, validate,
/// write, commit. Prints the upload and import times, entries per second, and the process's peak RSS during the import
/// (<c>/proc/self/clear_refs</c> just before it, VmHWM after), and the CPU time this process and Azurite used during the
/// import. The committed rows are counted afterwards.
/// </summary>
internal static class ImportThroughput
{
    public static async Task RunAsync(int transactions)
    {
        // The generator's data recipient (OcrFileGenerator.WriteLarge).
        await using var app = await ImportBenchmarkApp.StartAsync(netsDataRecipient: "12345678");
        var (azurite, services, storage) = (app.Azurite, app.Services, app.Storage);

        var file = Path.Combine(Path.GetTempPath(), $"bankflow-ocr-import-{transactions}.txt");
        await using (var output = File.Create(file))
        {
            new OcrFileGenerator(2026).WriteLarge(output, transactions);
        }
        var size = new FileInfo(file).Length;
        var client = ClientId.Parse("bench-ocr");
        var blob = storage.Container(StorageNames.InboxContainer).GetBlobClient($"{client.Value}/nets/ocr-{transactions}.txt");

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var upload = Stopwatch.StartNew();
        await using (var input = File.OpenRead(file))
        {
            await blob.UploadAsync(input, overwrite: true);
        }
        upload.Stop();
        File.Delete(file);

        await ProcessMemory.ResetPeakAsync();
        var before = ProcessMemory.Kilobytes("VmRSS");
        var azuriteBefore = ProcessCpu.Of(azurite.ProcessId);
        var selfBefore = ProcessCpu.OfThisProcess();
        var import = Stopwatch.StartNew();
        await ActivatorUtilities.CreateInstance<ImportBankFileFunction>(services).RunAsync(blob, client.Value, "nets", $"ocr-{transactions}.txt", CancellationToken.None);
        import.Stop();
        var peak = ProcessMemory.Kilobytes("VmHWM");
        var azuriteCpu = ProcessCpu.Of(azurite.ProcessId) - azuriteBefore;
        var selfCpu = ProcessCpu.OfThisProcess() - selfBefore;

        var record = (await services.GetRequiredService<FileImportStore>().ListAsync(client, 1, CancellationToken.None)).Single();
        var rows = await services.GetRequiredService<BankEntryStore>().ListClientAsync(client, CancellationToken.None);
        var whole = upload.Elapsed + import.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OCR giro {size / 1024.0 / 1024:F1} MiB, {transactions:N0} transactions: {record.Status}, {record.EntryCount:N0} entries, {rows.Count:N0} rows stored. " +
            $"Upload {upload.Elapsed.TotalSeconds:F1} s, import {import.Elapsed.TotalSeconds:F1} s ({transactions / import.Elapsed.TotalSeconds:N0} entries/s); " +
            $"upload to committed {whole.TotalSeconds:F1} s ({transactions / whole.TotalSeconds:N0} entries/s). " +
            $"RSS before the import {before / 1024.0:F0} MiB, peak during it {peak / 1024.0:F0} MiB. " +
            $"CPU during the import: this process {selfCpu.TotalSeconds:F1} s ({selfCpu.TotalMicroseconds / transactions:F0} µs per entry), " +
            $"Azurite {azuriteCpu.TotalSeconds:F1} s ({azuriteCpu.TotalMicroseconds / transactions:F0} µs per entry)"));
    }

}
