using Azure;
using Bankflow.Storage.Blobs;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Blobs;

[Collection(AzuriteFixture.Collection)]
public sealed class BlobClientTests(AzuriteFixture azurite)
{
    private readonly BlobTestContext _context = new(azurite);

    private static readonly Dictionary<string, string> s_metadata = new()
    {
        ["Kunde"] = "Blåbær & Sønn \"AS\"",
        ["Kanal"] = "sbanken",
        ["Merknad_2"] = "  to  mellomrom, 100 % sikkert ",
    };

    [Fact]
    public async Task Upload_then_download_and_properties_round_trip_content_type_and_metadata()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("inbox/1234/sbanken/Utskrift for Kåre Ødegård 'v2' \"final\".xml");
        var content = BinaryData.FromString("<Beløp>100,50</Beløp>");

        var uploaded = await blob.UploadAsync(content, new BlobUploadOptions { ContentType = "application/xml", Metadata = s_metadata });
        var downloaded = await blob.DownloadContentAsync();
        var properties = await blob.GetPropertiesAsync();

        Assert.Equal(201, uploaded.GetRawResponse().Status);
        Assert.Equal(content.ToArray(), downloaded.Value.Content.ToArray());
        Assert.Equal("application/xml", downloaded.Value.Details.ContentType);
        Assert.Equal(content.ToArray().Length, properties.Value.ContentLength);
        Assert.Equal("application/xml", properties.Value.ContentType);
        Assert.Equal(uploaded.Value.ETag, properties.Value.ETag);
        Assert.Equal(uploaded.Value.LastModified, properties.Value.LastModified);
        Assert.NotNull(properties.Value.CreatedOn);
        Assert.Equal(s_metadata.OrderBy(p => p.Key), properties.Value.Metadata.OrderBy(p => p.Key));
        Assert.Equal(s_metadata.OrderBy(p => p.Key), downloaded.Value.Details.Metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Upload_from_a_stream_below_the_threshold_is_one_Put_Blob()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("small.bin");
        var bytes = BlobTestContext.RandomBytes(1000, seed: 7);
        var before = _context.Recorder.Requests.Count;

        await blob.UploadAsync(new NonSeekableStream(bytes));

        var requests = _context.Recorder.Requests.Skip(before).ToList();
        Assert.Equal("PUT", Assert.Single(requests).Split(' ')[0]);
        Assert.DoesNotContain("comp=", requests[0], StringComparison.Ordinal);
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Upload_above_the_threshold_stages_blocks_and_commits_them_with_type_and_metadata()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("store/camt053 æøå.xml");
        var bytes = BlobTestContext.RandomBytes(300 * 1024, seed: 42);
        var options = new BlobUploadOptions
        {
            ContentType = "application/octet-stream+test",
            Metadata = s_metadata,
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 64 * 1024, MaximumTransferSize = 64 * 1024 },
        };
        var before = _context.Recorder.Requests.Count;

        await blob.UploadAsync(new NonSeekableStream(bytes), options);

        var requests = _context.Recorder.Requests.Skip(before).ToList();
        // 300 KiB in 64 KiB blocks: four full blocks and one of 44 KiB, then the commit.
        Assert.Equal(5, requests.Count(r => r.Contains("comp=block&", StringComparison.Ordinal)));
        Assert.Single(requests, r => r.Contains("comp=blocklist", StringComparison.Ordinal));
        Assert.Equal(6, requests.Count);
        var downloaded = await blob.DownloadContentAsync();
        Assert.Equal(bytes, downloaded.Value.Content.ToArray());
        Assert.Equal("application/octet-stream+test", downloaded.Value.Details.ContentType);
        Assert.Equal(bytes.Length, downloaded.Value.Details.ContentLength);
        Assert.Equal(s_metadata.OrderBy(p => p.Key), downloaded.Value.Details.Metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Upload_of_BinaryData_above_the_threshold_also_uses_blocks()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("binary.bin");
        var bytes = BlobTestContext.RandomBytes(100_000, seed: 3);
        var before = _context.Recorder.Requests.Count;

        await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = 50_000, MaximumTransferSize = 40_000 } });

        var requests = _context.Recorder.Requests.Skip(before).ToList();
        Assert.Equal(3, requests.Count(r => r.Contains("comp=block&", StringComparison.Ordinal))); // 40 000 + 40 000 + 20 000
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public void Block_ids_are_equal_length_base64()
    {
        var ids = new[] { 0, 1, 9_999, 49_999 }.Select(BlobClient.BlockId).ToList();

        Assert.Equal("MDAwMDAw", ids[0]); // base64("000000")
        Assert.Single(ids.Select(id => id.Length).Distinct());
        Assert.Equal("049999", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(ids[3])));
    }

    [Fact]
    public async Task Upload_overwrites_by_default()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("a.txt");
        await blob.UploadAsync(BinaryData.FromString("first"));

        await blob.UploadAsync(BinaryData.FromString("second"));

        Assert.Equal("second", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Create_only_upload_of_an_existing_blob_is_409_BlobAlreadyExists_and_keeps_the_original()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("once.txt");
        var created = await blob.UploadAsync(BinaryData.FromString("original"), new BlobUploadOptions { IfNoneMatchAll = true });

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => blob.UploadAsync(BinaryData.FromString("replacement"), new BlobUploadOptions { IfNoneMatchAll = true }));

        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        var after = await blob.DownloadContentAsync();
        Assert.Equal("original", after.Value.Content.ToString());
        Assert.Equal(created.Value.ETag, after.Value.Details.ETag);
    }

    [Fact]
    public async Task Create_only_block_upload_of_an_existing_blob_fails_at_the_commit_and_keeps_the_original()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("once-big.bin");
        await blob.UploadAsync(BinaryData.FromString("original"));
        var options = new BlobUploadOptions
        {
            IfNoneMatchAll = true,
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 1024 },
        };

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => blob.UploadAsync(BinaryData.FromBytes(BlobTestContext.RandomBytes(3000, seed: 1)), options));

        // Azurite answers the conditional Put Block List like Put Blob; the staged blocks stay uncommitted.
        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Contains("Commit 3 blocks", error.Message, StringComparison.Ordinal);
        Assert.Equal("original", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Upload_with_a_stale_ETag_is_412_and_with_the_current_one_succeeds()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("versioned.txt");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"));
        var second = await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { IfMatch = first.Value.ETag });

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => blob.UploadAsync(BinaryData.FromString("v3"), new BlobUploadOptions { IfMatch = first.Value.ETag }));

        Assert.NotEqual(first.Value.ETag, second.Value.ETag);
        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Block_upload_with_a_stale_ETag_is_412_at_the_commit()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("versioned-big.bin");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"));
        await blob.UploadAsync(BinaryData.FromString("v2"));
        var options = new BlobUploadOptions
        {
            IfMatch = first.Value.ETag,
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 1024 },
        };

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => blob.UploadAsync(BinaryData.FromBytes(BlobTestContext.RandomBytes(2048, seed: 2)), options));

        Assert.Equal(412, error.Status);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task SetMetadata_replaces_metadata_and_a_stale_ETag_is_412()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("meta.txt");
        var uploaded = await blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["Old"] = "1" } });

        var changed = await blob.SetMetadataAsync(s_metadata, uploaded.Value.ETag);
        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => blob.SetMetadataAsync(new Dictionary<string, string> { ["Lost"] = "update" }, uploaded.Value.ETag));

        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(changed.Value.ETag, properties.ETag);
        Assert.Equal(s_metadata.OrderBy(p => p.Key), properties.Metadata.OrderBy(p => p.Key));
        Assert.Equal("x", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task SetMetadata_without_a_condition_on_a_missing_blob_is_404()
    {
        var container = await _context.NewContainerAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => container.GetBlobClient("missing").SetMetadataAsync(new Dictionary<string, string> { ["A"] = "b" }));

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DownloadStreaming_reads_the_response_as_a_stream()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("big.bin");
        var bytes = BlobTestContext.RandomBytes(2 * 1024 * 1024, seed: 11);
        await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { ContentType = "application/x-test" });

        var response = await blob.DownloadStreamingAsync();
        await using var result = response.Value;
        var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy);

        Assert.IsNotType<MemoryStream>(result.Content);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(bytes.Length, result.Details.ContentLength);
        Assert.Equal("application/x-test", result.Details.ContentType);
    }

    [Fact]
    public async Task Download_properties_and_delete_of_a_missing_blob_are_404_BlobNotFound()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("missing æøå.txt");

        var streaming = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadStreamingAsync());
        var content = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadContentAsync());
        var properties = await Assert.ThrowsAsync<RequestFailedException>(() => blob.GetPropertiesAsync());
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DeleteAsync());

        foreach (var error in new[] { streaming, content, properties, delete })
        {
            Assert.Equal(404, error.Status);
            Assert.Equal("BlobNotFound", error.ErrorCode);
        }
        Assert.Contains("missing æøå.txt", streaming.Message, StringComparison.Ordinal);
        Assert.False((await blob.ExistsAsync()).Value);
        Assert.False((await blob.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public async Task Delete_removes_the_blob()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("gone.txt");
        var other = container.GetBlobClient("stays.txt");
        await blob.UploadAsync(BinaryData.FromString("x"));
        await other.UploadAsync(BinaryData.FromString("y"));
        Assert.True((await blob.ExistsAsync()).Value);

        await blob.DeleteAsync();

        Assert.False((await blob.ExistsAsync()).Value);
        Assert.True((await other.ExistsAsync()).Value);
        Assert.True((await other.DeleteIfExistsAsync()).Value);
        Assert.False((await other.ExistsAsync()).Value);
    }

    [Fact]
    public async Task CopyFrom_copies_content_type_and_metadata_within_the_account()
    {
        var source = (await _context.NewContainerAsync()).GetBlobClient("inbox/Kåre \"K\" Ødegård.txt");
        var target = (await _context.NewContainerAsync()).GetBlobClient("archive/2026/Kåre \"K\" Ødegård.txt");
        await source.UploadAsync(BinaryData.FromString("kopi av æøå"), new BlobUploadOptions { ContentType = "text/plain; charset=utf-8", Metadata = s_metadata });

        var copied = await target.CopyFromAsync(source);

        Assert.Equal("success", copied.Value.CopyStatus);
        var downloaded = await target.DownloadContentAsync();
        Assert.Equal("kopi av æøå", downloaded.Value.Content.ToString());
        Assert.Equal("text/plain; charset=utf-8", downloaded.Value.Details.ContentType);
        Assert.Equal(s_metadata.OrderBy(p => p.Key), downloaded.Value.Details.Metadata.OrderBy(p => p.Key));
        Assert.True((await source.ExistsAsync()).Value);
    }

    [Fact]
    public async Task CopyFrom_a_missing_source_fails_with_the_service_error()
    {
        var container = await _context.NewContainerAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => container.GetBlobClient("target").CopyFromAsync(container.GetBlobClient("no such source")));

        Assert.Equal(404, error.Status);
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
        Assert.False((await container.GetBlobClient("target").ExistsAsync()).Value);
    }
}
