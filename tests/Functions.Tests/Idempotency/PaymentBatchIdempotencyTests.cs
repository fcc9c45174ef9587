using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.PaymentBatches;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Functions.Tests.Remittance;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Idempotency;

/// <summary>
/// Idempotency-Key on the payment-batch POSTs, through the HTTP function on Azurite: the answers a caller sees, and in
/// storage what was done (batches, outbox files) — once, however often and however concurrently the key comes.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PaymentBatchIdempotencyTests(AzuriteFixture azurite)
{
    private const int Racers = 24;
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    private async Task<(TestApp App, ClientId Client)> StartAsync(ApprovalMode approval = ApprovalMode.PostApproval)
    {
        var app = await TestApp.StartAsync(azurite, time: _clock);
        var client = TestStorage.NewClient();
        await SaveAgreementAsync(app, client, approval);
        return (app, client);
    }

    private static async Task SaveAgreementAsync(TestApp app, ClientId client, ApprovalMode approval = ApprovalMode.PostApproval)
    {
        var agreement = new StoredAgreement(
            client,
            new BankAgreement
            {
                BankAccount = AccountNumber.Parse(RemittanceHarness.Debtor),
                Bank = Bank.Dnb,
                AvtaleId = "DNB-4711",
                DnbDivision = new DnbDivision("Test AS", "001"),
                LedgerAccount = LedgerAccount.Parse("1920"),
                FeeLedgerAccount = LedgerAccount.Parse("7770"),
                ValidFrom = new DateOnly(2024, 1, 15),
                ApprovalMode = approval,
            },
            RemittanceHarness.Organisation,
            "Test AS",
            Domain.Iso20022.Pain.Pain001Version.V03,
            DateTimeOffset.UtcNow);
        var saved = await app.Services.GetRequiredService<AgreementSettings>().SaveAsync(agreement, ifMatch: null, CancellationToken.None);
        Assert.True(saved.IsSaved, string.Join("; ", saved.Errors.Select(e => e.Reason)));
    }

    /// <summary>A create body as the ERP sends it: fixed bytes, a date a few banking days ahead (still ahead a day later).</summary>
    private static string Body(params string[] endToEndIds)
    {
        var date = NorwegianBankCalendar.OnOrAfter(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(new
        {
            payments = endToEndIds.Select((id, i) => new
            {
                endToEndId = id,
                debtorAccount = RemittanceHarness.Debtor,
                creditorName = "Leverandør AS",
                creditorAccount = RemittanceHarness.Creditor,
                amount = 100m + i,
                requestedExecutionDate = date,
                text = "Faktura " + id,
            }),
        });
    }

    private static Task<Answer> PostAsync(TestApp app, ClientId client, string? key, string? body, string? batchId = null, string? action = null, ClientId? tokenFor = null)
    {
        var path = $"/api/clients/{client.Value}/payment-batches" + (batchId is null ? "" : "/" + batchId + "/" + action);
        var context = app.Request("POST", path, app.Token(tokenFor ?? client), body is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(body)));
        if (key is not null)
        {
            context.Request.Headers[IdempotencyKeyHeader.Name] = key;
        }
        return TestApp.AnswerAsync(context, app.Function<PaymentBatchesFunction>().RunAsync(context.Request, client.Value, batchId, action));
    }

    private static async Task<List<string>> BatchIdsAsync(TestApp app, ClientId client) =>
        [.. (await app.Services.GetRequiredService<PaymentBatchStore>().ListAsync(client, 100, CancellationToken.None)).Select(b => b.Batch.Batch.BatchId)];

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task The_same_key_and_body_get_the_first_201_again_byte_for_byte_and_one_batch_is_created()
    {
        var (app, client) = await StartAsync();
        await using var disposal = app;
        var key = NewKey();
        var body = Body("E-1", "E-2");

        var first = await PostAsync(app, client, key, body);
        var second = await PostAsync(app, client, key, body);
        var third = await PostAsync(app, client, key, body);

        Assert.Equal(201, first.Status);
        Assert.False(first.Headers.ContainsKey(IdempotencyKeyHeader.ReplayedHeader));
        foreach (var replay in new[] { second, third })
        {
            Assert.Equal(201, replay.Status);
            Assert.Equal(first.Body, replay.Body);
            Assert.Equal(first.ContentType, replay.ContentType);
            Assert.Equal(first.Headers.Location.ToString(), replay.Headers.Location.ToString());
            Assert.Equal("true", replay.Headers[IdempotencyKeyHeader.ReplayedHeader].ToString());
        }
        Assert.Equal([first.Json.GetProperty("batchId").GetString()!], await BatchIdsAsync(app, client));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_problem_json_and_creates_nothing()
    {
        var (app, client) = await StartAsync();
        await using var disposal = app;
        var key = NewKey();

        var first = await PostAsync(app, client, key, Body("E-1"));
        var other = await PostAsync(app, client, key, Body("E-2"));
        var reformatted = await PostAsync(app, client, key, Body("E-1").Replace(",", ", ", StringComparison.Ordinal));
        var elsewhere = await PostAsync(app, client, key, null, first.Json.GetProperty("batchId").GetString(), "send");

        Assert.Equal(201, first.Status);
        foreach (var refused in new[] { other, reformatted, elsewhere })
        {
            Assert.Equal(422, refused.Status);
            Assert.Equal("application/problem+json", refused.ContentType);
            Assert.True(refused.Json.GetProperty("errors").TryGetProperty(IdempotencyKeyHeader.Name, out _));
        }
        Assert.Single(await BatchIdsAsync(app, client));
        Assert.Null((await app.Services.GetRequiredService<PaymentBatchStore>().GetAsync(client, first.Json.GetProperty("batchId").GetString()!, CancellationToken.None))!.Batch.SentAt);
    }

    [Fact]
    public async Task Requests_racing_with_one_key_create_one_batch_and_the_others_get_409_or_the_first_answer()
    {
        var (app, client) = await StartAsync();
        await using var disposal = app;
        for (var round = 0; round < 2; round++)
        {
            var key = NewKey();
            var body = Body($"R{round}-1", $"R{round}-2");

            var answers = await RemittanceHarness.RaceAsync(Racers, racer => PostAsync(app, client, key, body));

            var executed = Assert.Single(answers, a => a.Status == 201 && !a.Headers.ContainsKey(IdempotencyKeyHeader.ReplayedHeader));
            Assert.All(answers.Where(a => a != executed), a =>
            {
                if (a.Status == 409)
                {
                    Assert.Equal("application/problem+json", a.ContentType);
                    Assert.Equal("1", a.Headers.RetryAfter.ToString());
                }
                else
                {
                    Assert.Equal(201, a.Status);
                    Assert.Equal(executed.Body, a.Body);
                }
            });
            Assert.Equal(round + 1, (await BatchIdsAsync(app, client)).Count);
            // Once the first has answered, every retry is the replay.
            Assert.Equal(executed.Body, (await PostAsync(app, client, key, body)).Body);
        }
    }

    [Fact]
    public async Task Keys_are_per_client_another_client_with_the_same_key_and_body_gets_its_own_batch()
    {
        var (app, a) = await StartAsync();
        await using var disposal = app;
        var b = TestStorage.NewClient();
        await SaveAgreementAsync(app, b);
        var key = NewKey();
        var body = Body("E-1");

        var forA = await PostAsync(app, a, key, body);
        var forB = await PostAsync(app, b, key, body);
        var againForA = await PostAsync(app, a, key, body);

        Assert.Equal(201, forA.Status);
        Assert.Equal(201, forB.Status);
        Assert.False(forB.Headers.ContainsKey(IdempotencyKeyHeader.ReplayedHeader));
        Assert.Equal(forA.Body, againForA.Body);
        Assert.Single(await BatchIdsAsync(app, a));
        Assert.Equal([forB.Json.GetProperty("batchId").GetString()!], await BatchIdsAsync(app, b));
    }

    [Fact]
    public async Task A_key_is_kept_for_24_hours_and_after_that_the_same_request_creates_again()
    {
        var (app, client) = await StartAsync();
        await using var disposal = app;
        var key = NewKey();

        var first = await PostAsync(app, client, key, Body("E-1"));
        _clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        var withinTheDay = await PostAsync(app, client, key, Body("E-1"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var nextDay = await PostAsync(app, client, key, Body("E-2"));

        Assert.Equal(first.Body, withinTheDay.Body);
        Assert.Equal(201, nextDay.Status);
        Assert.False(nextDay.Headers.ContainsKey(IdempotencyKeyHeader.ReplayedHeader));
        Assert.Equal(2, (await BatchIdsAsync(app, client)).Count);
    }

    [Fact]
    public async Task Without_a_key_each_request_creates_a_batch_as_before_and_a_token_for_another_client_is_still_403()
    {
        var (app, client) = await StartAsync();
        await using var disposal = app;

        var first = await PostAsync(app, client, null, Body("E-1"));
        var second = await PostAsync(app, client, null, Body("E-2"));
        var foreign = await PostAsync(app, client, NewKey(), Body("E-3"), tokenFor: TestStorage.NewClient());

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.Equal(403, foreign.Status);
        Assert.Equal(2, (await BatchIdsAsync(app, client)).Count);
        Assert.Empty(await KeyRowsAsync(app, client));
    }

    [Fact]
    public async Task Authorise_and_send_with_a_key_answer_the_first_answer_again_and_write_one_outbox_file()
    {
        var (app, client) = await StartAsync(ApprovalMode.AccountingApproved);
        await using var disposal = app;
        var batchId = (await PostAsync(app, client, null, Body("E-1"))).Json.GetProperty("batchId").GetString()!;
        var authorisation = JsonSerializer.Serialize(new { bankIdReference = "bankid-1" });
        var (authoriseKey, sendKey) = (NewKey(), NewKey());

        var authorised = await PostAsync(app, client, authoriseKey, authorisation, batchId, "authorise");
        var authorisedAgain = await PostAsync(app, client, authoriseKey, authorisation, batchId, "authorise");
        var sent = await PostAsync(app, client, sendKey, null, batchId, "send");
        var sentAgain = await PostAsync(app, client, sendKey, null, batchId, "send");
        var sentWithoutKey = await PostAsync(app, client, null, null, batchId, "send");

        Assert.Equal(200, authorised.Status);
        Assert.Equal(authorised.Body, authorisedAgain.Body);
        Assert.Equal(200, sent.Status);
        Assert.False(sent.Json.GetProperty("repeated").GetBoolean());
        // Without the key the service sees a second send (and says so); with it nothing ran again.
        Assert.Equal(sent.Body, sentAgain.Body);
        Assert.True(sentWithoutKey.Json.GetProperty("repeated").GetBoolean());
        var outbox = new List<string>();
        await foreach (var blob in app.Services.GetRequiredService<BankflowStorage>().Container(StorageNames.OutboxContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, client.Value + "/", default))
        {
            outbox.Add(blob.Name);
        }
        Assert.Single(outbox);
    }

    private static async Task<List<TableEntity>> KeyRowsAsync(TestApp app, ClientId client)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in app.Services.GetRequiredService<BankflowStorage>().Table(StorageNames.IdempotencyKeysTable)
                           .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}")))
        {
            rows.Add(row);
        }
        return rows;
    }
}
