using Azure.Data.Tables;
using Bankflow.Domain.Access;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Sbanken;

/// <summary>The OAuth state of a Sbanken sign-in against Azurite: one use under any race, with the PKCE verifier and redirect URI kept.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SbankenOnboardingStoreTests(AzuriteFixture azurite)
{
    private static readonly Uri Redirect = new("https://bankflow.example/api/sbanken/callback");

    [Fact]
    public async Task Of_twenty_racing_redemptions_of_one_state_exactly_one_is_accepted_with_the_sign_ins_verifier_and_redirect()
    {
        var store = new SbankenOnboardingStore(await TestStorage.CreateAsync(azurite), new LocalKeyFieldProtector(TestApp.DataKey));
        var client = TestStorage.NewClient();
        var now = DateTimeOffset.UtcNow;
        var started = await store.CreateStateAsync(client, "kari", Redirect, now.AddMinutes(15), CancellationToken.None);

        for (var round = 0; round < 3; round++)
        {
            var state = round == 0 ? started.State : (await store.CreateStateAsync(client, "kari", Redirect, now.AddMinutes(15), CancellationToken.None)).State;
            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.ConsumeStateAsync(state, now, CancellationToken.None))));

            var accepted = Assert.Single(results, r => r.Check == StateCheck.Accepted);
            Assert.All(results.Where(r => r.Check != StateCheck.Accepted), r => Assert.Equal(StateCheck.Replayed, r.Check));
            Assert.Equal(client, accepted.Client);
            Assert.Equal(Redirect, accepted.RedirectUri);
            Assert.True(Pkce.IsVerifier(accepted.CodeVerifier));
            if (round == 0)
            {
                Assert.Equal(started.CodeChallenge, Pkce.Challenge(accepted.CodeVerifier!));
            }
            Assert.Equal(StateCheck.Replayed, (await store.ConsumeStateAsync(state, now, CancellationToken.None)).Check);
        }
    }

    [Fact]
    public async Task A_state_row_from_before_PKCE_without_a_verifier_is_not_accepted()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new SbankenOnboardingStore(storage, new LocalKeyFieldProtector(TestApp.DataKey));
        var client = TestStorage.NewClient();
        var started = await store.CreateStateAsync(client, "kari", Redirect, DateTimeOffset.UtcNow.AddMinutes(15), CancellationToken.None);
        var table = storage.Table(StorageNames.SbankenOnboardingTable);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}")))
        {
            row.Remove("CodeVerifier");
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }

        var consumed = await store.ConsumeStateAsync(started.State, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(StateCheck.Unknown, consumed.Check);
        Assert.Null(consumed.CodeVerifier);
    }
}
