using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Intake;

/// <summary>FileImports against Azurite: typed properties round-trip, and the first record of a file wins.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FileImportStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_saved_record_reads_back_with_every_type_intact()
    {
        var store = new FileImportStore(await TestStorage.CreateAsync(azurite));
        var client = TestStorage.NewClient();
        // An offset other than UTC comes back as the same instant; 5 GB does not fit an Int32.
        var received = new DateTimeOffset(2026, 11, 23, 9, 15, 30, 123, TimeSpan.FromHours(1));
        var record = new FileImportRecord(client, "ab12", FileImportStatus.Imported, received)
        {
            FileName = "OCR.20261123.txt",
            Channel = "nets",
            Size = 5_000_000_000L,
            Format = "ocr-giro",
            EntryCount = 1_250,
            WarningCount = 2,
            CompletedAt = received.AddSeconds(3),
            ArchivePath = "archive/x",
        };

        await store.SaveAsync(record, CancellationToken.None);
        var read = await store.GetAsync(client, "ab12", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(record with { ReceivedAt = received.ToUniversalTime(), CompletedAt = received.AddSeconds(3).ToUniversalTime() }, read);
        Assert.Equal(received, read.ReceivedAt);
        Assert.Null(read.Reason);
    }

    [Fact]
    public async Task The_first_received_record_wins_and_listing_stops_at_the_maximum()
    {
        var store = new FileImportStore(await TestStorage.CreateAsync(azurite));
        var client = TestStorage.NewClient();
        var first = new FileImportRecord(client, "same", FileImportStatus.Received, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(first, await store.AddReceivedAsync(first, CancellationToken.None));
        Assert.Equal(first, await store.AddReceivedAsync(first with { ReceivedAt = DateTimeOffset.UtcNow }, CancellationToken.None));

        for (var i = 0; i < 4; i++)
        {
            await store.AddReceivedAsync(first with { Sha256 = $"f{i}" }, CancellationToken.None);
        }
        Assert.Equal(3, (await store.ListAsync(client, 3, CancellationToken.None)).Count);
        Assert.Equal(5, (await store.ListAsync(client, 100, CancellationToken.None)).Count);
    }
}
