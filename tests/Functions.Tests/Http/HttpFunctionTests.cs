using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Bankflow.Functions.Endpoints.Agreements;
using Bankflow.Functions.Endpoints.Health;
using Bankflow.Functions.Endpoints.Notifications;
using Bankflow.Functions.Endpoints.PaymentBatches;
using Bankflow.Functions.Endpoints.UploadBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Http;

/// <summary>
/// The HTTP functions called as the worker calls them (a real HttpContext, the app's services, Azurite): the answers
/// the custom handler gave — client tokens, problem+json, limits, route misses — and the upload streamed to the inbox.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class HttpFunctionTests(AzuriteFixture azurite)
{
    private const long Limit = 6 * 1024 * 1024; // over one staged block, so uploads of several blocks are exercised

    private Task<TestApp> AppAsync() => TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Bankflow:Intake:MaxFileBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static async Task<List<string>> InboxAsync(TestApp app, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, default))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    private static Task<Answer> UploadAsync(TestApp app, string clientId, string? token, byte[] body, bool declareLength = true)
    {
        var context = app.Request("POST", $"/api/clients/{clientId}/files?name=retur.txt", token, new MemoryStream(body), declareLength ? body.Length : null);
        return TestApp.AnswerAsync(context, app.Function<UploadBankFileFunction>().RunAsync(context.Request, clientId, null, null));
    }

    [Fact]
    public async Task Without_a_valid_client_token_it_is_401_and_for_another_client_403_as_problem_json_and_nothing_is_stored()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var other = TestStorage.NewClient();

        var none = await UploadAsync(app, client.Value, null, "NY000010"u8.ToArray());
        var forged = await UploadAsync(app, client.Value, "not-a-token", "NY000010"u8.ToArray());
        var foreign = await UploadAsync(app, client.Value, app.Token(other), "NY000010"u8.ToArray());

        Assert.Equal(401, none.Status);
        Assert.Equal("application/problem+json", none.ContentType);
        Assert.Equal("Bearer realm=\"bankflow\"", none.Headers.WWWAuthenticate.ToString());
        Assert.Equal(401, forged.Status);
        Assert.Equal(403, foreign.Status);
        Assert.Equal("application/problem+json", foreign.ContentType);
        Assert.Empty(await InboxAsync(app, client.Value + "/"));
    }

    [Fact]
    public async Task An_upload_of_several_blocks_streams_into_the_inbox_and_answers_202_with_the_import_id()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var file = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 17);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));

        var answer = await UploadAsync(app, client.Value, app.Token(client), file, declareLength: false);

        Assert.Equal(202, answer.Status);
        Assert.Equal($"/api/clients/{client.Value}/files/{sha256}", answer.Headers.Location.ToString());
        Assert.Equal(sha256, answer.Json.GetProperty("importId").GetString());
        Assert.Equal("Pending", answer.Json.GetProperty("status").GetString());
        var name = Assert.Single(await InboxAsync(app, client.Value + "/upload/"));
        Assert.EndsWith("-retur.txt", name, StringComparison.Ordinal);
        var blob = app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer).GetBlobClient(name);
        Assert.Equal(file, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(sha256, properties.Metadata["sha256"]);
        Assert.Equal("test-user", properties.Metadata["uploadedBy"]);
    }

    [Fact]
    public async Task Empty_bodies_are_400_and_bodies_over_the_limit_413_declared_or_not_and_nothing_appears_in_the_inbox()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var token = app.Token(client);

        var empty = await UploadAsync(app, client.Value, token, []);
        var declared = await UploadAsync(app, client.Value, token, new byte[Limit + 1]);
        var streamed = await UploadAsync(app, client.Value, token, new byte[Limit + 1], declareLength: false);
        var atTheLimit = await UploadAsync(app, client.Value, token, RandomNumberGenerator.GetBytes((int)Limit), declareLength: false);

        Assert.Equal(400, empty.Status);
        Assert.Equal("application/problem+json", empty.ContentType);
        Assert.Equal(413, declared.Status);
        Assert.Equal(413, streamed.Status);
        Assert.Equal("application/problem+json", streamed.ContentType);
        Assert.Contains("limit", streamed.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(202, atTheLimit.Status);
        Assert.Single(await InboxAsync(app, client.Value + "/"));
    }

    [Fact]
    public async Task A_second_upload_of_an_imported_file_says_duplicate_and_adds_nothing_to_the_inbox()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var file = RandomNumberGenerator.GetBytes(1000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        await app.Services.GetRequiredService<FileImportStore>().SaveAsync(
            new FileImportRecord(client, sha256, FileImportStatus.Imported, DateTimeOffset.UtcNow) { FileName = "first.txt" }, CancellationToken.None);

        var second = await UploadAsync(app, client.Value, app.Token(client), file);

        Assert.Equal(200, second.Status);
        Assert.True(second.Json.GetProperty("duplicate").GetBoolean());
        Assert.Equal("Imported", second.Json.GetProperty("status").GetString());
        Assert.Empty(await InboxAsync(app, client.Value + "/"));
    }

    [Fact]
    public async Task Paths_no_operation_has_are_404_and_paths_of_another_method_405_with_Allow_before_any_token_check()
    {
        await using var app = await AppAsync();
        const string c = "acme-as";

        async Task<Answer> Call(string method, string path, Func<Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Http.IResult>> run)
        {
            var context = app.Request(method, path);
            return await TestApp.AnswerAsync(context, run(context.Request));
        }

        var notificationWithoutAction = await Call("GET", "/x", r => app.Function<NotificationsFunction>().RunAsync(r, c, "0a1b", null));
        var acknowledgeByGet = await Call("GET", "/x", r => app.Function<NotificationsFunction>().RunAsync(r, c, "0a1b", "acknowledge"));
        var unknownAction = await Call("POST", "/x", r => app.Function<NotificationsFunction>().RunAsync(r, c, "0a1b", "archive"));
        var postToNotifications = await Call("POST", "/x", r => app.Function<NotificationsFunction>().RunAsync(r, c, null, null));
        var putWithoutAccount = await Call("PUT", "/x", r => app.Function<AgreementsFunction>().RunAsync(r, c, null));
        var postToABatch = await Call("POST", "/x", r => app.Function<PaymentBatchesFunction>().RunAsync(r, c, "B1", null));
        var sendByGet = await Call("GET", "/x", r => app.Function<PaymentBatchesFunction>().RunAsync(r, c, "B1", "SEND"));
        var fileByPost = await Call("POST", "/x", r => app.Function<PaymentBatchesFunction>().RunAsync(r, c, "B1", "file"));
        var retryByGet = await Call("GET", "/x", r => app.Function<UploadBankFileFunction>().RunAsync(r, c, new string('a', 64), "retry"));
        var postToAnImport = await Call("POST", "/x", r => app.Function<UploadBankFileFunction>().RunAsync(r, c, new string('a', 64), null));

        Assert.All(new[] { notificationWithoutAction, unknownAction }, a =>
        {
            Assert.Equal(404, a.Status);
            Assert.Equal("application/problem+json", a.ContentType);
        });
        foreach (var (answer, allow) in new[] { (acknowledgeByGet, "POST"), (postToNotifications, "GET"), (putWithoutAccount, "GET"), (postToABatch, "GET"),
                     (sendByGet, "POST"), (fileByPost, "GET"), (retryByGet, "POST"), (postToAnImport, "GET") })
        {
            Assert.Equal(405, answer.Status);
            Assert.Equal(allow, answer.Headers.Allow.ToString());
            Assert.Equal("application/problem+json", answer.ContentType);
        }
    }

    [Fact]
    public async Task A_query_flag_that_is_not_a_boolean_is_400_and_a_valid_one_lists_the_notifications()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();

        var bad = app.Request("GET", $"/api/clients/{client.Value}/notifications?includeAcknowledged=perhaps", app.Token(client));
        var badAnswer = await TestApp.AnswerAsync(bad, app.Function<NotificationsFunction>().RunAsync(bad.Request, client.Value, null, null));
        var good = app.Request("GET", $"/api/clients/{client.Value}/notifications?includeAcknowledged=true", app.Token(client));
        var goodAnswer = await TestApp.AnswerAsync(good, app.Function<NotificationsFunction>().RunAsync(good.Request, client.Value, null, null));

        Assert.Equal(400, badAnswer.Status);
        Assert.Equal("application/problem+json", badAnswer.ContentType);
        Assert.Equal(200, goodAnswer.Status);
        Assert.Empty(goodAnswer.Json.EnumerateArray());
    }

    [Fact]
    public async Task Health_is_anonymous_and_reports_storage()
    {
        await using var app = await AppAsync();
        var context = app.Request("GET", "/api/health");

        var answer = await TestApp.AnswerAsync(context, app.Function<HealthFunction>().RunAsync(context.Request));

        Assert.Equal(200, answer.Status);
        Assert.Equal("reachable", answer.Json.GetProperty("storage").GetString());
    }
}
