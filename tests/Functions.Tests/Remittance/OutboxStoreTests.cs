using Bankflow.Domain.Remittance;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Remittance;

[Collection(AzuriteFixture.Collection)]
public sealed class OutboxStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_payment_file_is_written_once_and_a_second_write_reports_it_and_changes_nothing()
    {
        var store = new OutboxStore(await TestStorage.CreateAsync(azurite));
        var path = OutboxStore.PathOf(TestStorage.NewClient(), Bank.Dnb, "B/1");
        var metadata = new Dictionary<string, string> { ["batchId"] = "B/1 – lønn" };

        Assert.True(await store.WriteOnceAsync(path, "<first/>"u8.ToArray(), metadata, CancellationToken.None));
        Assert.False(await store.WriteOnceAsync(path, "<second/>"u8.ToArray(), metadata, CancellationToken.None));

        Assert.Equal("<first/>"u8.ToArray(), await store.ReadAsync(path, CancellationToken.None));
        Assert.EndsWith("/dnb/B_1.xml", path, StringComparison.Ordinal);
    }
}
