using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Remittance;

/// <summary>
/// A batch header write that lands while its answer is lost — the creation's commit, the send's "sent" — meets its own
/// ETag change when the SDK tries it again. It is recognised as done: the batch is created and sent once, and the
/// caller is not told that another request changed it.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class LostAnswerRemittanceTests(AzuriteFixture azurite)
{
    private static bool HeaderWrite(string requestLine) =>
        requestLine.StartsWith("PUT ", StringComparison.Ordinal) && requestLine.Contains("/PaymentBatches(", StringComparison.Ordinal);

    [Fact]
    public async Task A_batch_whose_commit_and_sent_answers_were_lost_is_created_and_sent_once()
    {
        var plan = new FaultPlan(1, 0) { Enabled = false };
        await using var faulty = FaultInjectedStorage.Start(azurite.Azurite, plan);
        var storage = TestStorage.Services(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = faulty.ConnectionString }).GetRequiredService<BankflowStorage>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var h = await RemittanceHarness.CreateAsync(azurite, storage: storage);
        var ids = RemittanceHarness.Ids("lost", 3).ToList();

        plan.Once(HeaderWrite, FaultKind.ResetAfterForward);
        var created = await h.Service.CreateAsync(h.Client, h.Body("LOST-1", ids), CancellationToken.None);
        Assert.Equal(BatchOutcomeKind.Ok, created.Kind);

        plan.Once(HeaderWrite, FaultKind.ResetAfterForward);
        var sent = await h.Service.SendAsync(h.Client, "LOST-1", CancellationToken.None);
        Assert.Equal(BatchOutcomeKind.Ok, sent.Kind);

        Assert.Equal(2, faulty.Log.Requests.Count(r => r.Fault == FaultKind.ResetAfterForward));
        var read = await h.Batches.GetAsync(h.Client, "LOST-1", CancellationToken.None);
        Assert.NotNull(read!.Batch.SentAt);
        Assert.Equal(ids, read.Batch.Payments.Select(p => p.EndToEndId));
        var outbox = new List<string>();
        await foreach (var blob in storage.Container(StorageNames.OutboxContainer).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = h.Client.Value + "/" }))
        {
            outbox.Add(blob.Name);
        }
        Assert.Single(outbox);
    }
}
