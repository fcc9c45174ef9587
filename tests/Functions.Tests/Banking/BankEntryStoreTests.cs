using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Files;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Camt;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Banking;

/// <summary>BankEntries against Azurite: transactions of up to 100, each all or nothing, reads past one service page, and reads of committed imports only.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BankEntryStoreTests(AzuriteFixture azurite)
{
    private const string Account = "97100512347";
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static BankEntry Entry(int i, string? id = null) =>
        new(id ?? $"OCR-{i:D5}", BankChannel.OcrGiro, Account, Day.AddDays(i % 20), new Money(10_000 + i), "NOK") { Kid = $"{i:D6}" };

    /// <summary>An import id (a file's SHA-256) whose FileImports record says Imported: reads see the entries written under it.</summary>
    private static async Task<string> ImportedAsync(BankflowStorage storage, ClientId client, FileImportStatus status = FileImportStatus.Imported)
    {
        var sha256 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await new FileImportStore(storage).SaveAsync(new FileImportRecord(client, sha256, status, DateTimeOffset.UtcNow), CancellationToken.None);
        return sha256;
    }

    [Fact]
    public async Task More_than_one_service_page_is_written_in_transactions_and_read_back_whole_and_a_reimport_adds_nothing()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        // Azurite and Azure answer at most 1,000 rows per page: 1,250 rows need a continuation.
        var entries = Enumerable.Range(0, 1_250).Select(i => Entry(i)).ToList();
        var import = await ImportedAsync(storage, client);

        Assert.Equal(1_250, await store.UpsertAsync(client, import, entries, CancellationToken.None));
        Assert.Equal(1_250, await store.UpsertAsync(client, import, entries, CancellationToken.None));

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

        var import = await ImportedAsync(storage, client);
        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => store.UpsertAsync(client, import, entries, CancellationToken.None));

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
        var (myImport, theirImport) = (await ImportedAsync(storage, mine), await ImportedAsync(storage, theirs));
        await store.UpsertAsync(mine, myImport, [Entry(1)], CancellationToken.None);
        await store.UpsertAsync(theirs, theirImport, [Entry(2)], CancellationToken.None);
        await store.UpsertAsync(mine, myImport, [Entry(3) with { BookingDate = Day.AddMonths(1) }], CancellationToken.None);

        var rows = await store.ListAsync(mine, Account, Day, CancellationToken.None);

        Assert.Equal("OCR-00001", Assert.Single(rows).RowKey);
        Assert.StartsWith(mine.Value + "|", rows[0].PartitionKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_entries_of_committed_imports_are_read_whoever_reads()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new BankEntryStore(storage);
        var client = TestStorage.NewClient();
        var imported = await ImportedAsync(storage, client);
        var interrupted = await ImportedAsync(storage, client, FileImportStatus.Received);
        var quarantined = await ImportedAsync(storage, client, FileImportStatus.Quarantined);
        var neverRecorded = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await store.UpsertAsync(client, imported, [Entry(1), Entry(2)], CancellationToken.None);
        await store.UpsertAsync(client, interrupted, [Entry(3)], CancellationToken.None);
        await store.UpsertAsync(client, quarantined, [Entry(4)], CancellationToken.None);
        await store.UpsertAsync(client, neverRecorded, [Entry(5)], CancellationToken.None);
        await store.UpsertAsync(client, "some-other-writer", [Entry(6)], CancellationToken.None);
        // An Sbanken day is committed when it is marked read.
        var readDay = SbankenFetchService.ImportId(Account, Day);
        var unreadDay = SbankenFetchService.ImportId(Account, Day.AddDays(1));
        await store.UpsertAsync(client, readDay, [Entry(7, "SB-7")], CancellationToken.None);
        await store.UpsertAsync(client, unreadDay, [Entry(8, "SB-8")], CancellationToken.None);
        await new SbankenDayStore(storage).MarkReadAsync(client, Account, Day, 1, DateTimeOffset.UtcNow, CancellationToken.None);

        var rows = await store.ListAsync(client, Account, Day, CancellationToken.None);

        Assert.Equal(["OCR-00001", "OCR-00002", "SB-7"], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_interrupted_import_leaves_rows_no_reader_sees_until_its_retry_commits()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Bankflow:Intake:ImportClaimDuration"] = "00:00:01" });
        var client = TestStorage.NewClient();
        var camt = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 5201, EntriesPerStatement: 250));
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient($"{client.Value}/dnb/statement.xml");
        await blob.UploadAsync(BinaryData.FromBytes(camt));
        var inbox = new InboxFile(client.Value, "dnb", "statement.xml", (await PinnedBlob.FindAsync(blob, CancellationToken.None))!);
        var camtImporter = app.Services.GetServices<IBankFileImporter>().First(i => i.CanImport(BankFileFormat.Camt053));
        var crashing = ActivatorUtilities.CreateInstance<ImportBankFileUseCase>(app.Services, (IEnumerable<IBankFileImporter>)[new CrashAfterWriting(camtImporter)]);
        var store = app.Services.GetRequiredService<BankEntryStore>();

        // The worker dies after the entries are written and before the FileImports record says Imported.
        await Assert.ThrowsAsync<IOException>(() => crashing.RunAsync(inbox, CancellationToken.None));
        var written = await RawRowsAsync(app, client);
        Assert.NotEmpty(written);
        Assert.Empty(await ListEveryPartitionAsync(store, client, written));

        // The retry (the trigger's next attempt) rewrites the same rows and commits: now every one of them is read.
        var retried = await app.Services.GetRequiredService<ImportBankFileUseCase>().RunAsync(inbox, CancellationToken.None);
        Assert.Equal("Imported", retried!.Status);
        Assert.Equal(written.Count, retried.EntryCount);
        var read = await ListEveryPartitionAsync(store, client, written);
        Assert.Equal(written.Count, read.Count);
        Assert.Equal(written.Count, (await RawRowsAsync(app, client)).Count);
    }

    /// <summary>Runs the real importer (its writes happen), then dies as a killed worker would, before the commit.</summary>
    private sealed class CrashAfterWriting(IBankFileImporter inner) : IBankFileImporter
    {
        public bool CanImport(BankFileFormat format) => inner.CanImport(format);

        public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
        {
            await inner.ImportAsync(file, cancellationToken);
            throw new IOException("the worker died after writing the entries");
        }
    }

    /// <summary>Every BankEntries row of the client as stored, committed or not (the table read directly, not through the store).</summary>
    private static async Task<List<TableEntity>> RawRowsAsync(TestApp app, ClientId client)
    {
        var table = app.Services.GetRequiredService<BankflowStorage>().Table(StorageNames.BankEntriesTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {client.Value + "|"} and PartitionKey lt {client.Value + "}"}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>What the store returns for every account and month the rows are in.</summary>
    private static async Task<List<TableEntity>> ListEveryPartitionAsync(BankEntryStore store, ClientId client, IEnumerable<TableEntity> rows)
    {
        var read = new List<TableEntity>();
        foreach (var (account, month) in rows.Select(r => (r.GetString("Account"), DateOnly.ParseExact(r.GetString("BookingDate"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Select(p => (p.Item1, new DateOnly(p.Item2.Year, p.Item2.Month, 1))).Distinct())
        {
            read.AddRange(await store.ListAsync(client, account, month, CancellationToken.None));
        }
        return read;
    }
}
