using Azure;
using Bankflow.Storage.Blobs;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Blobs;

[Collection(AzuriteFixture.Collection)]
public sealed class BlobContainerClientTests(AzuriteFixture azurite)
{
    private readonly BlobTestContext _context = new(azurite);

    [Fact]
    public async Task CreateIfNotExists_creates_once_then_reports_the_existing_container()
    {
        var container = _context.Service.GetBlobContainerClient(AzuriteFixture.UniqueName("c"));
        Assert.False((await container.ExistsAsync()).Value);

        var first = await container.CreateIfNotExistsAsync();
        var second = await container.CreateIfNotExistsAsync();

        Assert.True(first.Value);
        Assert.Equal(201, first.GetRawResponse().Status);
        Assert.False(second.Value);
        Assert.Equal(409, second.GetRawResponse().Status);
        Assert.True((await container.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Delete_removes_the_container_and_a_second_delete_is_404_ContainerNotFound()
    {
        var container = await _context.NewContainerAsync();

        await container.DeleteAsync();

        Assert.False((await container.ExistsAsync()).Value);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.DeleteAsync());
        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
        Assert.Contains("Delete container", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_into_a_missing_container_is_404_ContainerNotFound()
    {
        var container = _context.Service.GetBlobContainerClient(AzuriteFixture.UniqueName("c"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("x")));

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetBlobs_follows_NextMarker_over_four_pages_and_keeps_to_the_prefix()
    {
        var container = await _context.NewContainerAsync();
        var expected = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var name = $"inbox/sbanken/fil {i} æøå.xml";
            expected.Add(name);
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString($"file {i}"));
        }
        // Same leading characters but outside the prefix, and one sorting before and one after it.
        await container.GetBlobClient("inbox/nets/fil.ocr").UploadAsync(BinaryData.FromString("other"));
        await container.GetBlobClient("inbox/sbankenx.xml").UploadAsync(BinaryData.FromString("other"));
        await container.GetBlobClient("archive/inbox/sbanken/fil 0 æøå.xml").UploadAsync(BinaryData.FromString("other"));

        var pages = new List<Page<BlobItem>>();
        await foreach (var page in container.GetBlobsAsync(prefix: "inbox/sbanken/", pageSize: 2).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([2, 2, 2, 1], pages.Select(p => p.Values.Count));
        Assert.All(pages.Take(3), p => Assert.False(string.IsNullOrEmpty(p.ContinuationToken)));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(expected.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Values).Select(b => b.Name));
    }

    [Fact]
    public async Task GetBlobs_reports_length_type_etag_and_metadata_when_asked()
    {
        var container = await _context.NewContainerAsync();
        var blob = container.GetBlobClient("a.json");
        var uploaded = await blob.UploadAsync(
            BinaryData.FromString("{\"beløp\":1}"),
            new BlobUploadOptions { ContentType = "application/json", Metadata = new Dictionary<string, string> { ["Kunde"] = "Ærlige Østlandet Å/S" } });

        var withMetadata = new List<BlobItem>();
        await foreach (var item in container.GetBlobsAsync(includeMetadata: true))
        {
            withMetadata.Add(item);
        }
        var withoutMetadata = new List<BlobItem>();
        await foreach (var item in container.GetBlobsAsync())
        {
            withoutMetadata.Add(item);
        }

        var listed = Assert.Single(withMetadata);
        Assert.Equal("a.json", listed.Name);
        Assert.Equal(12, listed.ContentLength); // "{"beløp":1}" is 11 characters, ø takes two bytes in UTF-8
        Assert.Equal("application/json", listed.ContentType);
        Assert.Equal(uploaded.Value.ETag, listed.ETag);
        Assert.Equal(uploaded.Value.LastModified, listed.LastModified);
        Assert.Equal("Ærlige Østlandet Å/S", listed.Metadata["kunde"]);
        Assert.Empty(Assert.Single(withoutMetadata).Metadata);
    }

    [Fact]
    public async Task GetBlobs_of_an_empty_container_is_one_empty_page()
    {
        var container = await _context.NewContainerAsync();

        var pages = new List<Page<BlobItem>>();
        await foreach (var page in container.GetBlobsAsync(pageSize: 5).AsPages())
        {
            pages.Add(page);
        }

        Assert.Empty(Assert.Single(pages).Values);
    }

    [Fact]
    public async Task GetBlobs_of_a_missing_container_is_404_ContainerNotFound()
    {
        var container = _context.Service.GetBlobContainerClient(AzuriteFixture.UniqueName("c"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var _ in container.GetBlobsAsync())
            {
            }
        });

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }
}
