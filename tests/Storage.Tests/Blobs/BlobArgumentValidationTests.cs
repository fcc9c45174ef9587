using Bankflow.Storage.Blobs;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Blobs;

/// <summary>Bad arguments throw ArgumentException naming the parameter and the rule, before any request is sent.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BlobArgumentValidationTests(AzuriteFixture azurite)
{
    private readonly BlobTestContext _context = new(azurite);

    [Theory]
    [InlineData("ab")]
    [InlineData("Inbox")]
    [InlineData("in--box")]
    [InlineData("-inbox")]
    [InlineData("inbox-")]
    [InlineData("inbøx")]
    [InlineData("in_box")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")] // 64
    public void Invalid_container_names_are_rejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _context.Service.GetBlobContainerClient(name));

        Assert.Equal("blobContainerName", error.ParamName);
        Assert.Contains("3–63 characters", error.Message, StringComparison.Ordinal);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a1-b2-c3")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")] // 63
    public void Valid_container_names_are_accepted(string name) =>
        Assert.Equal(name, _context.Service.GetBlobContainerClient(name).Name);

    [Theory]
    [InlineData("")]
    [InlineData("ends-with-dot.")]
    [InlineData("ends/with/slash/")]
    [InlineData("/leading")]
    [InlineData("double//slash")]
    [InlineData("a/../b")]
    [InlineData("a/./b")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    public void Invalid_blob_names_are_rejected(string name)
    {
        var container = _context.Service.GetBlobContainerClient("inbox");

        var error = Assert.Throws<ArgumentException>(() => container.GetBlobClient(name));

        Assert.Equal("blobName", error.ParamName);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public void Blob_names_are_limited_to_1024_characters()
    {
        var container = _context.Service.GetBlobContainerClient("inbox");

        Assert.Equal(1024, container.GetBlobClient(new string('æ', 1024)).Name.Length);
        var error = Assert.Throws<ArgumentException>(() => container.GetBlobClient(new string('a', 1025)));
        Assert.Contains("1–1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_URLs_encode_each_segment_and_keep_the_slashes()
    {
        var blob = _context.Service.GetBlobContainerClient("inbox").GetBlobClient("Kåre Ø/fil \"1\" 'a'+b#c?.txt");

        Assert.EndsWith("/inbox/K%C3%A5re%20%C3%98/fil%20%221%22%20%27a%27%2Bb%23c%3F.txt", blob.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    public static TheoryData<string, BlobUploadOptions> BadUploadOptions() => new()
    {
        { "IfNoneMatchAll", new BlobUploadOptions { IfNoneMatchAll = true, IfMatch = new Azure.ETag("\"0x1\"") } },
        { "InitialTransferSize", new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = 0 } } },
        { "MaximumTransferSize", new BlobUploadOptions { TransferOptions = new StorageTransferOptions { MaximumTransferSize = 257L * 1024 * 1024 } } },
        { "C# identifier", new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["x-y"] = "1" } } },
        { "ContentType", new BlobUploadOptions { ContentType = "text/æ" } },
    };

    [Theory]
    [MemberData(nameof(BadUploadOptions))]
    public async Task Bad_upload_options_are_rejected_before_any_request(string rule, BlobUploadOptions options)
    {
        var blob = _context.Service.GetBlobContainerClient("inbox").GetBlobClient("a.txt");

        var fromData = await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), options));
        var fromStream = await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(new MemoryStream([1, 2, 3]), options));

        Assert.Equal("options", fromData.ParamName);
        Assert.Contains(rule, fromData.Message, StringComparison.Ordinal);
        Assert.Equal("options", fromStream.ParamName);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public async Task Null_and_unreadable_arguments_are_rejected_before_any_request()
    {
        var container = _context.Service.GetBlobContainerClient("inbox");
        var blob = container.GetBlobClient("a.txt");
        var unreadable = new MemoryStream();
        unreadable.Dispose();

        Assert.Equal("content", (await Assert.ThrowsAsync<ArgumentNullException>(() => blob.UploadAsync((Stream)null!))).ParamName);
        Assert.Equal("content", (await Assert.ThrowsAsync<ArgumentNullException>(() => blob.UploadAsync((BinaryData)null!))).ParamName);
        Assert.Equal("content", (await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(unreadable))).ParamName);
        Assert.Equal("metadata", (await Assert.ThrowsAsync<ArgumentNullException>(() => blob.SetMetadataAsync(null!))).ParamName);
        Assert.Equal("metadata", (await Assert.ThrowsAsync<ArgumentException>(
            () => blob.SetMetadataAsync(new Dictionary<string, string> { ["9"] = "x" }))).ParamName);
        Assert.Equal("source", (await Assert.ThrowsAsync<ArgumentNullException>(() => blob.CopyFromAsync(null!))).ParamName);
        Assert.Equal("source", (await Assert.ThrowsAsync<ArgumentException>(() => blob.CopyFromAsync(blob))).ParamName);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public async Task Copy_from_another_account_is_rejected()
    {
        var other = new BlobServiceClient(global::Bankflow.Storage.Core.StorageConnection.Parse(
            "DefaultEndpointsProtocol=https;AccountName=otheraccount;AccountKey=" + global::Bankflow.Storage.Core.StorageConnection.DevelopmentAccountKey));
        var source = other.GetBlobContainerClient("inbox").GetBlobClient("a.txt");
        var target = _context.Service.GetBlobContainerClient("inbox").GetBlobClient("a.txt");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => target.CopyFromAsync(source));

        Assert.Equal("source", error.ParamName);
        Assert.Contains("not in this account", error.Message, StringComparison.Ordinal);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public void Page_size_must_be_1_to_5000(int pageSize)
    {
        var container = _context.Service.GetBlobContainerClient("inbox");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => container.GetBlobsAsync(pageSize: pageSize));

        Assert.Equal("pageSize", error.ParamName);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public void Service_client_requires_a_connection() =>
        Assert.Equal("connection", Assert.Throws<ArgumentNullException>(() => new BlobServiceClient(null!)).ParamName);
}
