using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bankflow.Domain.Access;
using Bankflow.Domain.Sbanken;
using Bankflow.Functions.Sbanken.Contract;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Sbanken;

/// <summary>Who a data call is made for: the user's own token (onboarding) or the app's token for a customer.</summary>
/// <param name="CustomerId">The Sbanken customer (from the authorisation), sent with the app token.</param>
/// <param name="UserAccessToken">The user's token from the code exchange; null to use the app's client-credentials token.</param>
public sealed record SbankenCaller(string CustomerId, string? UserAccessToken = null);

/// <summary>The result of the user's authorisation: their token and the customer they act for.</summary>
public sealed record SbankenAuthorisation(string AccessToken, string CustomerId);

/// <summary>
/// Sbanken over HTTP (contract in <see cref="Contract.SbankenPaths"/>): the app's client-credentials token
/// (cached until shortly before it expires), the user's authorisation-code exchange, accounts, and
/// transactions per account and date range with paging. Every request has its own timeout and is retried
/// per <see cref="SbankenRetryPolicy"/>. Thread-safe; one per process.
/// </summary>
public sealed partial class SbankenClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly SbankenOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SbankenClient> _logger;
    private readonly SbankenRetryPolicy _retry;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _appToken;

    public SbankenClient(HttpClient http, SbankenOptions options, TimeProvider time, ILogger<SbankenClient> logger, Func<double>? random = null)
    {
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _retry = new SbankenRetryPolicy(options, random ?? Random.Shared.NextDouble);
    }

    /// <summary>Requests sent, retries included (for tests and the run report).</summary>
    public int RequestCount => _requestCount;

    private int _requestCount;

    /// <summary>
    /// The URL the user's browser is sent to: Sbanken's sign-in with BankID, coming back to the configured redirect URI
    /// with code and state. Carries the PKCE challenge (S256) of the verifier kept with the state.
    /// </summary>
    public Uri AuthorizationUrl(string state, string codeChallenge)
    {
        var query = string.Join('&',
            "response_type=code",
            "client_id=" + Uri.EscapeDataString(Require(_options.ClientId, "ClientId")),
            "redirect_uri=" + Uri.EscapeDataString(Require(_options.RedirectUri, "RedirectUri").ToString()),
            "scope=" + Uri.EscapeDataString(_options.Scope),
            "state=" + Uri.EscapeDataString(state),
            "code_challenge=" + Uri.EscapeDataString(codeChallenge),
            "code_challenge_method=" + Pkce.Method);
        return new Uri(Require(_options.AuthBaseUrl, "AuthBaseUrl"), SbankenPaths.Authorize + "?" + query);
    }

    /// <summary>
    /// Exchanges the authorisation code with the sign-in's PKCE verifier and the redirect URI it was started with
    /// (single use at Sbanken: a retry after a lost answer fails with 400, as does a code from another sign-in).
    /// </summary>
    public async Task<SbankenAuthorisation> ExchangeCodeAsync(string code, string codeVerifier, Uri redirectUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var token = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.ToString(),
            ["code_verifier"] = codeVerifier,
        }, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token.CustomerId))
        {
            throw new SbankenContractException("the token answer to the code exchange has no customer_id");
        }
        return new SbankenAuthorisation(token.AccessToken!, token.CustomerId);
    }

    public async Task<IReadOnlyList<OfferedAccount>> GetAccountsAsync(SbankenCaller caller, CancellationToken cancellationToken)
    {
        var response = await GetJsonAsync<AccountsResponse>(caller, SbankenPaths.Accounts, cancellationToken).ConfigureAwait(false);
        return (response.Items ?? []).Select(SbankenContractMapping.ToOffered).ToList();
    }

    /// <summary>Every line (reservations included; the caller decides) with accounting date in [from, to], all pages.</summary>
    public async Task<IReadOnlyList<SbankenTransaction>> GetTransactionsAsync(SbankenCaller caller, string accountId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var lines = new List<SbankenTransaction>();
        var index = 0;
        while (true)
        {
            var path = string.Create(CultureInfo.InvariantCulture,
                $"{SbankenPaths.TransactionsPrefix}{Uri.EscapeDataString(accountId)}?startDate={from:yyyy-MM-dd}&endDate={to:yyyy-MM-dd}&index={index}&length={_options.PageSize}");
            var page = await GetJsonAsync<TransactionsResponse>(caller, path, cancellationToken).ConfigureAwait(false);
            var items = page.Items ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                lines.Add(SbankenContractMapping.ToTransaction(items[i], $"transactions item {index + i}"));
            }
            index += items.Count;
            // The bank may send fewer than asked (its own page limit): go on until availableItems are read.
            if (items.Count == 0 || index >= page.AvailableItems)
            {
                if (index < page.AvailableItems)
                {
                    throw new SbankenContractException($"the bank announced {page.AvailableItems} transactions but sent an empty page at index {index}");
                }
                return lines;
            }
        }
    }

    private async Task<T> GetJsonAsync<T>(SbankenCaller caller, string path, CancellationToken cancellationToken)
    {
        var bearer = caller.UserAccessToken ?? await AppTokenAsync(cancellationToken).ConfigureAwait(false);
        var uri = new Uri(Require(_options.ApiBaseUrl, "ApiBaseUrl"), path);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (caller.UserAccessToken is null)
            {
                request.Headers.TryAddWithoutValidation(SbankenPaths.CustomerIdHeader, caller.CustomerId);
            }
            return request;
        }, RouteOf(path), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, RouteOf(path), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> AppTokenAsync(CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_appToken is { } cached && cached.ExpiresAt > _time.GetUtcNow())
            {
                return cached.Token;
            }
            var token = await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, cancellationToken).ConfigureAwait(false);
            // Renew a minute early so a token never expires between check and use.
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, (token.ExpiresIn ?? 300) - 60));
            _appToken = (token.AccessToken!, _time.GetUtcNow() + lifetime);
            return token.AccessToken!;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private async Task<TokenResponse> TokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var uri = new Uri(Require(_options.AuthBaseUrl, "AuthBaseUrl"), SbankenPaths.Token);
        // Sbanken's identity server wants the id and secret URL-encoded before the Basic encoding.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Uri.EscapeDataString(Require(_options.ClientId, "ClientId")) + ":" + Uri.EscapeDataString(Require(_options.ClientSecret, "ClientSecret"))));
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }, "token", cancellationToken).ConfigureAwait(false);
        var token = await ReadAsync<TokenResponse>(response, "token", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token.AccessToken))
        {
            throw new SbankenContractException("the token answer has no access_token");
        }
        return token;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string route, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            HttpResponseMessage? response = null;
            string failure;
            RetryConditionHeaderValue? retryAfter = null;
            Interlocked.Increment(ref _requestCount);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }
                var status = response.StatusCode;
                if (!SbankenRetryPolicy.IsTransient(status))
                {
                    response.Dispose();
                    throw new SbankenApiException($"Sbanken refused {route} with {(int)status} {status}", (int)status, transient: false);
                }
                retryAfter = response.Headers.RetryAfter;
                failure = $"{(int)status} {status}";
                if (attempt >= _options.MaxAttempts)
                {
                    response.Dispose();
                    throw new SbankenApiException($"Sbanken answered {route} with {failure} on all {attempt} attempts", (int)status, transient: true);
                }
                response.Dispose();
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                failure = $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s";
                if (attempt >= _options.MaxAttempts)
                {
                    throw new SbankenApiException($"Sbanken gave {route} {failure} on all {attempt} attempts", null, transient: true, ex);
                }
            }
            catch (HttpRequestException ex)
            {
                response?.Dispose();
                failure = "connection failed";
                if (attempt >= _options.MaxAttempts)
                {
                    throw new SbankenApiException($"Sbanken could not be reached for {route} on all {attempt} attempts", null, transient: true, ex);
                }
            }
            var delay = _retry.DelayBefore(attempt + 1, retryAfter, _time.GetUtcNow());
            if (delay is null)
            {
                throw new SbankenApiException($"Sbanken asked to wait longer than {_options.MaxRetryAfter.TotalSeconds:0} s before retrying {route}", 429, transient: true);
            }
            LogRetry(_logger, route, attempt, failure, delay.Value.TotalMilliseconds);
            await Task.Delay(delay.Value, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string route, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
                   ?? throw new SbankenContractException($"Sbanken answered {route} with an empty body");
        }
        catch (JsonException ex)
        {
            // Not ex.Message: it names our .NET contract types, and this text reaches clients and notifications.
            throw new SbankenContractException($"Sbanken answered {route} with JSON that does not fit the contract: {Bankflow.Functions.Http.JsonBody.Describe(ex)}");
        }
    }

    /// <summary>The path without ids and query, for logs (account ids are not personal data, but keep logs tidy).</summary>
    private static string RouteOf(string path) =>
        path.StartsWith(SbankenPaths.TransactionsPrefix, StringComparison.Ordinal) ? "transactions" : path.Split('?')[0];

    private static T Require<T>(T? value, string name) where T : class =>
        value ?? throw new InvalidOperationException($"Bankflow:Sbanken:{name} is not configured");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sbanken {Route} attempt {Attempt} failed ({Failure}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string route, int attempt, string failure, double delayMs);
}
