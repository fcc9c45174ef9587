using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.UploadBankFile;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Functions.Tests.Remittance;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Idempotency;

/// <summary>
/// Idempotency-Key on uploads (the body hashed as it streams) and on retrying an import, through the HTTP function on
/// Azurite: a retried upload commits no second blob — and does not even stage one — and a racing one commits one.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class UploadIdempotencyTests(AzuriteFixture azurite)
{
    private const long Limit = 6 * 1024 * 1024;

    private Task<TestApp> AppAsync() => TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Bankflow:Intake:MaxFileBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static Task<Answer> UploadAsync(TestApp app, ClientId client, string? key, byte[] body, string name = "retur.txt")
    {
        var context = app.Request("POST", $"/api/clients/{client.Value}/files?name={name}", app.Token(client), new MemoryStream(body));
        if (key is not null)
        {
            context.Request.Headers[IdempotencyKeyHeader.Name] = key;
        }
        return TestApp.AnswerAsync(context, app.Function<UploadBankFileFunction>().RunAsync(context.Request, client.Value, null, null));
    }

    /// <summary>Inbox blobs under a prefix; with <paramref name="staged"/> also those with only uncommitted blocks.</summary>
    private static async Task<List<string>> InboxAsync(TestApp app, string prefix, bool staged = false)
    {
        var names = new List<string>();
        await foreach (var blob in app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.InboxContainer)
                           .GetBlobsAsync(BlobTraits.None, staged ? BlobStates.Uncommitted : BlobStates.None, prefix, default))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    [Fact]
    public async Task A_retried_upload_gets_the_first_202_again_and_nothing_more_reaches_the_inbox_not_even_staged_blocks()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = Guid.NewGuid().ToString();
        var file = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 3); // two blocks

        var first = await UploadAsync(app, client, key, file);
        var retried = await UploadAsync(app, client, key, file);

        Assert.Equal(202, first.Status);
        Assert.Equal(202, retried.Status);
        Assert.Equal(first.Body, retried.Body);
        Assert.Equal(first.Headers.Location.ToString(), retried.Headers.Location.ToString());
        Assert.Equal("true", retried.Headers[IdempotencyKeyHeader.ReplayedHeader].ToString());
        Assert.Single(await InboxAsync(app, client.Value + "/"));
        Assert.Single(await InboxAsync(app, client.Value + "/", staged: true));
    }

    [Fact]
    public async Task The_same_key_with_other_bytes_or_another_name_is_422_and_nothing_is_committed()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = Guid.NewGuid().ToString();
        var file = RandomNumberGenerator.GetBytes(1000);
        var other = (byte[])file.Clone();
        other[500] ^= 1;

        var first = await UploadAsync(app, client, key, file);
        var otherBytes = await UploadAsync(app, client, key, other);
        var otherName = await UploadAsync(app, client, key, file, "annet.txt");
        var tooLarge = await UploadAsync(app, client, key, new byte[Limit + 1]);

        Assert.Equal(202, first.Status);
        Assert.All(new[] { otherBytes, otherName, tooLarge }, a =>
        {
            Assert.Equal(422, a.Status);
            Assert.Equal("application/problem+json", a.ContentType);
        });
        Assert.Single(await InboxAsync(app, client.Value + "/"));
    }

    [Fact]
    public async Task Uploads_racing_with_one_key_commit_one_blob_and_the_others_get_409_or_the_first_answer()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = Guid.NewGuid().ToString();
        var file = RandomNumberGenerator.GetBytes(200_000);

        var answers = await RemittanceHarness.RaceAsync(20, _ => UploadAsync(app, client, key, file));

        var executed = Assert.Single(answers, a => a.Status == 202 && !a.Headers.ContainsKey(IdempotencyKeyHeader.ReplayedHeader));
        Assert.All(answers.Where(a => a != executed), a => Assert.True(a.Status == 409 || (a.Status == 202 && a.Body == executed.Body), $"{a.Status}: {a.Body}"));
        Assert.Single(await InboxAsync(app, client.Value + "/"));
    }

    [Fact]
    public async Task Without_a_key_two_uploads_of_the_same_bytes_before_the_import_commit_two_blobs_as_before()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var file = RandomNumberGenerator.GetBytes(1000);

        Assert.Equal(202, (await UploadAsync(app, client, null, file)).Status);
        Assert.Equal(202, (await UploadAsync(app, client, null, file)).Status);

        // The import dedupes them by SHA-256; the key is what makes the second request do nothing at all.
        Assert.Equal(2, (await InboxAsync(app, client.Value + "/")).Count);
    }

    [Fact]
    public async Task A_retried_retry_with_a_key_gets_the_first_202_and_the_file_goes_back_to_the_inbox_once()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var file = RandomNumberGenerator.GetBytes(1000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        var received = DateTimeOffset.UtcNow;
        await app.Services.GetRequiredService<RawFileStore>().ArchiveAsync(RawFileStore.ArchivePath(client, received, sha256), new MemoryStream(file), new Dictionary<string, string>(), CancellationToken.None);
        await app.Services.GetRequiredService<FileImportStore>().SaveAsync(
            new FileImportRecord(client, sha256, FileImportStatus.Quarantined, received) { FileName = "f.txt", Reason = "storage was down" }, CancellationToken.None);
        var key = Guid.NewGuid().ToString();

        async Task<Answer> RetryAsync(string? withKey)
        {
            var context = app.Request("POST", $"/api/clients/{client.Value}/files/{sha256}/retry", app.Token(client));
            if (withKey is not null)
            {
                context.Request.Headers[IdempotencyKeyHeader.Name] = withKey;
            }
            return await TestApp.AnswerAsync(context, app.Function<UploadBankFileFunction>().RunAsync(context.Request, client.Value, sha256, "retry"));
        }

        var first = await RetryAsync(key);
        var again = await RetryAsync(key);
        var withoutKey = await RetryAsync(null);

        Assert.Equal(202, first.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal("true", again.Headers[IdempotencyKeyHeader.ReplayedHeader].ToString());
        Assert.Equal(409, withoutKey.Status); // run again, the import is no longer quarantined
        Assert.Single(await InboxAsync(app, client.Value + "/" + RetryImportUseCase.Channel + "/"));
    }
}
