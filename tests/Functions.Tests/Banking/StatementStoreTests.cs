using Azure.Data.Tables;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Banking;

/// <summary>Statements and their balances against Azurite.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StatementStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_balance_type_with_characters_a_key_may_not_hold_is_stored()
    {
        // Found by the hostile-input corpus (seed 42): a camt.053 whose Bal/Tp/CdOrPrtry/Cd was "</Amt><Amt>1" is valid
        // to the reader (a bank's own type), but its '/' went into the balance's row key unescaped and the service
        // refused the write, on every retry of the import.
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new StatementStore(storage);
        var client = TestStorage.NewClient();
        var day = new DateOnly(2024, 5, 1);
        var statement = new StatementSnapshot("97100512347", "S-1", 101, day, new Money(100), new Money(200), "NOK");
        IReadOnlyList<StatementBalance> balances =
        [
            new("97100512347", "S-1", 101, "OPBD", day, new Money(100), "NOK"),
            new("97100512347", "S-1", 101, "</Amt><Amt>1", day, new Money(200), "NOK"),
        ];

        await store.SaveAsync(client, "import-1", statement, balances, CancellationToken.None);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StatementStore.PartitionKey(client, "97100512347")}");
        var types = new List<string?>();
        await foreach (var row in storage.Table(StorageNames.StatementBalancesTable).QueryAsync<TableEntity>(filter))
        {
            types.Add(row.GetString("Type"));
        }
        Assert.Equal(["</Amt><Amt>1", "OPBD"], types.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("OPBD")]
    [InlineData("CLBD")]
    [InlineData("PRCD")]
    [InlineData("CLAV")]
    [InlineData("ITBD")]
    [InlineData("FWAV")]
    public async Task A_standard_balance_type_keeps_the_row_key_balances_were_stored_under(string type)
    {
        // Escaping the type must not move rows already stored: a standard code's key is {yyyyMMdd}|{type}|{statement id}
        // as it always was, so a re-import replaces its row instead of writing a second one next to it.
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new StatementStore(storage);
        var client = TestStorage.NewClient();
        var day = new DateOnly(2024, 5, 1);
        var statement = new StatementSnapshot("97100512347", "S-1", 101, day, new Money(100), new Money(200), "NOK");

        await store.SaveAsync(client, "import-1", statement, [new("97100512347", "S-1", 101, type, day, new Money(100), "NOK")], CancellationToken.None);
        await store.SaveAsync(client, "import-2", statement, [new("97100512347", "S-1", 101, type, day, new Money(150), "NOK")], CancellationToken.None);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StatementStore.PartitionKey(client, "97100512347")}");
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Table(StorageNames.StatementBalancesTable).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }
        var only = Assert.Single(rows);
        Assert.Equal($"20240501|{type}|S-1", only.RowKey);
        Assert.Equal(150, only.GetInt64("AmountOre"));
    }
}
