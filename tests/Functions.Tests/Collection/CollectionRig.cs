using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.AgencyCaseFetches;
using Bankflow.Functions.Endpoints.AgencyCases;
using Bankflow.Functions.Endpoints.AgencyCaseUpdates;
using Bankflow.Functions.Endpoints.AgencySettlements;
using Bankflow.Functions.Endpoints.CollectionAgencies;
using Bankflow.Functions.Endpoints.CollectionCases;
using Bankflow.Functions.Endpoints.CollectionDailyRun;
using Bankflow.Functions.Endpoints.CollectionDunning;
using Bankflow.Functions.Endpoints.CollectionRegistration;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Endpoints.ReconciliationOpenItems;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Tests.Reconciliation;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Collection;

/// <summary>
/// The app on the test Azurite for one fresh client with two agencies configured (modhi, oldagency): accountant calls below
/// <c>/api/clients/{client}/</c> with the client's token, agency calls below <c>/api/agency/</c> signed as the agency would.
/// </summary>
internal sealed class CollectionRig : IAsyncDisposable
{
    public const string ModhiSecret = "modhi-test-secret-of-thirty-two-bytes-or-more";
    public const string OldSecret = "old-agency-test-secret-of-thirty-two-bytes!!";

    private CollectionRig(TestApp app)
    {
        App = app;
        Client = TestStorage.NewClient();
        Token = app.Token(Client, "accountant-1");
    }

    public TestApp App { get; }

    public ClientId Client { get; }

    public string Token { get; }

    public BankflowStorage Storage => App.Services.GetRequiredService<BankflowStorage>();

    public static async Task<CollectionRig> StartAsync(AzuriteFixture azurite) =>
        new(await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Bankflow:Events:Transport"] = "StorageQueue",
            ["Bankflow:Collection:Agencies:modhi:Secret"] = ModhiSecret,
            ["Bankflow:Collection:Agencies:oldagency:Secret"] = OldSecret,
        }));

    /// <summary>An accountant call below <c>/api/clients/{client}/</c>.</summary>
    public async Task<Answer> CallAsync(string method, string path, object? body = null, string? idempotencyKey = null, ClientId? client = null)
    {
        var clientId = (client ?? Client).Value;
        var bytes = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body);
        var context = App.Request(method, $"/api/clients/{clientId}/{path}", Token, bytes is null ? null : new MemoryStream(bytes), bytes?.Length);
        if (bytes is not null)
        {
            context.Request.ContentType = "application/json";
        }
        if (idempotencyKey is not null)
        {
            context.Request.Headers["Idempotency-Key"] = idempotencyKey;
        }
        var segments = path.Split('?')[0].Split('/');
        string? At(int i) => segments.Length > i ? segments[i] : null;
        var run = (At(0), At(1)) switch
        {
            ("open-items", _) => App.Function<OpenItemsFunction>().RunAsync(context.Request, clientId, At(1)),
            ("collection", "registration") => App.Function<CollectionRegistrationFunction>().RunAsync(context.Request, clientId),
            ("collection", "agencies") => App.Function<CollectionAgenciesFunction>().RunAsync(context.Request, clientId, At(2), At(3)),
            ("collection", "dunning") => App.Function<CollectionDunningFunction>().RunAsync(context.Request, clientId, At(2)!),
            ("collection", "cases") => App.Function<CollectionCasesFunction>().RunAsync(context.Request, clientId, At(2), At(3)),
            ("collection", "daily-run") => App.Function<CollectionDailyRunFunction>().RunAsync(context.Request, clientId),
            _ => throw new ArgumentException($"no function serves {path}", nameof(path)),
        };
        return await TestApp.AnswerAsync(context, run);
    }

    /// <summary>How an agency signs a call (the knobs let a test break one part).</summary>
    public sealed record Signing(string AgencyId = "modhi", string? Secret = null, DateTimeOffset? At = null, string? Signature = null, string? IdempotencyKey = "new",
        Guid? ClientKey = null);

    /// <summary>An agency call below <c>/api/agency/</c>, signed with the agency's secret now (unless <paramref name="signing"/> says otherwise).</summary>
    public async Task<Answer> AgencyAsync(Guid clientKey, string path, object? body = null, Signing? signing = null)
    {
        signing ??= new Signing();
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body);
        var full = "/api/agency/" + path;
        var at = (signing.At ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var secret = Encoding.UTF8.GetBytes(signing.Secret ?? (signing.AgencyId == "oldagency" ? OldSecret : ModhiSecret));
        var context = App.Request("POST", full, null, new MemoryStream(bytes), bytes.Length);
        context.Request.ContentType = "application/json";
        context.Request.Headers[AgencySignature.AgencyHeader] = signing.AgencyId;
        context.Request.Headers[AgencySignature.ClientKeyHeader] = (signing.ClientKey ?? clientKey).ToString("D");
        context.Request.Headers[AgencySignature.TimestampHeader] = at.ToString(CultureInfo.InvariantCulture);
        var idempotencyKey = signing.IdempotencyKey == "new" ? Guid.NewGuid().ToString("N") : signing.IdempotencyKey;
        context.Request.Headers[AgencySignature.SignatureHeader] = signing.Signature ?? AgencySignature.Sign(secret, at, "POST", full, idempotencyKey, bytes);
        if (idempotencyKey is not null)
        {
            context.Request.Headers["Idempotency-Key"] = idempotencyKey;
        }
        var segments = path.Split('/');
        var run = segments[0] switch
        {
            "case-fetches" => App.Function<AgencyCaseFetchesFunction>().RunAsync(context.Request),
            "cases" => App.Function<AgencyCasesFunction>().RunAsync(context.Request, segments[1], segments[2]),
            "settlements" => App.Function<AgencySettlementsFunction>().RunAsync(context.Request),
            "case-updates" => App.Function<AgencyCaseUpdatesFunction>().RunAsync(context.Request),
            _ => throw new ArgumentException($"no agency function serves {path}", nameof(path)),
        };
        return await TestApp.AnswerAsync(context, run);
    }

    /// <summary>The seed's registration form (Delante AS).</summary>
    public static object Registration(string organisationNumber = "917757046", string bankAccount = "15038059359") => new
    {
        organisationNumber,
        companyName = "Delante AS",
        address = new { line1 = "Smedstusvingen 18", postcode = "1480", city = "Slattum" },
        bankAccount,
        vatDeduction = true,
        contact = new { firstName = "Thomas", lastName = "Thorsen", email = "thomas.thorsen@delante.no", phone = "95071642" },
        agreementConfirmed = true,
    };

    /// <summary>Registered, with an active integration of the agency in the mode; returns its client key.</summary>
    public async Task<Guid> ActivateAsync(string agencyId = "modhi", string mode = "automatic", bool mayCreateCases = true, object? settings = null)
    {
        var registered = await CallAsync("PUT", "collection/registration", Registration());
        Assert.True(registered.Status == 200, registered.Body);
        var created = await CallAsync("POST", $"collection/agencies/{agencyId}", settings ?? new { mode, mayCreateCases });
        Assert.True(created.Status == 201, created.Body);
        var activated = await CallAsync("POST", $"collection/agencies/{agencyId}/activate");
        Assert.True(activated.Status == 200, activated.Body);
        return Guid.Parse(created.Json.GetProperty("clientKey").GetString()!);
    }

    public static object Item(string invoiceId, long amount, string dueDate = "2026-03-06", string? kid = null) => new
    {
        invoiceId,
        customerId = "C1",
        customerName = "Fjord AS",
        invoiceNumber = "10045",
        kid,
        amount,
        currency = "NOK",
        invoiceDate = "2026-02-20",
        dueDate,
    };

    public async Task UploadAsync(params object[] items)
    {
        var answer = await CallAsync("PUT", "open-items", new { items });
        Assert.True(answer.Status == 200, answer.Body);
    }

    /// <summary>
    /// The bank's camt.054 of the debtor's payments imported as the blob trigger does, then a reconciliation run of the
    /// client (what the reconcile-requests trigger does after an import).
    /// </summary>
    public async Task PayAsync(string messageId, DateOnly date, params Credit[] credits)
    {
        var content = CamtCredits.Notification(messageId, date, credits);
        var blob = Storage.Container(StorageNames.InboxContainer).GetBlobClient($"{Client.Value}/dnb/{messageId}.xml");
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        await App.Function<ImportBankFileFunction>().RunAsync(blob, Client.Value, "dnb", messageId + ".xml", CancellationToken.None);
        var run = await App.Services.GetRequiredService<ReconcileClientUseCase>().RunAsync(Client, CancellationToken.None);
        Assert.Equal(ReconcileRunState.Ran, run.State);
    }

    public async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Storage.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Client.Value}")))
        {
            rows.Add(row);
        }
        return [.. rows.OrderBy(r => r.RowKey, StringComparer.Ordinal)];
    }

    /// <summary>A settlement body as the agency sends it (amounts in øre).</summary>
    public static object Settlement(string settlementId, string invoiceId, long principal, long interest, long commission, long fees, long net) => new
    {
        settlementId,
        invoiceId,
        date = "2026-04-02",
        principal,
        interest,
        commission,
        fees,
        net,
        paymentReference = "2026040200001",
    };

    /// <summary>Takes this client's events off bank-events (others' messages are made visible again at once).</summary>
    public async Task<List<JsonElement>> TakeEventsAsync()
    {
        var source = "/bankflow/clients/" + Client.Value;
        var queue = Storage.Queue(StorageNames.BankEventsTopic);
        var taken = new List<JsonElement>();
        var others = new List<(string Id, string Receipt)>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            if (batch.Length == 0)
            {
                break;
            }
            foreach (var message in batch.OrderBy(m => m.InsertedOn))
            {
                JsonElement? json = null;
                try
                {
                    json = JsonDocument.Parse(message.MessageText).RootElement.Clone();
                }
                catch (JsonException)
                {
                }
                if (json is { } e && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("source", out var s) && s.GetString() == source)
                {
                    taken.Add(e);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                else
                {
                    others.Add((message.MessageId, message.PopReceipt));
                }
            }
        }
        foreach (var (id, receipt) in others)
        {
            await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.Zero);
        }
        return taken;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
