using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Banking;

/// <summary>BankEntries against Azurite: transactions of up to 100, each all or nothing, and reads past one service page.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BankEntryStoreTests(AzuriteFixture azurite)
{
    private const string Account = "97100512347";
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static BankEntry Entry(int i, string? id = null) =>
        new(id ?? $"OCR-{i:D5}", BankChannel.OcrGiro, Account, Day.AddDays(i % 20), new Money(10_000 + i), "NOK") { Kid = $"{i:D6}" };

    [Fact]
    public async Task More_than_one_service_page_is_written_in_transactions_and_read_back_whole_and_a_reimport_adds_nothing()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        // Azurite and Azure answer at most 1,000 rows per page: 1,250 rows need a continuation.
        var entries = Enumerable.Range(0, 1_250).Select(i => Entry(i)).ToList();

        Assert.Equal(1_250, await store.UpsertAsync(client, "import-1", entries, CancellationToken.None));
        Assert.Equal(1_250, await store.UpsertAsync(client, "import-1", entries, CancellationToken.None));

        var rows = await store.ListAsync(client, Account, Day, CancellationToken.None);
        Assert.Equal(1_250, rows.Count);
        Assert.Equal(entries.Select(e => e.EntryId).Order(StringComparer.Ordinal), rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        var first = rows.Single(r => r.RowKey == "OCR-00007");
        Assert.Equal(10_007L, first.GetInt64("AmountOre"));
        Assert.Equal("000007", first.GetString("Kid"));
        Assert.Equal("OcrGiro", first.GetString("Channel"));
    }

    [Fact]
    public async Task A_transaction_the_service_refuses_writes_none_of_its_hundred_rows()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        // Row 57's id is longer than a table property may be (32 K characters): the service refuses that row.
        var entries = Enumerable.Range(0, 100).Select(i => i == 57 ? Entry(i, new string('9', 40_000)) : Entry(i)).ToList();

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => store.UpsertAsync(client, "import-1", entries, CancellationToken.None));

        Assert.Equal(400, e.Status);
        Assert.Empty(await store.ListAsync(client, Account, Day, CancellationToken.None));
        Assert.IsAssignableFrom<RequestFailedException>(e);
    }

    [Fact]
    public async Task Entries_of_another_client_or_month_are_not_listed()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var (mine, theirs) = (TestStorage.NewClient(), TestStorage.NewClient());
        await store.UpsertAsync(mine, "i", [Entry(1)], CancellationToken.None);
        await store.UpsertAsync(theirs, "i", [Entry(2)], CancellationToken.None);
        await store.UpsertAsync(mine, "i", [Entry(3) with { BookingDate = Day.AddMonths(1) }], CancellationToken.None);

        var rows = await store.ListAsync(mine, Account, Day, CancellationToken.None);

        Assert.Equal("OCR-00001", Assert.Single(rows).RowKey);
        Assert.StartsWith(mine.Value + "|", rows[0].PartitionKey, StringComparison.Ordinal);
    }
}
