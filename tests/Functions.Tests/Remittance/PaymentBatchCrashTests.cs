using Azure.Data.Tables;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Remittance;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Remittance;

/// <summary>
/// Creations that stop half-way — cancelled, or killed with rows written and no commit — never lend a row to a later
/// batch, and what they held is free again: at once when the request could clean up, after the lease when it could not.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PaymentBatchCrashTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_batch_reads_back_as_it_was_built_and_writes_the_same_pain001()
    {
        var h = await RemittanceHarness.CreateAsync(azurite);
        var built = h.Build("PLAIN-1", RemittanceHarness.Ids("plain", 120));

        var creation = await h.Batches.CreateAsync(new StoredBatch(built, Pain001Version.V03), CancellationToken.None);

        Assert.Equal(BatchCreationStatus.Created, creation.Status);
        var read = await h.Batches.GetAsync(h.Client, "PLAIN-1", CancellationToken.None);
        Assert.Equal(built.Payments.Select(Fields), read!.Batch.Payments.Select(Fields));
        Assert.Equal(Pain001Writer.Write(built, Pain001Version.V03), Pain001Writer.Write(read.Batch, Pain001Version.V03));
        Assert.Equal(creation.Batch!.ETag, read.ETag);
    }

    [Fact]
    public async Task A_create_cancelled_while_writing_leaves_no_row_in_a_later_batch_with_its_id()
    {
        var h = await RemittanceHarness.CreateAsync(azurite);
        var doomed = RemittanceHarness.Ids("doomed", 1500).ToList();
        using var cancel = new CancellationTokenSource();
        var create = h.Service.CreateAsync(h.Client, h.Body("B-CRASH", doomed), cancel.Token);
        // Cancel once its payment rows are being written (the handler killed mid-way, as in the finding).
        while (!create.IsCompleted && await CountAsync(h.Storage, StorageNames.PaymentsTable, h.Client) < 200)
        {
            await Task.Delay(20);
        }
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);

        var later = await h.Service.CreateAsync(h.Client, h.Body("B-CRASH", ["later-1", "later-2"]), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Ok, later.Kind);
        var read = await h.Batches.GetAsync(h.Client, "B-CRASH", CancellationToken.None);
        Assert.Equal(["later-1", "later-2"], read!.Batch.Payments.Select(p => p.EndToEndId));
        var listed = Assert.Single(await h.Batches.ListAsync(h.Client, 10, CancellationToken.None));
        Assert.Equal((2, 2001L), (listed.PaymentCount, listed.Total.Ore)); // 10.00 + 10.01
        Assert.Empty(await h.Batches.UsedEndToEndIdsAsync(h.Client, "", doomed, CancellationToken.None));
        Assert.Equal(2, await CountAsync(h.Storage, StorageNames.PaymentsTable, h.Client)); // the cancelled request removed its rows
    }

    [Fact]
    public async Task Rows_of_a_killed_create_stay_out_of_every_batch_and_its_ids_free_up_after_the_lease()
    {
        var h = await RemittanceHarness.CreateAsync(azurite);
        // A handler killed after its reservation, its end-to-end ids and 300 of 400 payment rows; no release ran.
        var killed = h.Build("B-KILLED", RemittanceHarness.Ids("killed", 400));
        var (reservation, _) = await h.Batches.ReserveAsync(new StoredBatch(killed, Pain001Version.V03), CancellationToken.None);
        Assert.Empty(await h.Batches.ClaimEndToEndIdsAsync(reservation!, CancellationToken.None));
        await h.Batches.SavePaymentsAsync(reservation!.Stored, killed.Payments.Take(300), h.Clock.GetUtcNow(), CancellationToken.None);
        // And rows of the layout before reservations, with no header: what the finding's crash left behind.
        await h.Storage.Table(StorageNames.PaymentsTable).AddEntityAsync(new TableEntity(h.Client.Value, "B-KILLED|0001") { ["BatchId"] = "B-KILLED", ["EndToEndId"] = "old-1" });

        Assert.Null(await h.Batches.GetAsync(h.Client, "B-KILLED", CancellationToken.None));
        Assert.Empty(await h.Batches.ListAsync(h.Client, 10, CancellationToken.None));

        // Within the lease the killed request might still be running: its batch id and ids are not given away.
        var tooSoon = await h.Service.CreateAsync(h.Client, h.Body("B-KILLED", ["after-1", "after-2"]), CancellationToken.None);
        Assert.Equal(BatchOutcomeKind.Conflict, tooSoon.Kind);
        Assert.Contains("creating right now", Assert.Single(tooSoon.Errors["batchId"]), StringComparison.Ordinal);
        var idTooSoon = await h.Service.CreateAsync(h.Client, h.Body("B-OTHER", ["killed-7"]), CancellationToken.None);
        Assert.Contains("was used before", Assert.Single(idTooSoon.Errors["payments[0].endToEndId"]), StringComparison.Ordinal);

        h.Clock.Advance(PaymentBatchStore.CreationLease + TimeSpan.FromMinutes(1));

        // After the lease: another batch takes one of its ids (ending the killed creation), the batch id is new again.
        Assert.Equal(BatchOutcomeKind.Ok, (await h.Service.CreateAsync(h.Client, h.Body("B-OTHER", ["killed-7"]), CancellationToken.None)).Kind);
        var later = await h.Service.CreateAsync(h.Client, h.Body("B-KILLED", ["after-1", "after-2"]), CancellationToken.None);
        Assert.Equal(BatchOutcomeKind.Ok, later.Kind);
        var read = await h.Batches.GetAsync(h.Client, "B-KILLED", CancellationToken.None);
        Assert.Equal(["after-1", "after-2"], read!.Batch.Payments.Select(p => p.EndToEndId));
        Assert.Equal(2, Assert.Single(await h.Batches.ListAsync(h.Client, 10, CancellationToken.None), b => b.Batch.Batch.BatchId == "B-KILLED").PaymentCount);

        // Were the killed request only slow, it can no longer commit, and the batch stays the later one.
        Assert.Null(await h.Batches.CommitAsync(reservation, CancellationToken.None));
        Assert.Equal(["after-1", "after-2"], (await h.Batches.GetAsync(h.Client, "B-KILLED", CancellationToken.None))!.Batch.Payments.Select(p => p.EndToEndId));
        Assert.Empty(await h.Batches.UsedEndToEndIdsAsync(h.Client, "", killed.Payments.Select(p => p.EndToEndId).Where(id => id != "killed-7"), CancellationToken.None));
    }

    [Fact]
    public async Task A_killed_create_is_taken_over_by_the_next_create_of_its_batch_id_after_the_lease()
    {
        var h = await RemittanceHarness.CreateAsync(azurite);
        var killed = h.Build("B-RETRY", RemittanceHarness.Ids("retry", 150));
        var (reservation, _) = await h.Batches.ReserveAsync(new StoredBatch(killed, Pain001Version.V03), CancellationToken.None);
        Assert.Empty(await h.Batches.ClaimEndToEndIdsAsync(reservation!, CancellationToken.None));
        await h.Batches.SavePaymentsAsync(reservation!.Stored, killed.Payments, h.Clock.GetUtcNow(), CancellationToken.None);
        h.Clock.Advance(PaymentBatchStore.CreationLease + TimeSpan.FromSeconds(1));

        // The ERP retries the same request: the same batch id and the same end-to-end ids.
        var retried = await h.Service.CreateAsync(h.Client, h.Body("B-RETRY", RemittanceHarness.Ids("retry", 150)), CancellationToken.None);

        Assert.Equal(BatchOutcomeKind.Ok, retried.Kind);
        Assert.Equal(150, retried.Batch!.Batch.Payments.Count);
        Assert.NotEqual(reservation.Id, retried.Batch.Reservation);
        Assert.Null(await h.Batches.CommitAsync(reservation, CancellationToken.None));
        Assert.Equal(150, await CountAsync(h.Storage, StorageNames.PaymentsTable, h.Client)); // the killed rows were swept
    }

    private static object Fields(Payment p) =>
        (p.InstructionId, p.EndToEndId, p.DebtorAccount, p.CreditorName, p.CreditorAccount, p.Amount, p.RequestedExecutionDate, p.Remittance, p.Status, p.BankStatus, p.RejectionReasons.Count);

    private static async Task<int> CountAsync(BankflowStorage storage, string table, ClientId client)
    {
        var count = 0;
        await foreach (var _ in storage.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}"), select: ["RowKey"]))
        {
            count++;
        }
        return count;
    }
}
