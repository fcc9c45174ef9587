using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Remittance;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Remittance;

/// <summary>
/// Many creates at once against Azurite, through <see cref="PaymentBatchService"/> as the HTTP function calls it:
/// whatever the interleaving, a batch id has one winner holding only its own payments, and an end-to-end id is in
/// at most one batch.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PaymentBatchRaceTests(AzuriteFixture azurite)
{
    private const int Racers = 20;
    private const int Rounds = 3;

    [Fact]
    public async Task Creates_racing_for_one_batch_id_leave_one_winner_holding_only_its_own_payments()
    {
        var h = await RemittanceHarness.CreateAsync(azurite);
        for (var round = 0; round < Rounds; round++)
        {
            var batchId = $"RACE-{round}";
            // One big request among small ones: the big one used to lose with 409 and leave its rows in the batch.
            var requests = Enumerable.Range(0, Racers).Select(i => RemittanceHarness.Ids($"r{round}q{i}", i == 0 ? 400 : 1 + (i % 5)).ToList()).ToList();
            var outcomes = await RemittanceHarness.RaceAsync(Racers, i => h.Service.CreateAsync(h.Client, h.Body(batchId, requests[i]), CancellationToken.None));

            var winner = Assert.Single(Enumerable.Range(0, Racers), i => outcomes[i].Kind == BatchOutcomeKind.Ok);
            Assert.All(outcomes.Where((_, i) => i != winner), o =>
            {
                Assert.Equal(BatchOutcomeKind.Conflict, o.Kind);
                Assert.Contains("already used", Assert.Single(o.Errors["batchId"]), StringComparison.Ordinal);
            });
            var read = await h.Batches.GetAsync(h.Client, batchId, CancellationToken.None);
            Assert.Equal(requests[winner], read!.Batch.Payments.Select(p => p.EndToEndId));
            var listed = Assert.Single(await h.Batches.ListAsync(h.Client, 100, CancellationToken.None), b => b.Batch.Batch.BatchId == batchId);
            Assert.Equal(requests[winner].Count, listed.PaymentCount);
            Assert.Equal(read.Batch.Total, listed.Total);

            // Nothing of the losers holds an end-to-end id: each can be used in a new batch.
            var losers = requests.Where((_, i) => i != winner).SelectMany(r => r).ToList();
            Assert.Empty(await h.Batches.UsedEndToEndIdsAsync(h.Client, "", losers, CancellationToken.None));
        }
        Assert.Equal(Rounds, (await h.Batches.ListAsync(h.Client, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Batches_racing_with_one_end_to_end_id_commit_it_in_one_batch_only()
    {
        var h = await RemittanceHarness.CreateAsync(azurite);
        var (aLoser, itsOwnIds) = ("", Array.Empty<string>());
        for (var round = 0; round < Rounds; round++)
        {
            var shared = $"SHARED-{round}";
            var requests = Enumerable.Range(0, Racers).Select(i => new[] { shared, $"u{round}-{i}-a", $"u{round}-{i}-b" }).ToList();
            var outcomes = await RemittanceHarness.RaceAsync(Racers, i => h.Service.CreateAsync(h.Client, h.Body($"E2E-{round}-{i}", requests[i]), CancellationToken.None));

            var winner = Assert.Single(Enumerable.Range(0, Racers), i => outcomes[i].Kind == BatchOutcomeKind.Ok);
            foreach (var loser in Enumerable.Range(0, Racers).Where(i => i != winner))
            {
                Assert.Equal(BatchOutcomeKind.Invalid, outcomes[loser].Kind);
                Assert.Equal(["payments[0].endToEndId"], outcomes[loser].Errors.Keys);
                Assert.Contains($"end-to-end id {shared} was used before", Assert.Single(outcomes[loser].Errors["payments[0].endToEndId"]), StringComparison.Ordinal);
                Assert.Null(await h.Batches.GetAsync(h.Client, $"E2E-{round}-{loser}", CancellationToken.None));
                (aLoser, itsOwnIds) = ($"E2E-{round}-{loser}", requests[loser][1..]);
            }
            var holding = new List<string>();
            foreach (var (batch, _, _, _) in await h.Batches.ListAsync(h.Client, 100, CancellationToken.None))
            {
                var read = await h.Batches.GetAsync(h.Client, batch.Batch.BatchId, CancellationToken.None);
                if (read!.Batch.Payments.Any(p => p.EndToEndId == shared))
                {
                    holding.Add(batch.Batch.BatchId);
                }
            }
            Assert.Equal([$"E2E-{round}-{winner}"], holding);
            Assert.Equal(new Dictionary<string, string> { [shared] = $"E2E-{round}-{winner}" },
                await h.Batches.BatchIdsByEndToEndAsync(h.Client, new HashSet<string> { shared }, CancellationToken.None));
        }

        // The losers released everything: no header is left half-made, and a loser's batch id and own ids make a batch.
        Assert.Equal(Rounds, (await HeadersAsync(h.Storage, h.Client)).Count);
        var again = await h.Service.CreateAsync(h.Client, h.Body(aLoser, itsOwnIds), CancellationToken.None);
        Assert.Equal(BatchOutcomeKind.Ok, again.Kind);
    }

    [Fact]
    public async Task An_end_to_end_id_of_a_committed_batch_is_refused_for_every_racing_batch()
    {
        var h = await RemittanceHarness.CreateAsync(azurite);
        var first = await h.Service.CreateAsync(h.Client, h.Body("FIRST", ["ONCE-1"]), CancellationToken.None);
        Assert.Equal(BatchOutcomeKind.Ok, first.Kind);

        var outcomes = await RemittanceHarness.RaceAsync(Racers, i => h.Service.CreateAsync(h.Client, h.Body($"LATER-{i}", [$"later-{i}", "ONCE-1"]), CancellationToken.None));

        Assert.All(outcomes, o => Assert.Contains("end-to-end id ONCE-1 was used before", Assert.Single(o.Errors["payments[1].endToEndId"]), StringComparison.Ordinal));
        Assert.Equal(["FIRST"], (await h.Batches.ListAsync(h.Client, 100, CancellationToken.None)).Select(b => b.Batch.Batch.BatchId));
    }

    private static async Task<List<TableEntity>> HeadersAsync(BankflowStorage storage, ClientId client)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Table(StorageNames.PaymentBatchesTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}")))
        {
            rows.Add(row);
        }
        return rows;
    }
}
