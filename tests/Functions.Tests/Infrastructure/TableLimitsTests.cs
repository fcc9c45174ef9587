using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Infrastructure;

/// <summary>
/// What a file can put into a row is bounded by the stores themselves, whatever a reader lets through: a key part too
/// long for Azure Table storage (1 KiB) is shortened with a hash, a notification's texts are cut (32 K characters
/// per property). Found by the hostile-input corpus, where such writes failed the import on every retry.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class TableLimitsTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    [Fact]
    public async Task An_account_and_entry_id_too_long_for_a_key_are_stored_under_bounded_keys_and_found_again()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        var account = new string('4', 2000);
        var id = "camt:" + new string('R', 2000);

        await store.UpsertAsync(client, "import-1", [new BankEntry(id, BankChannel.Camt054, account, Day, new Money(100), "NOK")], CancellationToken.None);

        // The rows themselves: ListAsync returns entries of committed imports only, and "import-1" is none.
        var row = Assert.Single(await RowsAsync(storage, client));
        Assert.InRange(row.PartitionKey.Length, 1, 512);
        Assert.InRange(row.RowKey.Length, 1, TableLimits.MaxKeyPart);
        Assert.Equal((id, account), (row.GetString("EntryId"), row.GetString("Account")));
        Assert.Equal(BankEntryStore.KeySafe(id), row.RowKey); // deterministic: a re-import writes the same row
    }

    [Fact]
    public async Task References_longer_than_a_property_holds_are_stored_across_properties_and_read_back_whole()
    {
        // Found by the hostile-input corpus (a reference of 100,000 characters, now refused by the reader): the
        // references went into one property, and Azure takes at most 64 KiB in one. As many references as a reader keeps
        // (999), with quotes, backslashes and non-ASCII characters, must be stored and read back as they were.
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        var references = new CreditorReferenceList([.. Enumerable.Range(1, 999).Select(i =>
            new CreditorReference($"\"Faktura\" nr. {i:D5} – søknad ø{new string('x', 10)}", i % 2 == 0 ? "SCOR" : "QRR", i % 2 == 1, "Issuer ø \\ \"x\""))]);
        var entry = new BankEntry("camt:1", BankChannel.Camt054, "97100512347", Day, new Money(100), "NOK") { CreditorReferences = references };

        await store.UpsertAsync(client, "import-1", [entry], CancellationToken.None);

        var stored = Assert.Single(await store.ListClientAsync(client, CancellationToken.None));
        Assert.Equal(entry, stored.Entry);
        var row = Assert.Single(await RowsAsync(storage, client));
        Assert.NotNull(row.GetString("CreditorReferences2"));
        Assert.All(row.Where(p => p.Value is string), p => Assert.InRange(((string)p.Value).Length, 0, TableLimits.MaxPropertyCharacters));
    }

    [Fact]
    public async Task A_hundred_large_rows_of_one_partition_are_written_in_transactions_under_the_service_limit()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        var references = new CreditorReferenceList([.. Enumerable.Range(1, 999).Select(i => new CreditorReference($"{i:D35}", "SCOR"))]);
        var entries = Enumerable.Range(1, 100)
            .Select(i => new BankEntry($"camt:{i}", BankChannel.Camt054, "97100512347", Day, new Money(i), "NOK") { CreditorReferences = references, Text = new string('t', 4000) })
            .ToList();

        Assert.Equal(100, await store.UpsertAsync(client, "import-1", entries, CancellationToken.None));

        Assert.Equal(100, (await RowsAsync(storage, client)).Count);
        var transactions = TableLimits.Transactions(entries.Select((e, i) => Entity(i, 40_000)), 100).ToList();
        Assert.True(transactions.Count > 1);
        Assert.Equal(100, transactions.Sum(t => t.Count));
        Assert.All(transactions, t => Assert.InRange(t.Sum(TableLimits.EstimatedBytes), 1, TableLimits.MaxTransactionBytes));
    }

    [Fact]
    public void Rows_of_ordinary_size_still_go_a_hundred_to_a_transaction()
    {
        var transactions = TableLimits.Transactions(Enumerable.Range(0, 250).Select(i => Entity(i, 200)), 100).ToList();

        Assert.Equal([100, 100, 50], transactions.Select(t => t.Count));
    }

    private static TableEntity Entity(int i, int textLength) =>
        new("p", i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["Text"] = new string('t', textLength) };

    /// <summary>Every BankEntries row of the client, of any import.</summary>
    private static async Task<List<TableEntity>> RowsAsync(BankflowStorage storage, ClientId client)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {client.Value + "|"} and PartitionKey lt {client.Value + "}"}");
        await foreach (var row in storage.Table(StorageNames.BankEntriesTable).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public void Short_keys_are_as_they_were()
    {
        Assert.Equal("camt:97100512347:0001000000001", BankEntryStore.KeySafe("camt:97100512347:0001000000001"));
        Assert.Equal("a%2Fb%7Cc", BankEntryStore.KeySafe("a/b|c"));
    }

    [Fact]
    public async Task A_notification_quoting_a_huge_value_is_written_with_its_texts_cut()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new NotificationStore(storage);
        var client = TestStorage.NewClient();
        var huge = new string('8', 100_000);
        var notification = new Notification(client, Notification.CreateId(DateTimeOffset.UtcNow, "Test", "1"), NotificationSeverity.Error, "Test",
            "Payment " + huge, "Batch B: status for payment " + huge, DateTimeOffset.UtcNow) { Subject = "B|" + huge };

        await store.AddOnceAsync(notification, CancellationToken.None);

        var stored = Assert.Single(await store.ListAsync(client, includeAcknowledged: true, max: 10, CancellationToken.None));
        Assert.Equal((500, TableLimits.MaxText, 1000), (stored.Title.Length, stored.Message.Length, stored.Subject!.Length));
        Assert.StartsWith("Batch B: status for payment 888", stored.Message, StringComparison.Ordinal);
    }
}
