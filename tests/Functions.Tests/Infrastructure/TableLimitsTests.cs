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
