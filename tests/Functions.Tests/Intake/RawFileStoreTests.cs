using System.Security.Cryptography;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Intake;

/// <summary>Archive, quarantine and inbox writes against Azurite: create-only, whatever the size, any metadata text.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RawFileStoreTests(AzuriteFixture azurite)
{
    private static Dictionary<string, string> Meta(string sha256) => new() { ["sha256"] = sha256 };

    [Theory]
    [InlineData(1_000)]
    // Over the single-request threshold: staged in blocks, and the create-only condition sits on the commit.
    [InlineData(9 * 1024 * 1024)]
    public async Task Archiving_again_answers_already_there_and_keeps_the_first_copy(int size)
    {
        var store = new RawFileStore(await TestStorage.CreateAsync(azurite));
        var path = RawFileStore.ArchivePath(TestStorage.NewClient(), DateTimeOffset.UtcNow, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        var first = RandomNumberGenerator.GetBytes(size);
        var other = RandomNumberGenerator.GetBytes(size);

        await store.ArchiveAsync(path, new MemoryStream(first), Meta("first"), CancellationToken.None);
        await store.ArchiveAsync(path, new MemoryStream(other), Meta("other"), CancellationToken.None);

        Assert.Equal(first, await ReadAsync(await store.FindArchivedAsync(path, CancellationToken.None)));
    }

    [Fact]
    public async Task Quarantine_keeps_the_bytes_and_a_reason_beside_them_and_a_retry_changes_neither()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new RawFileStore(storage);
        var client = TestStorage.NewClient();
        var path = RawFileStore.QuarantinePath(client, "abc123");
        var reason = new QuarantineReason(client.Value, "abc123", "bad.txt", "upload", "not a bank file", ["line 1: unknown record"], DateTimeOffset.UtcNow);

        await store.QuarantineAsync(path, new MemoryStream("garbage"u8.ToArray()), reason, CancellationToken.None);
        await store.QuarantineAsync(path, new MemoryStream("other"u8.ToArray()), reason with { Reason = "changed" }, CancellationToken.None);

        var container = storage.Container(StorageNames.QuarantineContainer);
        Assert.Equal("garbage", (await container.GetBlobClient(path).DownloadContentAsync()).Value.Content.ToString());
        var json = (await container.GetBlobClient(path + ".reason.json").DownloadContentAsync()).Value;
        Assert.Equal("application/json", json.Details.ContentType);
        Assert.Contains("not a bank file", json.Content.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("changed", json.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbox_metadata_may_hold_any_text_and_reads_back_the_same()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new RawFileStore(storage);
        var path = $"{TestStorage.NewClient().Value}/upload/innbetalinger.txt";
        var metadata = new Dictionary<string, string> { ["uploadedBy"] = " Åse Ødegård  (100% sikker) ", ["sha256"] = "plain-ascii:value/1" };

        await store.PutInboxAsync(path, new MemoryStream("data"u8.ToArray()), metadata, CancellationToken.None);

        var stored = (await storage.Container(StorageNames.InboxContainer).GetBlobClient(path).GetPropertiesAsync()).Value;
        Assert.Equal("application/octet-stream", stored.ContentType);
        Assert.Equal(" Åse Ødegård  (100% sikker) ", BlobMetadataText.Decode(stored.Metadata["uploadedBy"]));
        // ASCII values are stored as they are, readable in the portal and by other tools.
        Assert.Equal("plain-ascii:value/1", stored.Metadata["sha256"]);
        Assert.Equal("data"u8.ToArray(), await ReadAsync(await store.FindInboxAsync(path, CancellationToken.None)));
    }

    [Fact]
    public async Task A_missing_blob_is_found_as_null()
    {
        var store = new RawFileStore(await TestStorage.CreateAsync(azurite));
        Assert.Null(await store.FindArchivedAsync($"{TestStorage.NewClient().Value}/2026/11/none", CancellationToken.None));
        Assert.Null(await store.FindInboxAsync($"{TestStorage.NewClient().Value}/upload/none", CancellationToken.None));
    }

    private static async Task<byte[]> ReadAsync(PinnedBlob? blob)
    {
        Assert.NotNull(blob);
        await using var stream = await blob.OpenReadAsync(CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
