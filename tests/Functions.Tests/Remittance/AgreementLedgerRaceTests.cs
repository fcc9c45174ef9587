using System.Globalization;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Remittance;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Remittance;

/// <summary>
/// Saves of agreement settings racing through <see cref="AgreementSettings"/> against Azurite: however they
/// interleave, a ledger account ends on at most one bank account of the client, and the ledger index says the same.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AgreementLedgerRaceTests(AzuriteFixture azurite)
{
    private const int Racers = 20;
    private const int Rounds = 3;

    [Fact]
    public async Task Saves_racing_to_put_one_ledger_account_on_different_bank_accounts_leave_it_on_one()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var h = await RemittanceHarness.CreateAsync(azurite, withAgreement: false);
            var accounts = Accounts(Racers, seed: 100 * round);

            var results = await RemittanceHarness.RaceAsync(Racers, i => h.Settings.SaveAsync(h.Agreement(accounts[i], "1930"), ifMatch: null, CancellationToken.None));

            var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i].IsSaved);
            Assert.All(results.Where((_, i) => i != winner), r =>
            {
                var error = Assert.Single(r.Errors);
                Assert.Equal("ledgerAccount", error.Field);
                Assert.Contains("ledger account 1930 is already used by bank account", error.Reason, StringComparison.Ordinal);
            });
            var saved = Assert.Single(await h.Agreements.ListAsync(h.Client, CancellationToken.None));
            Assert.Equal(accounts[winner], saved.Agreement.BankAccount.Value);
            await AssertIndexMatchesAsync(h);
        }
    }

    [Fact]
    public async Task Saves_racing_to_move_ledger_accounts_between_two_bank_accounts_never_share_one()
    {
        var h = await RemittanceHarness.CreateAsync(azurite, withAgreement: false);
        var accounts = Accounts(2, seed: 500);
        Assert.True((await h.Settings.SaveAsync(h.Agreement(accounts[0], "1920"), null, CancellationToken.None)).IsSaved);
        Assert.True((await h.Settings.SaveAsync(h.Agreement(accounts[1], "1921"), null, CancellationToken.None)).IsSaved);
        string[] ledgers = ["1920", "1921", "1930"];
        for (var round = 0; round < Rounds; round++)
        {
            var results = await RemittanceHarness.RaceAsync(Racers, i =>
                h.Settings.SaveAsync(h.Agreement(accounts[i % 2], ledgers[(i / 2 + round) % 3]), null, CancellationToken.None));

            Assert.Contains(results, r => r.IsSaved);
            var now = await h.Agreements.ListAsync(h.Client, CancellationToken.None);
            Assert.Equal(2, now.Count);
            Assert.NotEqual(now[0].Agreement.LedgerAccount, now[1].Agreement.LedgerAccount);
            await AssertIndexMatchesAsync(h);
        }
    }

    /// <summary>The index rows are exactly the agreements' ledger accounts, each naming its bank account.</summary>
    private static async Task AssertIndexMatchesAsync(RemittanceHarness h)
    {
        var agreements = (await h.Agreements.ListAsync(h.Client, CancellationToken.None))
            .Select(a => ($"ledger|{a.Agreement.LedgerAccount!.Number}", a.Agreement.BankAccount.Value))
            .Order();
        var index = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {h.Client.Value} and RowKey ge {"ledger|"}");
        await foreach (var row in h.Storage.Table(StorageNames.AgreementsTable).QueryAsync<TableEntity>(filter))
        {
            index.Add((row.RowKey, row.GetString("BankAccount")));
        }
        Assert.Equal(agreements, index.Order());
    }

    /// <summary>Valid 11-digit account numbers (MOD11 check digit), different for different seeds.</summary>
    private static List<string> Accounts(int count, int seed)
    {
        var accounts = new List<string>();
        for (var n = seed; accounts.Count < count; n++)
        {
            var first = string.Create(CultureInfo.InvariantCulture, $"1503{n:D6}");
            int[] weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
            var rest = 11 - (first.Select((c, i) => (c - '0') * weights[i]).Sum() % 11);
            if (rest == 10)
            {
                continue; // no valid check digit for these ten digits
            }
            var account = first + (rest == 11 ? 0 : rest).ToString(CultureInfo.InvariantCulture);
            Assert.True(AccountNumber.TryParse(account, out _, out var error), error);
            accounts.Add(account);
        }
        return accounts;
    }
}
