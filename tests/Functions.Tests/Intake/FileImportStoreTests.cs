using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Intake;

/// <summary>FileImports against Azurite: typed properties round-trip, the first record of a file wins, and claims on it hold.</summary>
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
        var now = DateTimeOffset.UtcNow;

        var claimed = await store.TryClaimAsync(first, "attempt-1", now, now.AddMinutes(1), CancellationToken.None);
        Assert.Equal(ClaimLook.Claimed, claimed.Look);
        Assert.Equal(first with { ClaimId = "attempt-1", ClaimedUntil = now.AddMinutes(1) }, claimed.Record);
        // A second sight (another name, a later time) finds the first record, with its receipt time, held by the first attempt.
        var second = await store.TryClaimAsync(first with { ReceivedAt = now }, "attempt-2", now, now.AddMinutes(1), CancellationToken.None);
        Assert.Equal(ClaimLook.Busy, second.Look);
        Assert.Equal(first.ReceivedAt, second.Record.ReceivedAt);
        Assert.Equal("attempt-1", second.Record.ClaimId);

        for (var i = 0; i < 4; i++)
        {
            await store.TryClaimAsync(first with { Sha256 = $"f{i}" }, $"a{i}", now, now.AddMinutes(1), CancellationToken.None);
        }
        Assert.Equal(3, (await store.ListAsync(client, 3, CancellationToken.None)).Count);
        Assert.Equal(5, (await store.ListAsync(client, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_claim_is_taken_over_only_once_it_ran_out_and_only_its_holder_commits()
    {
        var store = new FileImportStore(await TestStorage.CreateAsync(azurite));
        var client = TestStorage.NewClient();
        var now = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var first = new FileImportRecord(client, "abc", FileImportStatus.Received, now) { FileName = "a.txt" };
        var holder = await store.TryClaimAsync(first, "crashed", now, now.AddSeconds(30), CancellationToken.None);

        // While the claim holds, nobody else gets it; once it ran out, the next attempt takes the row over on its ETag.
        Assert.Equal(ClaimLook.Busy, (await store.TryClaimAsync(first, "next", now.AddSeconds(29), now.AddSeconds(59), CancellationToken.None)).Look);
        var taken = await store.TryClaimAsync(first, "next", now.AddSeconds(31), now.AddSeconds(61), CancellationToken.None);
        Assert.Equal(ClaimLook.Claimed, taken.Look);
        Assert.Equal("a.txt", taken.Record.FileName);

        // The crashed attempt, should it wake up, can neither renew nor commit; the one holding the claim can.
        Assert.Null(await store.RenewClaimAsync(client, "abc", "crashed", holder.ETag, now.AddMinutes(5), CancellationToken.None));
        var imported = taken.Record with { Status = FileImportStatus.Imported, EntryCount = 3, CompletedAt = now.AddSeconds(40) };
        Assert.False(await store.CommitAsync(imported with { ClaimId = "crashed" }, holder.ETag, CancellationToken.None));
        Assert.True(await store.CommitAsync(imported, taken.ETag, CancellationToken.None));
        // A commit whose answer was lost and is tried again on the old ETag finds its own outcome: still true.
        Assert.True(await store.CommitAsync(imported, taken.ETag, CancellationToken.None));

        var stored = await store.GetAsync(client, "abc", CancellationToken.None);
        Assert.Equal(FileImportStatus.Imported, stored!.Status);
        Assert.Equal(3, stored.EntryCount);
        Assert.Equal("next", stored.ClaimId);
        Assert.Null(stored.ClaimedUntil);
        Assert.Equal(ClaimLook.Decided, (await store.TryClaimAsync(first, "late", now.AddHours(1), now.AddHours(2), CancellationToken.None)).Look);
    }
}
