using System.Security.Cryptography;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Functions.Tests.Remittance;
using Bankflow.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Idempotency;

/// <summary>
/// The gate itself on Azurite, around operations that count their runs: what is kept, what is not, how long, and the
/// big answers that need more than one row.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class IdempotencyGateTests(AzuriteFixture azurite)
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    private Task<TestApp> AppAsync() => TestApp.StartAsync(azurite, time: _clock);

    private static HttpContext Post(TestApp app, string? key, string body = "{\"a\":1}")
    {
        var context = app.Request("POST", "/api/clients/c/things", body: new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        if (key is not null)
        {
            context.Request.Headers[IdempotencyKeyHeader.Name] = key;
        }
        return context;
    }

    private static Task<Answer> RunAsync(TestApp app, ClientId client, HttpContext context, Func<Task<IResult>> operation) =>
        TestApp.AnswerAsync(context, app.Services.GetRequiredService<IdempotencyGate>().RunAsync(context, client, operation));

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task Without_a_key_the_operation_runs_every_time_and_nothing_is_recorded()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var runs = 0;

        for (var i = 0; i < 3; i++)
        {
            var answer = await RunAsync(app, client, Post(app, null), () => Task.FromResult(Results.Ok(new { run = ++runs })));
            Assert.Equal(200, answer.Status);
        }

        Assert.Equal(3, runs);
        Assert.Empty(await RowsAsync(app, client));
    }

    [Fact]
    public async Task An_invalid_key_is_400_problem_json_naming_the_header_and_nothing_runs()
    {
        await using var app = await AppAsync();
        var runs = 0;
        var repeated = Post(app, null);
        repeated.Request.Headers[IdempotencyKeyHeader.Name] = new Microsoft.Extensions.Primitives.StringValues(["one", "two"]);

        var bad = await RunAsync(app, TestStorage.NewClient(), Post(app, "has space"), () => Task.FromResult(Results.Ok(++runs)));
        var twice = await RunAsync(app, TestStorage.NewClient(), repeated, () => Task.FromResult(Results.Ok(++runs)));

        Assert.Equal(400, bad.Status);
        Assert.Equal("application/problem+json", bad.ContentType);
        Assert.True(bad.Json.GetProperty("errors").TryGetProperty(IdempotencyKeyHeader.Name, out _));
        Assert.Equal(400, twice.Status);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task A_5xx_answer_is_not_kept_and_the_retry_runs_again_and_is_then_kept()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = NewKey();
        var runs = 0;
        Task<IResult> Operation() => Task.FromResult(++runs == 1 ? Results.Problem(statusCode: 503) : Results.Ok(new { run = runs }));

        var failed = await RunAsync(app, client, Post(app, key), Operation);
        var retried = await RunAsync(app, client, Post(app, key), Operation);
        var replayed = await RunAsync(app, client, Post(app, key), Operation);

        Assert.Equal(503, failed.Status);
        Assert.Equal(200, retried.Status);
        Assert.Equal(retried.Body, replayed.Body);
        Assert.Equal("true", replayed.Headers[IdempotencyKeyHeader.ReplayedHeader].ToString());
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task An_operation_that_throws_releases_the_key_so_the_retry_runs()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = NewKey();
        var runs = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(app, client, Post(app, key), () => ++runs == 1 ? throw new InvalidOperationException("boom") : Task.FromResult(Results.Ok())));
        var retried = await RunAsync(app, client, Post(app, key), () => Task.FromResult(Results.Ok(new { run = ++runs })));

        Assert.Equal(200, retried.Status);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_claim_whose_request_vanished_holds_the_key_with_409_until_its_lease_ends()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = NewKey();
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        var options = app.Services.GetRequiredService<IdempotencyOptions>();
        var context = Post(app, key);
        // A request that claimed the key and died (killed) before it answered.
        var now = _clock.GetUtcNow();
        var fingerprint = RequestFingerprint.Of(context.Request, Convert.ToHexStringLower(SHA256.HashData("{\"a\":1}"u8)), []);
        Assert.NotNull(await store.TryAddAsync(new IdempotencyRecord(client, IdempotencyKeyHeader.RowKey(key), fingerprint, KeyState.InFlight, "dead", now, now + options.Retention, now + options.InFlightLease), "POST", "/x", default));
        var runs = 0;

        var during = await RunAsync(app, client, context, () => Task.FromResult(Results.Ok(++runs)));
        _clock.Advance(options.InFlightLease);
        var after = await RunAsync(app, client, Post(app, key), () => Task.FromResult(Results.Ok(++runs)));

        Assert.Equal(409, during.Status);
        Assert.Equal("application/problem+json", during.ContentType);
        Assert.Equal("1", during.Headers.RetryAfter.ToString());
        Assert.Equal(200, after.Status);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_key_is_kept_24_hours_from_its_first_request_then_it_runs_afresh_even_with_another_body()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = NewKey();
        var runs = 0;
        Task<IResult> Operation() => Task.FromResult(Results.Ok(new { run = ++runs }));

        var first = await RunAsync(app, client, Post(app, key), Operation);
        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var lastSecond = await RunAsync(app, client, Post(app, key), Operation);
        var otherBody = await RunAsync(app, client, Post(app, key, "{\"a\":2}"), Operation);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterwards = await RunAsync(app, client, Post(app, key, "{\"a\":2}"), Operation);
        var replayOfNew = await RunAsync(app, client, Post(app, key, "{\"a\":2}"), Operation);

        Assert.Equal(first.Body, lastSecond.Body);
        Assert.Equal(422, otherBody.Status);
        Assert.Equal(200, afterwards.Status);
        Assert.Equal(2, afterwards.Json.GetProperty("run").GetInt32());
        Assert.Equal(afterwards.Body, replayOfNew.Body);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task An_answer_longer_than_one_row_is_kept_in_pages_and_replayed_byte_for_byte()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var key = NewKey();
        // Incompressible and over two rows' worth, so three rows hold it.
        var payload = Convert.ToBase64String(RandomNumberGenerator.GetBytes(IdempotencyStore.RowBytes * 3 / 2));
        var runs = 0;
        Task<IResult> Operation() => Task.FromResult(Results.Created("/things/1", new { run = ++runs, payload }));

        var first = await RunAsync(app, client, Post(app, key), Operation);
        var replay = await RunAsync(app, client, Post(app, key), Operation);

        Assert.True(first.Body.Length > 2 * IdempotencyStore.RowBytes);
        Assert.Equal(201, replay.Status);
        Assert.Equal("/things/1", replay.Headers.Location.ToString());
        Assert.Equal(first.ContentType, replay.ContentType);
        Assert.Equal(first.Body, replay.Body);
        Assert.Equal(1, runs);
        Assert.Equal(3, (await RowsAsync(app, client)).Count);
    }

    [Fact]
    public async Task A_JSON_body_over_the_limit_is_413_before_anything_runs()
    {
        await using var app = await AppAsync();
        var runs = 0;
        var big = "\"" + new string('x', (int)app.Services.GetRequiredService<IdempotencyOptions>().MaxJsonBodyBytes) + "\"";

        var answer = await RunAsync(app, TestStorage.NewClient(), Post(app, NewKey(), big), () => Task.FromResult(Results.Ok(++runs)));

        Assert.Equal(413, answer.Status);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task The_daily_purge_deletes_the_rows_of_keys_past_their_retention_pages_included_and_keeps_the_rest()
    {
        await using var app = await AppAsync();
        var client = TestStorage.NewClient();
        var payload = Convert.ToBase64String(RandomNumberGenerator.GetBytes(IdempotencyStore.RowBytes));
        var (old, recent) = (NewKey(), NewKey());
        await RunAsync(app, client, Post(app, old), () => Task.FromResult(Results.Ok(new { payload })));
        _clock.Advance(TimeSpan.FromHours(12));
        await RunAsync(app, client, Post(app, recent), () => Task.FromResult(Results.Ok()));
        Assert.Equal(3, (await RowsAsync(app, client)).Count);
        _clock.Advance(TimeSpan.FromHours(12));

        var timer = new Microsoft.Azure.Functions.Worker.TimerInfo();
        await app.Function<Endpoints.IdempotencyKeysPurge.IdempotencyKeysPurgeFunction>().RunAsync(timer, CancellationToken.None);

        var left = Assert.Single(await RowsAsync(app, client));
        Assert.Equal(IdempotencyKeyHeader.RowKey(recent), left.RowKey);
    }

    private static async Task<List<TableEntity>> RowsAsync(TestApp app, ClientId client)
    {
        var rows = new List<TableEntity>();
        var table = app.Services.GetRequiredService<BankflowStorage>().Table(StorageNames.IdempotencyKeysTable);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}")))
        {
            rows.Add(row);
        }
        return rows;
    }
}
