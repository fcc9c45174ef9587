using System.Diagnostics;
using System.Net;
using Bankflow.Functions.Sbanken;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bankflow.Functions.Tests.Sbanken;

public sealed class SbankenClientTests
{
    private static readonly SbankenCaller Caller = new("customer-1");

    private static SbankenOptions Options(int attempts = 4) => new()
    {
        AuthBaseUrl = new Uri("https://auth.example/"),
        ApiBaseUrl = new Uri("https://api.example/apibeta/"),
        ClientId = "id with space",
        ClientSecret = "s3cret",
        RedirectUri = new Uri("https://bankflow.example/api/sbanken/callback"),
        MaxAttempts = attempts,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        RequestTimeout = TimeSpan.FromMilliseconds(200),
        PageSize = 2,
    };

    private static SbankenClient Client(StubHandler stub, SbankenOptions? options = null) =>
        new(new HttpClient(stub), options ?? Options(), TimeProvider.System, NullLogger<SbankenClient>.Instance, () => 0.5);

    private const string OnePage = """{"availableItems":1,"items":[{"accountingDate":"2026-11-20T00:00:00","amount":-39.00,"text":"KAFFEBAR","isReservation":false}]}""";

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_that_wait()
    {
        var stub = new StubHandler(StubHandler.Token, StubHandler.Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1)), StubHandler.Json(OnePage));
        var watch = Stopwatch.StartNew();

        var lines = await Client(stub).GetTransactionsAsync(Caller, "acc-1", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), CancellationToken.None);

        Assert.Single(lines);
        Assert.Equal(3, stub.Requests.Count);
        // The backoff alone would be ~1 ms; the bank asked for a second.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {watch.Elapsed}");
    }

    [Fact]
    public async Task A_500_is_retried_and_gives_up_after_the_last_attempt_as_transient()
    {
        var stub = new StubHandler(StubHandler.Token,
            StubHandler.Status(HttpStatusCode.InternalServerError), StubHandler.Status(HttpStatusCode.BadGateway),
            StubHandler.Status(HttpStatusCode.ServiceUnavailable), StubHandler.Status(HttpStatusCode.InternalServerError));

        var ex = await Assert.ThrowsAsync<SbankenApiException>(() => Client(stub).GetAccountsAsync(Caller, CancellationToken.None));

        Assert.True(ex.Transient);
        Assert.Equal(500, ex.Status);
        Assert.Equal(5, stub.Requests.Count); // token + 4 attempts
        Assert.Contains("all 4 attempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_is_retried()
    {
        var stub = new StubHandler(StubHandler.Token, StubHandler.Hang(), StubHandler.Json(OnePage));

        var lines = await Client(stub).GetTransactionsAsync(Caller, "acc-1", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), CancellationToken.None);

        Assert.Single(lines);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Other_4xx_are_not_retried(HttpStatusCode status)
    {
        var stub = new StubHandler(StubHandler.Token, StubHandler.Status(status));

        var ex = await Assert.ThrowsAsync<SbankenApiException>(() => Client(stub).GetAccountsAsync(Caller, CancellationToken.None));

        Assert.False(ex.Transient);
        Assert.Equal((int)status, ex.Status);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Transactions_are_read_page_by_page_until_available_items_and_the_bank_may_send_short_pages()
    {
        var stub = new StubHandler(StubHandler.Token,
            StubHandler.Json("""{"availableItems":5,"items":[{"accountingDate":"2026-11-18T00:00:00","amount":1,"text":"a"},{"accountingDate":"2026-11-18T00:00:00","amount":2,"text":"b"}]}"""),
            StubHandler.Json("""{"availableItems":5,"items":[{"accountingDate":"2026-11-19T00:00:00","amount":3,"text":"c"}]}"""),
            StubHandler.Json("""{"availableItems":5,"items":[{"accountingDate":"2026-11-19T00:00:00","amount":4,"text":"d"},{"accountingDate":"2026-11-20T00:00:00","amount":5.25,"text":"e"}]}"""));

        var lines = await Client(stub).GetTransactionsAsync(Caller, "acc/1", new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 20), CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d", "e"], lines.Select(l => l.Text));
        Assert.Equal(525, lines[^1].Amount.Ore);
        Assert.Equal(
            [
                "/apibeta/api/v2/transactions/acc%2F1?startDate=2026-11-18&endDate=2026-11-20&index=0&length=2",
                "/apibeta/api/v2/transactions/acc%2F1?startDate=2026-11-18&endDate=2026-11-20&index=2&length=2",
                "/apibeta/api/v2/transactions/acc%2F1?startDate=2026-11-18&endDate=2026-11-20&index=3&length=2",
            ],
            stub.Requests.Skip(1).Select(r => r["GET ".Length..]));
    }

    [Fact]
    public async Task An_amount_with_three_decimals_breaks_the_contract_and_is_not_imported()
    {
        var stub = new StubHandler(StubHandler.Token, StubHandler.Json("""{"availableItems":1,"items":[{"accountingDate":"2026-11-20T00:00:00","amount":10.005,"text":"x"}]}"""));

        var ex = await Assert.ThrowsAsync<SbankenContractException>(() => Client(stub).GetTransactionsAsync(Caller, "a", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), CancellationToken.None));

        Assert.Contains("transactions item 0: amount", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.Transient);
    }

    [Fact]
    public async Task The_app_token_is_fetched_once_with_url_encoded_basic_credentials_and_the_customer_header_is_sent()
    {
        HttpRequestMessage? tokenRequest = null;
        HttpRequestMessage? dataRequest = null;
        var stub = new StubHandler(
            (r, c) => { tokenRequest = r; return StubHandler.Token(r, c); },
            (r, c) => { dataRequest = r; return StubHandler.Json("""{"availableItems":0,"items":[]}""")(r, c); },
            StubHandler.Json("""{"availableItems":0,"items":[]}"""));
        var client = Client(stub);

        await client.GetAccountsAsync(Caller, CancellationToken.None);
        await client.GetAccountsAsync(Caller, CancellationToken.None);

        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal("POST /identityserver/connect/token", stub.Requests[0]);
        var basic = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(tokenRequest!.Headers.Authorization!.Parameter!));
        Assert.Equal("id%20with%20space:s3cret", basic);
        Assert.Equal("Bearer", dataRequest!.Headers.Authorization!.Scheme);
        Assert.Equal("customer-1", dataRequest.Headers.GetValues("customerId").Single());
    }

    [Fact]
    public void The_authorization_url_carries_client_redirect_scope_state_and_the_PKCE_challenge()
    {
        var url = Client(new StubHandler()).AuthorizationUrl("acme.s+t/ate", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        Assert.Equal("https://auth.example/identityserver/connect/authorize?response_type=code&client_id=id%20with%20space&redirect_uri=https%3A%2F%2Fbankflow.example%2Fapi%2Fsbanken%2Fcallback&scope=openid%20accounts%20transactions&state=acme.s%2Bt%2Fate"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
            url.AbsoluteUri);
    }

    [Fact]
    public async Task The_code_exchange_sends_the_verifier_and_the_sign_ins_redirect_uri()
    {
        string? form = null;
        var stub = new StubHandler(async (request, cancellationToken) =>
        {
            form = await request.Content!.ReadAsStringAsync(cancellationToken);
            return await StubHandler.Json("""{"access_token":"user-token","expires_in":3600,"customer_id":"customer-1"}""")(request, cancellationToken);
        });

        var user = await Client(stub).ExchangeCodeAsync("the-code", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", new Uri("https://bankflow.example/api/sbanken/callback"), CancellationToken.None);

        Assert.Equal("customer-1", user.CustomerId);
        Assert.Equal("grant_type=authorization_code&code=the-code&redirect_uri=https%3A%2F%2Fbankflow.example%2Fapi%2Fsbanken%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", form);
    }

    [Theory]
    [InlineData("https://bankflow.example/api/sbanken/callback", null)]
    [InlineData("http://127.0.0.1:7071/api/sbanken/callback", null)]
    [InlineData("http://localhost:7071/api/sbanken/callback", null)]
    [InlineData("http://bankflow.example/api/sbanken/callback", "https")]
    [InlineData("https://bankflow.example/api/sbanken/callback#x", "fragment")]
    [InlineData("https://user:pw@bankflow.example/api/sbanken/callback", "user info")]
    public void A_redirect_uri_must_be_https_or_loopback_without_fragment_or_user_info(string redirect, string? problem)
    {
        var options = Options();
        options.RedirectUri = new Uri(redirect);

        Assert.Equal(problem is null, options.IsConfigured);
        if (problem is not null)
        {
            Assert.Contains(problem, SbankenOptions.RedirectUriProblem(options.RedirectUri), StringComparison.Ordinal);
        }
    }
}
