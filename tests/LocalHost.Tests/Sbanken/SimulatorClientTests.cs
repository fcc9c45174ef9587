using System.Diagnostics;
using System.Security.Cryptography;
using Bankflow.Domain.Access;
using Bankflow.Domain.Sbanken;
using Bankflow.Functions.Sbanken;
using Bankflow.LocalHost.Simulators.Sbanken;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bankflow.LocalHost.Tests.Sbanken;

/// <summary>The real client against the simulator over loopback HTTP: the contract, paging, faults.</summary>
public sealed class SimulatorClientTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private SbankenSimulator _sim = null!;

    private static readonly Uri Redirect = new("http://127.0.0.1:1/api/sbanken/callback");

    public async Task InitializeAsync()
    {
        _sim = await SbankenSimulator.StartAsync(Today);
        _sim.AllowRedirectUri(Redirect);
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private SbankenClient Client(int attempts = 3, int timeoutMs = 1000, int pageSize = 1000, string? clientId = null, string? secret = null, Uri? redirect = null) => new(
        new HttpClient(),
        new SbankenOptions
        {
            AuthBaseUrl = _sim.BaseAddress,
            ApiBaseUrl = _sim.BaseAddress,
            ClientId = clientId ?? _sim.ClientId,
            ClientSecret = secret ?? _sim.ClientSecret,
            RedirectUri = redirect ?? Redirect,
            MaxAttempts = attempts,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromMilliseconds(timeoutMs),
            PageSize = pageSize,
        },
        TimeProvider.System,
        NullLogger<SbankenClient>.Instance);

    private static readonly SbankenCaller App = new(SimulatedBank.CustomerId);

    [Fact]
    public async Task Accounts_come_with_number_name_type_and_booked_balance()
    {
        var accounts = await Client().GetAccountsAsync(App, CancellationToken.None);

        Assert.Equal([SimulatedBank.OperatingAccount, SimulatedBank.SalaryAccount, SimulatedBank.TaxAccount], accounts.Select(a => a.AccountNumber));
        var operating = _sim.Accounts[0];
        Assert.Equal(operating.Balance, accounts[0].Balance.Kroner);
        Assert.Equal(operating.Available, accounts[0].Available.Kroner);
        Assert.NotEqual(accounts[0].Balance, accounts[0].Available); // the reservation today
    }

    [Fact]
    public async Task Small_pages_are_followed_to_the_end()
    {
        _sim.MaxPageSize = 3;
        var lines = await Client(pageSize: 50).GetTransactionsAsync(App, "sim-acc-drift", Today.AddDays(-10), Today, CancellationToken.None);

        Assert.Equal(_sim.Accounts[0].Lines.Count, lines.Count);
        Assert.Equal(_sim.Accounts[0].Lines.Select(l => l.Text), lines.Select(l => l.Text));
        Assert.True(_sim.DataRequests >= (lines.Count + 2) / 3, $"{_sim.DataRequests} pages for {lines.Count} lines");
    }

    [Fact]
    public async Task The_historical_opening_balance_matches_the_banks_own_history()
    {
        var client = Client();
        var start = Today.AddDays(-6);
        var now = (await client.GetAccountsAsync(App, CancellationToken.None))[0].Balance;
        var lines = await client.GetTransactionsAsync(App, "sim-acc-drift", start, Today, CancellationToken.None);

        var account = _sim.Accounts[0];
        var expected = account.OpeningBalance + account.Lines.Where(l => !l.IsReservation && l.AccountingDate < start).Sum(l => l.Amount);
        Assert.Equal(expected, HistoricalBalance.OpeningBalance(now, start, lines).Kroner);
    }

    [Fact]
    public async Task A_429_with_Retry_After_a_500_and_a_slow_answer_are_each_retried()
    {
        var client = Client(attempts: 4, timeoutMs: 300);
        await client.GetAccountsAsync(App, CancellationToken.None); // token cached
        _sim.Faults.Enqueue(SimulatedFault.TooManyRequests(1));
        _sim.Faults.Enqueue(SimulatedFault.ServerError());
        _sim.Faults.Enqueue(SimulatedFault.Slow(TimeSpan.FromSeconds(5)));
        var before = _sim.DataRequests;
        var watch = Stopwatch.StartNew();

        var lines = await client.GetTransactionsAsync(App, "sim-acc-lonn", Today.AddDays(-10), Today, CancellationToken.None);

        Assert.Single(lines);
        Assert.Equal(4, _sim.DataRequests - before);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), "the Retry-After of one second was not honoured");
        Assert.True(_sim.Faults.IsEmpty);
    }

    [Fact]
    public async Task When_every_attempt_fails_the_client_gives_up_with_a_transient_error()
    {
        var client = Client(attempts: 2);
        _sim.Faults.Enqueue(SimulatedFault.ServerError());
        _sim.Faults.Enqueue(SimulatedFault.ServerError());

        var ex = await Assert.ThrowsAsync<SbankenApiException>(() => client.GetAccountsAsync(App, CancellationToken.None));

        Assert.True(ex.Transient);
        Assert.Equal(500, ex.Status);
    }

    [Fact]
    public async Task A_code_is_exchanged_once_and_the_users_token_lists_the_accounts()
    {
        var client = Client();
        var verifier = NewVerifier();
        var (code, state) = await OnboardingBrowser.SignInAtSbankenAsync(client.AuthorizationUrl("acme-as.some-state-value-123456", Pkce.Challenge(verifier)));
        Assert.Equal("acme-as.some-state-value-123456", state);

        var user = await client.ExchangeCodeAsync(code, verifier, Redirect, CancellationToken.None);
        Assert.Equal(SimulatedBank.CustomerId, user.CustomerId);
        Assert.Equal(3, (await client.GetAccountsAsync(new SbankenCaller(user.CustomerId, user.AccessToken), CancellationToken.None)).Count);

        var replay = await Assert.ThrowsAsync<SbankenApiException>(() => client.ExchangeCodeAsync(code, verifier, Redirect, CancellationToken.None));
        Assert.Equal(400, replay.Status);
    }

    private static string NewVerifier() => Pkce.Verifier(RandomNumberGenerator.GetBytes(32));

    /// <summary>What the authorisation endpoint answers a browser: its status and where (if anywhere) it redirects.</summary>
    private static async Task<(int Status, Uri? Location)> AuthorizeAsync(Uri url)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(url);
        return ((int)response.StatusCode, response.Headers.Location);
    }

    [Theory]
    [InlineData("no challenge")]
    [InlineData("plain")]
    [InlineData("not base64url")]
    [InlineData("unregistered redirect")]
    [InlineData("unknown client")]
    public async Task An_authorisation_request_without_S256_PKCE_or_with_an_unregistered_redirect_is_refused_without_a_redirect(string flaw)
    {
        var challenge = Pkce.Challenge(NewVerifier());
        var good = Client().AuthorizationUrl("acme-as.some-state-value-123456", challenge).AbsoluteUri;
        Assert.Equal(302, (await AuthorizeAsync(new Uri(good))).Status);

        var bad = flaw switch
        {
            "no challenge" => good.Replace("&code_challenge=" + challenge + "&code_challenge_method=S256", "", StringComparison.Ordinal),
            "plain" => good.Replace("code_challenge_method=S256", "code_challenge_method=plain", StringComparison.Ordinal),
            "not base64url" => good.Replace("code_challenge=" + challenge, "code_challenge=" + challenge[..^1] + "%3D", StringComparison.Ordinal),
            "unregistered redirect" => Client(redirect: new Uri("http://127.0.0.1:2/api/sbanken/callback")).AuthorizationUrl("acme-as.some-state-value-123456", challenge).AbsoluteUri,
            _ => Client(clientId: "someone-else").AuthorizationUrl("acme-as.some-state-value-123456", challenge).AbsoluteUri,
        };
        Assert.NotEqual(good, bad);

        var (status, location) = await AuthorizeAsync(new Uri(bad));

        Assert.Equal(400, status);
        Assert.Null(location);
    }

    [Theory]
    [InlineData("another verifier")]
    [InlineData("no verifier")]
    [InlineData("another redirect")]
    [InlineData("another client")]
    public async Task A_code_is_refused_to_anyone_but_the_sign_in_it_was_issued_to_and_is_gone_after(string thief)
    {
        var verifier = NewVerifier();
        var (code, _) = await OnboardingBrowser.SignInAtSbankenAsync(Client().AuthorizationUrl("acme-as.some-state-value-123456", Pkce.Challenge(verifier)));
        var other = new Uri("http://127.0.0.1:3/api/sbanken/callback");
        var secret = _sim.RegisterClient("other-app-" + thief.Replace(' ', '-'), other);
        _sim.AllowRedirectUri(other);

        var ex = await Assert.ThrowsAsync<SbankenApiException>(() => thief switch
        {
            "another verifier" => Client().ExchangeCodeAsync(code, NewVerifier(), Redirect, CancellationToken.None),
            "no verifier" => Client().ExchangeCodeAsync(code, "", Redirect, CancellationToken.None),
            "another redirect" => Client().ExchangeCodeAsync(code, verifier, other, CancellationToken.None),
            _ => Client(clientId: "other-app-another-client", secret: secret, redirect: Redirect).ExchangeCodeAsync(code, verifier, Redirect, CancellationToken.None),
        });
        Assert.Equal(400, ex.Status);
        Assert.False(ex.Transient);

        // Single use even when the first redemption failed: the rightful owner must sign in again.
        Assert.Equal(400, (await Assert.ThrowsAsync<SbankenApiException>(() => Client().ExchangeCodeAsync(code, verifier, Redirect, CancellationToken.None))).Status);
    }
}
