using Azure;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Remittance;

/// <summary>Agreements against Azurite: optimistic concurrency with the row's ETag.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AgreementStoreTests(AzuriteFixture azurite)
{
    private static StoredAgreement Stored(ClientId client, string company) => new(
        client,
        new BankAgreement { BankAccount = AccountNumber.Parse("86011117947"), Bank = Bank.Dnb, ValidFrom = new DateOnly(2026, 1, 1), DualApprovalInBank = true },
        OrganisationNumber.Parse("974760673"),
        company,
        Pain001Version.V03,
        DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_save_with_a_stale_etag_is_refused_with_412_and_leaves_the_newer_row()
    {
        var store = new AgreementStore(await TestStorage.CreateAsync(azurite));
        var client = TestStorage.NewClient();
        var created = (await store.SaveAsync(Stored(client, "Første AS"), ifMatch: null, CancellationToken.None)).ETag;
        var read = await store.GetAsync(client, AccountNumber.Parse("86011117947"), CancellationToken.None);
        Assert.Equal(created, read!.ETag);

        var updated = (await store.SaveAsync(Stored(client, "Andre AS"), read.ETag, CancellationToken.None)).ETag;
        Assert.NotEqual(created, updated);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => store.SaveAsync(Stored(client, "Tredje AS"), read.ETag, CancellationToken.None));

        Assert.Equal(412, stale.Status);
        var now = await store.GetAsync(client, AccountNumber.Parse("86011117947"), CancellationToken.None);
        Assert.Equal("Andre AS", now!.CompanyName);
        Assert.Equal(updated, now.ETag);
        Assert.True(now.Agreement.DualApprovalInBank);
        Assert.Equal(Bank.Dnb, Assert.Single(await store.ListAsync(client, CancellationToken.None)).Agreement.Bank);
    }
}
