using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Bankflow.Domain.Dnb;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.DnbCallback;
using Bankflow.Functions.Endpoints.DnbOrders;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Functions.Tests.Remittance;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Dnb;

/// <summary>
/// The app with DNB configured, on the test Azurite, for one fresh client, with a clock the test moves: orders through
/// the DnbOrders function, callbacks signed as DNB signs them through the DnbCallback function, and the client's rows in
/// the tables a callback may write, for "nothing written" checks.
/// </summary>
internal sealed class DnbRig : IAsyncDisposable
{
    public const string Secret = "dnb-callback-secret-for-the-tests-0123456789";
    public const string WizardUrl = "https://dnb.test/bedrift/bestillingsveileder";

    /// <summary>DNB accounts (1503, 1506: DNB bank codes) and a Danske Bank one (8601).</summary>
    public static readonly string[] DnbAccounts = ["15032000018", "15032000026", "15032000034", "15063000040", "15063000059", "15063000067", "15032000077"];
    public const string DanskeAccount = "86011117947";

    private DnbRig(TestApp app, TestClock clock)
    {
        App = app;
        Clock = clock;
    }

    public TestApp App { get; }
    public TestClock Clock { get; }
    public ClientId Client { get; } = TestStorage.NewClient();
    public string Token => App.Token(Client, "accountant-1");

    public static async Task<DnbRig> StartAsync(AzuriteFixture azurite, bool configured = true)
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        var settings = configured
            ? new Dictionary<string, string?> { ["Bankflow:Dnb:WizardUrl"] = WizardUrl, ["Bankflow:Dnb:CallbackSecret"] = Secret }
            : [];
        return new DnbRig(await TestApp.StartAsync(azurite, settings, clock), clock);
    }

    /// <summary>Registers a bank account on the client (its agreement settings), ready for OCR unless told otherwise.</summary>
    public async Task RegisterAsync(string account, string ledger, Func<BankAgreement, BankAgreement>? change = null)
    {
        var agreement = new BankAgreement
        {
            BankAccount = AccountNumber.Parse(account),
            Bank = Bank.Dnb,
            PayoutService = PayoutService.BankIntegration,
            FeeLedgerAccount = LedgerAccount.Parse("7770"),
            LedgerAccount = LedgerAccount.Parse(ledger),
            KidInvoicingEnabled = true,
            IncomingServices = IncomingServices.NetsOcr,
            ValidFrom = new DateOnly(2026, 1, 1),
        };
        var stored = new StoredAgreement(Client, change is null ? agreement : change(agreement), OrganisationNumber.Parse("974760673"), "Eksempel AS", Pain001Version.V03, Clock.GetUtcNow());
        var write = await App.Services.GetRequiredService<AgreementStore>().SaveAsync(stored, null, CancellationToken.None);
        Assert.True(write.IsWritten);
    }

    public async Task<StoredAgreement> AgreementAsync(string account) =>
        (await App.Services.GetRequiredService<AgreementStore>().GetAsync(Client, AccountNumber.Parse(account), CancellationToken.None))!;

    public static string OrderJson(params (string Account, string[] Services, bool Rgb)[] lines) => JsonSerializer.Serialize(new
    {
        accounts = lines.Select(l => new { accountNumber = l.Account, services = l.Services, accountingApprovedPayments = l.Rgb }),
        feeLedgerAccount = "7770",
        kidSetup = new { length = 9, check = "mod10" },
    });

    public Task<Answer> OrderAsync(string json, string? token = null)
    {
        var context = App.Request("POST", $"/api/clients/{Client.Value}/dnb/orders", token ?? Token, new MemoryStream(Encoding.UTF8.GetBytes(json)));
        return TestApp.AnswerAsync(context, App.Function<DnbOrdersFunction>().RunAsync(context.Request, Client.Value, null));
    }

    public Task<Answer> GetOrderAsync(string? orderId = null)
    {
        var context = App.Request("GET", $"/api/clients/{Client.Value}/dnb/orders" + (orderId is null ? "" : "/" + orderId), Token);
        return TestApp.AnswerAsync(context, App.Function<DnbOrdersFunction>().RunAsync(context.Request, Client.Value, orderId));
    }

    /// <summary>Orders and returns the order id and the state from the wizard link (as DNB receives it).</summary>
    public async Task<(string OrderId, string State)> OrderOkAsync(params (string Account, string[] Services, bool Rgb)[] lines)
    {
        var answer = await OrderAsync(OrderJson(lines));
        Assert.True(answer.Status == 201, answer.Body);
        var wizard = new Uri(answer.Json.GetProperty("wizardUrl").GetString()!);
        var query = wizard.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
        return (answer.Json.GetProperty("order").GetProperty("orderId").GetString()!, DnbWizardLink.Read(query)!.State);
    }

    /// <summary>A registered callback body: each account with an AvtaleID and division, OCR ones with a KID setup.</summary>
    public static byte[] Registered(string state, string callbackId, params (string Account, int? KidLength, string? KidCheck)[] accounts) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            callbackId,
            state,
            status = "registered",
            accounts = accounts.Select((a, i) => new
            {
                accountNumber = a.Account,
                avtaleId = "44100877" + i.ToString("D2", CultureInfo.InvariantCulture),
                divisionName = "Bedrift Oslo",
                divisionNumber = "0551",
                ocr = a.KidLength is { } length ? new { kidLength = length, kidCheck = a.KidCheck } : null,
            }),
        });

    public static byte[] Failed(string state, string callbackId, string reason) =>
        JsonSerializer.SerializeToUtf8Bytes(new { callbackId, state, status = "failed", reason });

    public long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Posts a callback signed with <paramref name="secret"/> at <paramref name="timestamp"/> (default: the shared secret, now).</summary>
    public Task<Answer> CallbackAsync(byte[] body, long? timestamp = null, string secret = Secret, bool sign = true)
    {
        var context = App.Request("POST", "/api/dnb/callback", null, new MemoryStream(body), body.Length);
        var at = timestamp ?? Now;
        if (sign)
        {
            context.Request.Headers[DnbCallbackSignature.TimestampHeader] = at.ToString(CultureInfo.InvariantCulture);
            context.Request.Headers[DnbCallbackSignature.SignatureHeader] = DnbCallbackSignature.Sign(Encoding.UTF8.GetBytes(secret), at, body);
        }
        return TestApp.AnswerAsync(context, App.Function<DnbCallbackFunction>().RunAsync(context.Request));
    }

    /// <summary>The client's rows in every table a DNB order or callback writes, with their ETags: equal snapshots mean nothing was written.</summary>
    public async Task<List<string>> SnapshotAsync()
    {
        var storage = App.Services.GetRequiredService<BankflowStorage>();
        var rows = new List<string>();
        foreach (var table in new[] { StorageNames.AgreementsTable, StorageNames.DnbOrdersTable, StorageNames.NotificationsTable })
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Client.Value}")))
            {
                rows.Add($"{table}/{row.RowKey} {row.ETag} " + string.Join(";", row.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal).Select(k => $"{k}={row[k]}")));
            }
        }
        return rows;
    }

    public async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in App.Services.GetRequiredService<BankflowStorage>().Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Client.Value}")))
        {
            rows.Add(row);
        }
        return rows;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
