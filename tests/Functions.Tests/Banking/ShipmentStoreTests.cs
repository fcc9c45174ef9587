using Bankflow.Functions.Banking;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Banking;

[Collection(AzuriteFixture.Collection)]
public sealed class ShipmentStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Recorded_shipment_numbers_read_back_with_their_content_hash()
    {
        var store = new ShipmentStore(await TestStorage.CreateAsync(azurite));
        var client = TestStorage.NewClient();
        await store.RecordAsync(client, 8080, 1234567, 170, "hash-170", "import-a", CancellationToken.None);
        await store.RecordAsync(client, 8080, 1234567, 171, "hash-171", "import-b", CancellationToken.None);
        await store.RecordAsync(client, 8080, 7654321, 170, "other-recipient", "import-c", CancellationToken.None);

        var seen = await store.SeenAsync(client, 8080, 1234567, CancellationToken.None);

        Assert.Equal(new Dictionary<int, string> { [170] = "hash-170", [171] = "hash-171" }, seen);
    }
}
