using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Blobs;

[Collection(AzuriteFixture.Collection)]
public sealed class BlobSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Smoke()
    {
        var ctx = new BlobTestContext(azurite);
        var container = await ctx.NewContainerAsync();
        var blob = container.GetBlobClient("inbox/Kunde Ålesund/fil \"æøå\" 'x'.txt");
        await blob.UploadAsync(BinaryData.FromString("hei"), new Bankflow.Storage.Blobs.BlobUploadOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["Kunde"] = " Ærlig  Øl % " } });
        var props = await blob.GetPropertiesAsync();
        Assert.Equal(" Ærlig  Øl % ", props.Value.Metadata["Kunde"]);
        var items = new List<Bankflow.Storage.Blobs.BlobItem>();
        await foreach (var item in container.GetBlobsAsync("inbox/", 1, includeMetadata: true))
        {
            items.Add(item);
        }
        Assert.Equal(blob.Name, Assert.Single(items).Name);
        Assert.Equal(" Ærlig  Øl % ", items[0].Metadata["Kunde"]);
    }
}
