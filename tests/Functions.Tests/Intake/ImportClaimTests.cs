using System.Security.Cryptography;
using Bankflow.Domain.Files;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Nets;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Intake;

/// <summary>
/// One import of a file at a time: two attempts fired at once for the same blob (a retry overlapping a slow attempt, a
/// host restart re-firing it) run one import and announce one event; a crashed attempt's claim runs out and the next
/// attempt takes over.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ImportClaimTests(AzuriteFixture azurite)
{
    /// <summary>Counts the imports that really ran, and can make them slow or crash after writing (as a killed worker).</summary>
    private sealed class WatchedImporter(IBankFileImporter inner, TimeSpan delay, bool crashAfterWriting = false) : IBankFileImporter
    {
        private int _runs;

        public int Runs => _runs;

        public bool CanImport(BankFileFormat format) => inner.CanImport(format);

        public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            await Task.Delay(delay, cancellationToken);
            var outcome = await inner.ImportAsync(file, cancellationToken);
            return crashAfterWriting ? throw new IOException("the worker died after writing the entries") : outcome;
        }
    }

    private static async Task<(TestApp App, InboxFile Inbox, string Sha256)> ArrangeAsync(AzuriteFixture azurite, TimeSpan claim, int seed)
    {
        var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Bankflow:Intake:ImportClaimDuration"] = claim.ToString(),
            ["Bankflow:Events:Transport"] = "StorageQueue",
        });
        var client = TestStorage.NewClient();
        var content = new OcrFileGenerator(seed).Generate(new OcrGeneratorOptions { DataRecipient = TestApp.NetsDataRecipient }).Content;
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient($"{client.Value}/nets/OCR.{seed}.txt");
        await blob.UploadAsync(BinaryData.FromBytes(content));
        var pinned = await PinnedBlob.FindAsync(blob, CancellationToken.None);
        return (app, new InboxFile(client.Value, "nets", $"OCR.{seed}.txt", pinned!), Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    private static ImportBankFileUseCase UseCase(TestApp app, WatchedImporter importer) =>
        ActivatorUtilities.CreateInstance<ImportBankFileUseCase>(app.Services, (IEnumerable<IBankFileImporter>)[importer]);

    private static IBankFileImporter Nets(TestApp app) =>
        app.Services.GetServices<IBankFileImporter>().First(i => i.CanImport(BankFileFormat.OcrGiro));

    [Fact]
    public async Task Two_attempts_fired_at_once_for_the_same_blob_run_one_import_and_announce_one_event()
    {
        // The import takes longer than the claim lasts unrenewed: only renewal keeps the second attempt out.
        var (app, inbox, sha256) = await ArrangeAsync(azurite, TimeSpan.FromSeconds(3), seed: 4101);
        await using var _ = app;
        var importer = new WatchedImporter(Nets(app), TimeSpan.FromSeconds(5));
        var useCase = UseCase(app, importer);

        var events = await Task.WhenAll(useCase.RunAsync(inbox, CancellationToken.None), useCase.RunAsync(inbox, CancellationToken.None));

        Assert.Equal(1, importer.Runs);
        var announced = Assert.Single(events, e => e is not null);
        Assert.Equal("Imported", announced!.Status);
        var record = await app.Services.GetRequiredService<FileImportStore>().GetAsync(ClientIdOf(inbox), sha256, CancellationToken.None);
        Assert.Equal(FileImportStatus.Imported, record!.Status);
        Assert.Null(record.ClaimedUntil);
        // A later delivery of the same bytes is a duplicate: the same outcome announced again (same event id), nothing run.
        var again = await useCase.RunAsync(inbox, CancellationToken.None);
        Assert.Equal(announced.EventId, again!.EventId);
        Assert.Equal(1, importer.Runs);
    }

    [Fact]
    public async Task A_crashed_attempts_claim_runs_out_and_the_next_attempt_takes_the_import_over()
    {
        var (app, inbox, sha256) = await ArrangeAsync(azurite, TimeSpan.FromSeconds(2), seed: 4102);
        await using var _ = app;
        var crashing = new WatchedImporter(Nets(app), TimeSpan.Zero, crashAfterWriting: true);
        await Assert.ThrowsAsync<IOException>(() => UseCase(app, crashing).RunAsync(inbox, CancellationToken.None));
        var store = app.Services.GetRequiredService<FileImportStore>();
        var left = await store.GetAsync(ClientIdOf(inbox), sha256, CancellationToken.None);
        Assert.Equal(FileImportStatus.Received, left!.Status);
        Assert.NotNull(left.ClaimedUntil);

        var healthy = new WatchedImporter(Nets(app), TimeSpan.Zero);
        var announced = await UseCase(app, healthy).RunAsync(inbox, CancellationToken.None);

        Assert.Equal(1, healthy.Runs);
        Assert.Equal("Imported", announced!.Status);
        var record = await store.GetAsync(ClientIdOf(inbox), sha256, CancellationToken.None);
        Assert.Equal(FileImportStatus.Imported, record!.Status);
        Assert.Equal(left.ReceivedAt, record.ReceivedAt);
        Assert.NotEqual(left.ClaimId, record.ClaimId);
    }

    private static Bankflow.Domain.Values.ClientId ClientIdOf(InboxFile inbox) => Bankflow.Domain.Values.ClientId.Parse(inbox.ClientId!);
}
