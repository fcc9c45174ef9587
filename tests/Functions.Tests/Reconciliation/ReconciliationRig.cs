using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Endpoints.ReconcileClient;
using Bankflow.Functions.Endpoints.ReconciliationMatches;
using Bankflow.Functions.Endpoints.ReconciliationOpenItems;
using Bankflow.Functions.Endpoints.ReconciliationPostingProposals;
using Bankflow.Functions.Endpoints.ReconciliationSummary;
using Bankflow.Functions.Endpoints.ReconciliationUnmatched;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Reconciliation;

/// <summary>
/// The app on the test Azurite for one fresh client: HTTP calls routed to the reconciliation functions as the host routes
/// them, bank files imported through ImportBankFile, the client's reconcile-requests run through ReconcileClient as the host
/// would, and the client's events taken off bank-events. Tests share the queues, so every read takes only this client's
/// messages and leaves the others where they were.
/// </summary>
internal sealed class ReconciliationRig : IAsyncDisposable
{
    public static readonly DateOnly Day = new(2026, 3, 10);

    private ReconciliationRig(TestApp app)
    {
        App = app;
        Client = TestStorage.NewClient();
        Token = app.Token(Client, "accountant-1");
    }

    public TestApp App { get; }

    public ClientId Client { get; }

    public string Token { get; }

    public BankflowStorage Storage => App.Services.GetRequiredService<BankflowStorage>();

    public static async Task<ReconciliationRig> StartAsync(AzuriteFixture azurite) =>
        new(await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Bankflow:Events:Transport"] = "StorageQueue" }));

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>An API call, e.g. <c>("POST", "matches/m…/confirm")</c> below <c>/api/clients/{client}/</c>.</summary>
    public Task<Answer> CallAsync(string method, string path, object? body = null, string? token = null, string? ifMatch = null, ClientId? client = null) =>
        CallRawAsync(method, path, body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body), token, ifMatch, client);

    public async Task<Answer> CallRawAsync(string method, string path, byte[]? body, string? token = null, string? ifMatch = null, ClientId? client = null)
    {
        var clientId = (client ?? Client).Value;
        var context = App.Request(method, $"/api/clients/{clientId}/{path}", token ?? Token, body is null ? null : new MemoryStream(body), body?.Length);
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
        }
        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }
        var segments = path.Split('?')[0].Split('/').Select(Uri.UnescapeDataString).ToArray();
        string? At(int i) => segments.Length > i ? segments[i] : null;
        Task<IResult> run = segments[0] switch
        {
            "open-items" => App.Function<OpenItemsFunction>().RunAsync(context.Request, clientId, At(1)),
            "matches" => App.Function<MatchesFunction>().RunAsync(context.Request, clientId, At(1), At(2)),
            "unmatched" => App.Function<UnmatchedFunction>().RunAsync(context.Request, clientId),
            "posting-proposals" => App.Function<PostingProposalsFunction>().RunAsync(context.Request, clientId),
            "reconciliation" => App.Function<ReconciliationSummaryFunction>().RunAsync(context.Request, clientId),
            _ => throw new ArgumentException($"no reconciliation function serves {path}", nameof(path)),
        };
        return await TestApp.AnswerAsync(context, run);
    }

    /// <summary>An open item as the ERP sends it (amount in øre).</summary>
    public static object Item(string invoiceId, string customerId, string customerName, long amount, string? kid = null, string? invoiceNumber = null) => new
    {
        invoiceId,
        customerId,
        customerName,
        invoiceNumber,
        kid,
        amount,
        currency = "NOK",
        invoiceDate = "2026-02-20",
        dueDate = "2026-03-06",
    };

    public async Task UploadAsync(params object[] items)
    {
        var answer = await CallAsync("PUT", "open-items", new { items });
        Assert.True(answer.Status == 200, answer.Body);
    }

    /// <summary>Drops the file in the inbox and runs ImportBankFile on it, as the blob trigger does; returns the import id.</summary>
    public async Task<string> ImportAsync(string name, byte[] content)
    {
        var blob = Storage.Container(StorageNames.InboxContainer).GetBlobClient($"{Client.Value}/dnb/{name}");
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        await App.Function<ImportBankFileFunction>().RunAsync(blob, Client.Value, "dnb", name, CancellationToken.None);
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    /// <summary>Takes this client's reconcile-requests off the queue (how many there were).</summary>
    public async Task<int> TakeRequestsAsync() =>
        (await TakeAsync(StorageNames.ReconcileRequestsQueue, text => ReconcileRequests.Read(text) == Client)).Count;

    /// <summary>Runs ReconcileClient once for each of this client's requests, as the host would; returns how many ran.</summary>
    public async Task<int> RunRequestsAsync()
    {
        var requests = await TakeAsync(StorageNames.ReconcileRequestsQueue, text => ReconcileRequests.Read(text) == Client);
        foreach (var text in requests)
        {
            await App.Function<ReconcileClientFunction>().RunAsync(text, CancellationToken.None);
        }
        return requests.Count;
    }

    public Task<ReconcileRun> RunAsync() => Service<ReconcileClientUseCase>().RunAsync(Client, CancellationToken.None);

    /// <summary>Takes this client's events off bank-events: the CloudEvents, in the order sent.</summary>
    public async Task<List<JsonElement>> TakeEventsAsync()
    {
        var source = "/bankflow/clients/" + Client.Value;
        var texts = await TakeAsync(StorageNames.BankEventsTopic, text => JsonDocument.Parse(text).RootElement.GetProperty("source").GetString() == source);
        return [.. texts.Select(t => JsonDocument.Parse(t).RootElement.Clone())];
    }

    /// <summary>Every row of this client in a table, by row key.</summary>
    public async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Storage.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Client.Value}")))
        {
            rows.Add(row);
        }
        return [.. rows.OrderBy(r => r.RowKey, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Receives every visible message, deletes and returns the ones <paramref name="mine"/> accepts, and makes the others
    /// visible again at once (tests run one at a time, so nobody else reads meanwhile).
    /// </summary>
    private async Task<List<string>> TakeAsync(string queueName, Func<string, bool> mine)
    {
        var queue = Storage.Queue(queueName);
        var taken = new List<string>();
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
                if (Mine(mine, message.MessageText))
                {
                    taken.Add(message.MessageText);
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

    private static bool Mine(Func<string, bool> mine, string text)
    {
        try
        {
            return mine(text);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            return false; // someone else's message of another shape
        }
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
