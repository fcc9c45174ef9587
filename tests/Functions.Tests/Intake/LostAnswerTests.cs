using System.Security.Cryptography;
using Bankflow.Functions.Endpoints.UploadBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Bankflow.Testing.Faults;
using Bankflow.Testing.Nets;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Intake;

/// <summary>
/// A write that lands while its answer is lost (the connection reset after storage answered): the SDK tries it again
/// and meets the write it made itself — a create-only blob that is there, a row that exists, an ETag that moved. Each
/// such place recognises its own write and carries on, instead of failing or waiting for itself.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class LostAnswerTests(AzuriteFixture azurite)
{
    private static async Task<(TestApp App, FaultInjectedStorage Storage)> StartAsync(AzuriteFixture azurite, FaultPlan plan)
    {
        var storage = FaultInjectedStorage.Start(azurite.Azurite, plan);
        var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Bankflow:Intake:ImportClaimDuration"] = "00:00:30",
        });
        return (app, storage);
    }

    [Fact]
    public async Task An_upload_whose_commit_answer_was_lost_is_accepted_once()
    {
        var plan = new FaultPlan(1, 0) { Enabled = false }.Once(l => l.StartsWith("PUT ", StringComparison.Ordinal) && l.Contains("comp=blocklist", StringComparison.Ordinal), FaultKind.ResetAfterForward);
        var (app, storage) = await StartAsync(azurite, plan);
        await using var _ = storage;
        await using var __ = app;
        var client = TestStorage.NewClient();
        var file = new OcrFileGenerator(6101).Generate(new OcrGeneratorOptions { DataRecipient = TestApp.NetsDataRecipient }).Content;
        var context = app.Request("POST", $"/api/clients/{client.Value}/files?name=retur.txt", app.Token(client), new MemoryStream(file), file.Length);

        var answer = await TestApp.AnswerAsync(context, app.Function<UploadBankFileFunction>().RunAsync(context.Request, client.Value, null, null));

        Assert.Equal(202, answer.Status);
        Assert.Contains(storage.Log.Requests, r => r.Fault == FaultKind.ResetAfterForward);
        var inbox = new List<string>();
        await foreach (var blob in app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = client.Value + "/" }))
        {
            inbox.Add(blob.Name);
        }
        Assert.Single(inbox);
    }

    [Theory]
    [InlineData("POST", "the claim's insert")]
    [InlineData("PUT", "the commit")]
    public async Task An_import_whose_claim_or_commit_answer_was_lost_finishes_at_once(string method, string write)
    {
        var plan = new FaultPlan(1, 0) { Enabled = false }.Once(l => l.StartsWith(method + " ", StringComparison.Ordinal) && l.Contains("/FileImports", StringComparison.Ordinal), FaultKind.ResetAfterForward);
        var (app, storage) = await StartAsync(azurite, plan);
        await using var _ = storage;
        await using var __ = app;
        var client = TestStorage.NewClient();
        var content = new OcrFileGenerator(6102).Generate(new OcrGeneratorOptions { DataRecipient = TestApp.NetsDataRecipient }).Content;
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient($"{client.Value}/nets/lost.txt");
        await blob.UploadAsync(BinaryData.FromBytes(content));
        var inbox = new InboxFile(client.Value, "nets", "lost.txt", (await PinnedBlob.FindAsync(blob, CancellationToken.None))!);
        var started = DateTime.UtcNow;

        var announced = await app.Services.GetRequiredService<ImportBankFileUseCase>().RunAsync(inbox, CancellationToken.None);

        Assert.Contains(storage.Log.Requests, r => r.Fault == FaultKind.ResetAfterForward && r.Method == method);
        Assert.Equal("Imported", announced!.Status);
        // Not by waiting out its own claim (30 s): the attempt knew the row was its own.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), $"{write}: took {DateTime.UtcNow - started}");
        var record = await app.Services.GetRequiredService<FileImportStore>().GetAsync(client, Convert.ToHexStringLower(SHA256.HashData(content)), CancellationToken.None);
        Assert.Equal(FileImportStatus.Imported, record!.Status);
    }
}
