using Bankflow.Domain.Remittance;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Sbanken;
using Bankflow.LocalHost.Tests.EndToEnd;

namespace Bankflow.LocalHost.Tests.Sbanken;

/// <summary>The agreement store against Azurite: whole-agreement writes, and racing completions never lose a change.</summary>
[Collection(LocalStack.Collection)]
public sealed class AgreementStoreTests(LocalStack stack)
{
    private static SbankenAgreement Agreement(string ledger) => new(
        new DateOnly(2026, 1, 1),
        [new ActiveAccount("acc", AccountNumber.Parse("97100512347"), "Drift", LedgerAccount.Parse(ledger), SbankenServices.Both, LedgerAccount.Parse("7770"), new DateOnly(2026, 11, 1), Money.FromKroner(10.5m))],
        AccountNumber.Parse("97100512347"), AccountNumber.Parse("97100512347"), AccountNumber.Parse("97100512347"));

    [Fact]
    public async Task The_agreement_round_trips_whole_and_racing_saves_either_win_in_turn_or_are_refused()
    {
        var store = new SbankenAgreementStore(stack.Storage(), new Bankflow.Functions.Security.LocalKeyFieldProtector(stack.DataKey));
        var client = LocalStack.NewClient();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await store.SaveAsync(client, "cust", Agreement((1920 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), DateTimeOffset.UtcNow, CancellationToken.None);
                return true;
            }
            catch (AgreementChangedException)
            {
                return false;
            }
        }));

        var stored = await store.GetAsync(client, CancellationToken.None);
        Assert.NotNull(stored);
        // Every save that reported success produced its own version: none was silently overwritten.
        Assert.Equal(results.Count(ok => ok), stored.Version);
        var account = Assert.Single(stored.Agreement.Accounts);
        Assert.Equal(SbankenServices.Both, account.Services);
        Assert.Equal(new DateOnly(2026, 11, 1), account.ReconciliationStartDate);
        Assert.Equal(1050, account.ErpBalance!.Value.Ore);
        Assert.Equal("cust", stored.CustomerId);
    }
}
