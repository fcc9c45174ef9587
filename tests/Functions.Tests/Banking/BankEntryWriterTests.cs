using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Banking;

/// <summary>
/// The concurrent batch writer against Azurite: four transactions in flight must not change what ends up in the table —
/// every row once, the last row of an id read wins however far apart the two are, files spread over many partitions,
/// and a failed transaction fails the write after the others have ended.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BankEntryWriterTests(AzuriteFixture azurite)
{
    private const string Account = "97100512347";
    private static readonly DateOnly Day = new(2026, 10, 5);

    private static BankEntry Entry(string id, long ore, DateOnly? day = null, string account = Account) =>
        new(id, BankChannel.OcrGiro, account, day ?? Day, new Money(ore), "NOK") { Kid = id };

    private async Task<(BankEntryStore Store, ClientId Client, string Import)> CommittedImportAsync(string? connectionString = null)
    {
        var storage = TestStorage.Services(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString ?? azurite.ConnectionString }).GetRequiredService<BankflowStorage>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var client = TestStorage.NewClient();
        var import = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await new FileImportStore(storage).SaveAsync(new FileImportRecord(client, import, FileImportStatus.Imported, DateTimeOffset.UtcNow), CancellationToken.None);
        return (new BankEntryStore(storage), client, import);
    }

    [Fact]
    public async Task An_id_read_again_later_in_the_file_keeps_the_later_row_also_across_batches_in_flight()
    {
        // The first transaction is held back on its way (100–600 ms): the next ones, which repeat some of its ids, would
        // land before it if the writer did not wait for it.
        var plan = new FaultPlan(1, 0) { Enabled = false }.Once(l => l.StartsWith("POST ", StringComparison.Ordinal) && l.Contains("$batch", StringComparison.Ordinal), FaultKind.Latency);
        await using var faulty = FaultInjectedStorage.Start(azurite.Azurite, plan);
        var (store, client, import) = await CommittedImportAsync(faulty.ConnectionString);
        // 1,200 rows in one partition, twelve transactions; every tenth id comes again 50 to 350 rows later (the next
        // batch or one still in flight) with another amount, and a few twice within one batch.
        var ordered = new List<(double At, BankEntry Entry)>();
        for (var i = 0; i < 1_200; i++)
        {
            ordered.Add((i, Entry($"ocr:1:1:{i}", i)));
            if (i % 10 == 0 && i + 350 < 1_200)
            {
                ordered.Add((i + 50 + (i * 7 % 300) + 0.5, Entry($"ocr:1:1:{i}", 1_000_000 + i)));
            }
        }
        var entries = ordered.OrderBy(o => o.At).Select(o => o.Entry).ToList();
        entries.Add(Entry("ocr:1:1:7", 7_777));
        entries.Add(Entry("ocr:1:1:7", 7_778));

        await store.UpsertAsync(client, import, entries, CancellationToken.None);

        var rows = await store.ListAsync(client, Account, Day, CancellationToken.None);
        Assert.Equal(1_200, rows.Count);
        var expected = entries.GroupBy(e => e.EntryId).ToDictionary(g => g.Key, g => g.Last().Amount.Ore);
        foreach (var row in rows)
        {
            Assert.Equal(expected[row.RowKey], row.GetInt64("AmountOre"));
        }
        Assert.Equal(7_778L, rows.Single(r => r.RowKey == "ocr:1:1:7").GetInt64("AmountOre"));
        Assert.Contains(faulty.Log.Requests, r => r.Fault == FaultKind.Latency);
    }

    [Fact]
    public async Task Rows_spread_over_more_partitions_than_wait_are_all_written()
    {
        var (store, client, import) = await CommittedImportAsync();
        // 60 accounts × 30 rows: partly filled batches pass the waiting limit and are sent before they are full.
        var accounts = Enumerable.Range(0, 60).Select(a => $"9710051{a:D4}").ToList();
        var entries = Enumerable.Range(0, 1_800).Select(i => Entry($"ocr:2:{i % 60}:{i}", i, account: accounts[i % 60])).ToList();

        await using (var writer = store.OpenWriter(client, import, CancellationToken.None))
        {
            foreach (var entry in entries)
            {
                await writer.AddAsync(entry);
            }
            Assert.Equal(1_800, await writer.CompleteAsync());
        }

        foreach (var account in accounts)
        {
            Assert.Equal(30, (await store.ListAsync(client, account, Day, CancellationToken.None)).Count);
        }
    }

    [Fact]
    public async Task A_refused_transaction_fails_the_write_and_a_retry_writes_every_row()
    {
        var (store, client, import) = await CommittedImportAsync();
        var entries = Enumerable.Range(0, 1_000).Select(i => Entry($"ocr:3:1:{i}", i)).ToList();
        // Row 650's id is longer than a table property may be: its transaction is refused, the others in flight end.
        var broken = entries.Select((e, i) => i == 650 ? e with { EntryId = new string('9', 40_000) } : e).ToList();

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => store.UpsertAsync(client, import, broken, CancellationToken.None));
        Assert.Equal(1_000, await store.UpsertAsync(client, import, entries, CancellationToken.None));

        var rows = await store.ListAsync(client, Account, Day, CancellationToken.None);
        Assert.Equal(entries.Select(e => e.EntryId).Order(StringComparer.Ordinal), rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Large_rows_of_one_partition_go_in_several_transactions_each_under_the_services_4_MiB()
    {
        var (store, client, import) = await CommittedImportAsync();
        // Every request body the writer's transactions send, as the SDK puts it on the wire.
        var batches = new ConcurrentBag<long>();
        var options = new TableClientOptions();
        options.AddPolicy(new BatchBodySizes(batches), HttpPipelinePosition.PerCall);
        var table = new TableClient(azurite.ConnectionString, StorageNames.BankEntriesTable, options);
        // 100 rows of ≈ 55 KB (999 structured references and a long text): one transaction of 100 would be ≈ 5.5 MB.
        var references = new CreditorReferenceList([.. Enumerable.Range(1, 999).Select(i => new CreditorReference($"{i:D35}", "SCOR"))]);
        var entries = Enumerable.Range(1, 100).Select(i => Entry($"ocr:4:1:{i}", i) with { CreditorReferences = references, Text = new string('t', 4000) }).ToList();

        await using (var writer = new BankEntryWriter(table, client, import, CancellationToken.None))
        {
            foreach (var entry in entries)
            {
                await writer.AddAsync(entry);
            }
            Assert.Equal(100, await writer.CompleteAsync());
        }

        Assert.True(batches.Count > 1, $"{batches.Count} transaction(s)");
        Assert.All(batches, bytes => Assert.InRange(bytes, 1, (4 * 1024 * 1024) - 1));
        Assert.InRange(batches.Sum(), 100 * 50_000L, long.MaxValue);
        var rows = await store.ListAsync(client, Account, Day, CancellationToken.None);
        Assert.Equal(entries.Select(e => e.EntryId).Order(StringComparer.Ordinal), rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    /// <summary>Records the length of every entity-group transaction's request body.</summary>
    private sealed class BatchBodySizes(ConcurrentBag<long> sizes) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                Assert.True(message.Request.Content!.TryComputeLength(out var length), "a transaction body of unknown length");
                sizes.Add(length);
            }
        }
    }
}
