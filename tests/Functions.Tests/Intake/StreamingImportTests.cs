using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Camt;
using Bankflow.Testing.Nets;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Intake;

/// <summary>
/// ImportBankFile as the worker runs it: the blob bound as a BlobClient and read as streams — archived under its
/// SHA-256, imported, recorded last, announced on the local bank-events queue — and the size caps per format.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StreamingImportTests(AzuriteFixture azurite)
{
    private const long BufferedCap = 64 * 1024;

    private Task<TestApp> AppAsync() => TestApp.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["Bankflow:Intake:MaxBufferedFileBytes"] = BufferedCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bankflow:Events:Transport"] = "StorageQueue",
    });

    private static async Task<(BlobClient Blob, string Sha256)> DropAsync(TestApp app, string path, byte[] content)
    {
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient(path);
        await blob.UploadAsync(BinaryData.FromBytes(content));
        return (blob, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    private static async Task RunAsync(TestApp app, BlobClient blob)
    {
        var parts = blob.Name.Split('/', 3);
        await app.Function<ImportBankFileFunction>().RunAsync(blob, parts[0], parts[1], parts[2], CancellationToken.None);
    }

    private static async Task<List<JsonElement>> EventsForAsync(TestApp app, string clientId)
    {
        var queue = app.Services.GetRequiredService<BankflowStorage>().Queues.GetQueueClient(StorageNames.BankEventsTopic);
        var peeked = await queue.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.Clone())
            .Where(e => e.GetProperty("source").GetString() == "/bankflow/clients/" + clientId)];
    }

    [Fact]
    public async Task A_camt_statement_over_the_buffered_cap_is_streamed_archived_imported_recorded_and_announced()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var camt = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 11, EntriesPerStatement: 1500));
        Assert.True(camt.Length > BufferedCap, "the file must be larger than the cap of formats read whole");
        var (blob, sha256) = await DropAsync(app, $"{client.Value}/dnb/statement.xml", camt);

        await RunAsync(app, blob);

        var record = await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, sha256, CancellationToken.None);
        Assert.Equal(FileImportStatus.Imported, record!.Status);
        Assert.Equal("camt.053", record.Format);
        Assert.True(record.EntryCount >= 1500, $"entries: {record.EntryCount}");
        Assert.Equal(camt.Length, record.Size);
        var archived = await app.Services.GetRequiredService<RawFileStore>().FindArchivedAsync(RawFileStore.ArchivePath(client, record.ReceivedAt, sha256), CancellationToken.None);
        Assert.Equal(camt.Length, archived!.Length);
        var announced = Assert.Single(await EventsForAsync(app, client.Value));
        Assert.Equal($"{client.Value}:{sha256}", announced.GetProperty("id").GetString());
        Assert.Equal("no.bankflow.FileImported", announced.GetProperty("type").GetString());
        Assert.Equal(record.EntryCount, announced.GetProperty("data").GetProperty("entryCount").GetInt32());
    }

    [Fact]
    public async Task A_Nets_file_over_the_buffered_cap_is_quarantined_with_the_reason_and_still_archived()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var big = new byte[BufferedCap + 1];
        "NY000010"u8.CopyTo(big);
        var (blob, sha256) = await DropAsync(app, $"{client.Value}/nets/huge.txt", big);

        await RunAsync(app, blob);

        var record = await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, sha256, CancellationToken.None);
        Assert.Equal(FileImportStatus.Quarantined, record!.Status);
        Assert.Contains("over the limit", record.Reason, StringComparison.Ordinal);
        Assert.Contains("MaxBufferedFileBytes", record.Reason, StringComparison.Ordinal);
        Assert.NotNull(await app.Services.GetRequiredService<RawFileStore>().FindArchivedAsync(RawFileStore.ArchivePath(client, record.ReceivedAt, sha256), CancellationToken.None));
        Assert.Equal("no.bankflow.FileQuarantined", Assert.Single(await EventsForAsync(app, client.Value)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing_and_announces_the_same_event_id()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var ocr = new OcrFileGenerator(5).Generate(new OcrGeneratorOptions { DataRecipient = TestApp.NetsDataRecipient }).Content;
        var (first, sha256) = await DropAsync(app, $"{client.Value}/nets/OCR.1.txt", ocr);
        var (again, _) = await DropAsync(app, $"{client.Value}/upload/OCR-copy.txt", ocr);

        await RunAsync(app, first);
        var decided = await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, sha256, CancellationToken.None);
        await RunAsync(app, again);

        Assert.Equal(FileImportStatus.Imported, decided!.Status);
        Assert.Equal(decided, await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, sha256, CancellationToken.None));
        var events = await EventsForAsync(app, client.Value);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal($"{client.Value}:{sha256}", e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_blob_deleted_before_its_trigger_runs_is_nothing_to_import()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var (blob, sha256) = await DropAsync(app, $"{client.Value}/nets/gone.txt", new OcrFileGenerator(6).Generate(new OcrGeneratorOptions { DataRecipient = TestApp.NetsDataRecipient }).Content);
        await blob.DeleteAsync();

        await RunAsync(app, blob);

        Assert.Null(await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, sha256, CancellationToken.None));
        Assert.Empty(await EventsForAsync(app, client.Value));
    }
}
