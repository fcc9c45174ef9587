using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bankflow.Domain.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bankflow.LocalHost.Simulators.Sbanken;

/// <summary>
/// A small Sbanken on loopback speaking the contract Bankflow uses (Functions/Sbanken/Contract): the
/// authorisation endpoint (BankID is taken as done: it redirects straight back with code and state), the
/// token endpoint (client credentials and code exchange, HTTP Basic), accounts and paged transactions.
/// It holds clients to the rules of an OAuth server: a client's redirect URIs are registered
/// (<see cref="AllowRedirectUri"/>, and <see cref="HandlerSettings"/> registers the one it hands out) and an
/// authorisation request naming any other is refused without a redirect; PKCE S256 is required (RFC 7636); a code
/// is single use, short-lived, and redeemable only by the client it was issued to, with the same redirect URI and
/// the verifier of its challenge.
/// Deterministic data from <see cref="SimulatedBank"/>. Fault injection: queue faults in <see cref="Faults"/>
/// (429 with Retry-After, 500, slow answers), cap pages with <see cref="MaxPageSize"/>.
/// </summary>
public sealed class SbankenSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RegisteredClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _userTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _appTokens = new(StringComparer.Ordinal);
    private int _dataRequests;
    private int _tokenRequests;

    private SbankenSimulator(WebApplication app, DateOnly today)
    {
        _app = app;
        Accounts = SimulatedBank.Create(today);
        _clients[ClientId] = new RegisteredClient(ClientSecret);
    }

    /// <summary>An OAuth client as registered at the identity server: its secret and the redirect URIs it may use.</summary>
    private sealed record RegisteredClient(string Secret)
    {
        public ConcurrentDictionary<string, byte> RedirectUris { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A code as issued: to which client, for which redirect URI and PKCE challenge, until when.</summary>
    private sealed record IssuedCode(string ClientId, string RedirectUri, string CodeChallenge, DateTimeOffset ExpiresAt);

    /// <summary>How long a code may wait for its exchange (IdentityServer's default is five minutes).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public Uri BaseAddress { get; private set; } = null!;

    public string ClientId { get; } = "bankflow-sim-client";

    /// <summary>Fresh per simulator; local only.</summary>
    public string ClientSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public IReadOnlyList<SimulatedAccount> Accounts { get; }

    public ConcurrentQueue<SimulatedFault> Faults { get; } = new();

    /// <summary>The most transactions one page holds, whatever the client asks (Sbanken's own cap).</summary>
    public int MaxPageSize { get; set; } = 1000;

    public int DataRequests => _dataRequests;

    public int TokenRequests => _tokenRequests;

    public static async Task<SbankenSimulator> StartAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var simulator = new SbankenSimulator(app, today);
        app.MapGet("/identityserver/connect/authorize", (Delegate)simulator.Authorize);
        app.MapPost("/identityserver/connect/token", (Delegate)simulator.TokenAsync);
        app.MapGet("/api/v2/accounts", (Delegate)simulator.AccountsAsync);
        app.MapGet("/api/v2/transactions/{accountId}", (Delegate)simulator.TransactionsAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        simulator.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>Registers <paramref name="redirectUri"/> for the client (exact match, as Sbanken's client registration).</summary>
    public void AllowRedirectUri(Uri redirectUri, string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        _clients[clientId ?? ClientId].RedirectUris[redirectUri.ToString()] = 0;
    }

    /// <summary>Registers another OAuth client (a second app at the same bank); returns its secret.</summary>
    public string RegisterClient(string clientId, Uri redirectUri)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        if (!_clients.TryAdd(clientId, new RegisteredClient(secret)))
        {
            throw new InvalidOperationException($"client '{clientId}' is registered already");
        }
        AllowRedirectUri(redirectUri, clientId);
        return secret;
    }

    /// <summary>
    /// The handler's <c>Bankflow:Sbanken:*</c> settings (environment form) pointing at this simulator, with
    /// <paramref name="redirectUri"/> registered for the simulator's client.
    /// </summary>
    public IReadOnlyDictionary<string, string> HandlerSettings(Uri redirectUri)
    {
        AllowRedirectUri(redirectUri);
        return HandlerSettingsFor(redirectUri);
    }

    private Dictionary<string, string> HandlerSettingsFor(Uri redirectUri) => new()
    {
        ["Bankflow__Sbanken__AuthBaseUrl"] = BaseAddress.ToString(),
        ["Bankflow__Sbanken__ApiBaseUrl"] = BaseAddress.ToString(),
        ["Bankflow__Sbanken__ClientId"] = ClientId,
        ["Bankflow__Sbanken__ClientSecret"] = ClientSecret,
        ["Bankflow__Sbanken__RedirectUri"] = redirectUri.ToString(),
    };

    private IResult Authorize(HttpContext context)
    {
        var q = context.Request.Query;
        var redirect = q["redirect_uri"].ToString();
        // An unknown client or an unregistered redirect URI is answered here, never by a redirect: sending the code to
        // an address nobody registered is how codes leak (RFC 6749 §4.1.2.1).
        if (!_clients.TryGetValue(q["client_id"].ToString(), out var client) || !client.RedirectUris.ContainsKey(redirect))
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "unknown client or redirect_uri not registered for it" });
        }
        if (q["response_type"] != "code" || string.IsNullOrEmpty(q["state"]))
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }
        var challenge = q["code_challenge"].ToString();
        if (q["code_challenge_method"] != Pkce.Method || !CanonicalBase64Url.TryDecode(challenge, out var digest) || digest.Length != 32)
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "PKCE with code_challenge_method=S256 is required" });
        }
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _codes[code] = new IssuedCode(q["client_id"].ToString(), redirect, challenge, DateTimeOffset.UtcNow + CodeLifetime);
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (AuthenticatedClient(context.Request.Headers.Authorization.ToString()) is not { } clientId)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        switch (form["grant_type"].ToString())
        {
            case "client_credentials":
                _appTokens[token] = 0;
                return Results.Json(new Dictionary<string, object> { ["access_token"] = token, ["expires_in"] = 3600, ["token_type"] = "Bearer" });
            case "authorization_code":
                // Single use, as at the real identity server: the code is gone on its first redemption, good or bad.
                if (!_codes.TryRemove(form["code"].ToString(), out var issued) ||
                    issued.ExpiresAt <= DateTimeOffset.UtcNow ||
                    issued.ClientId != clientId ||
                    issued.RedirectUri != form["redirect_uri"].ToString() ||
                    !Pkce.Verifies(form["code_verifier"].ToString(), issued.CodeChallenge))
                {
                    return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                }
                _userTokens[token] = SimulatedBank.CustomerId;
                return Results.Json(new Dictionary<string, object>
                {
                    ["access_token"] = token, ["expires_in"] = 3600, ["token_type"] = "Bearer", ["customer_id"] = SimulatedBank.CustomerId,
                });
            default:
                return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }
    }

    private async Task<IResult> AccountsAsync(HttpContext context)
    {
        if (await GateAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var items = Accounts.Select(a => new
        {
            accountId = a.AccountId,
            accountNumber = a.AccountNumber,
            ownerCustomerId = SimulatedBank.CustomerId,
            name = a.Name,
            accountType = a.AccountType,
            available = a.Available,
            balance = a.Balance,
            creditLimit = 0m,
        }).ToList();
        return Results.Json(new { availableItems = items.Count, items });
    }

    private async Task<IResult> TransactionsAsync(HttpContext context, string accountId)
    {
        if (await GateAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var account = Accounts.FirstOrDefault(a => a.AccountId == accountId);
        if (account is null)
        {
            return Results.Json(new { errorType = "NotFound", errorMessage = "unknown account" }, statusCode: 404);
        }
        var q = context.Request.Query;
        if (!DateOnly.TryParseExact(q["startDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ||
            !DateOnly.TryParseExact(q["endDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            return Results.Json(new { errorType = "BadRequest", errorMessage = "startDate and endDate (yyyy-MM-dd) are required" }, statusCode: 400);
        }
        var index = int.TryParse(q["index"], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;
        var length = int.TryParse(q["length"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 1000;
        var matching = account.Lines.Where(x => x.AccountingDate >= start && x.AccountingDate <= end).ToList();
        var page = matching.Skip(index).Take(Math.Min(length, MaxPageSize)).Select(x => new
        {
            accountingDate = x.AccountingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00",
            interestDate = x.AccountingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00",
            amount = x.Amount,
            text = x.Text,
            transactionType = x.TransactionType,
            transactionTypeCode = x.TransactionTypeCode,
            transactionTypeText = x.TransactionType,
            otherAccountNumber = x.OtherAccountNumber,
            isReservation = x.IsReservation,
            source = x.IsReservation ? "AccountStatement" : "Archive",
        }).ToList();
        return Results.Json(new { availableItems = matching.Count, items = page });
    }

    /// <summary>Authentication and the next injected fault, for every data-API request.</summary>
    private async Task<IResult?> GateAsync(HttpContext context)
    {
        Interlocked.Increment(ref _dataRequests);
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        var appCall = _appTokens.ContainsKey(token) && context.Request.Headers["customerId"] == SimulatedBank.CustomerId;
        if (!appCall && !_userTokens.ContainsKey(token))
        {
            return Results.Json(new { errorType = "Unauthorized" }, statusCode: 401);
        }
        if (Faults.TryDequeue(out var fault))
        {
            if (fault.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return Results.StatusCode(499);
                }
            }
            if (fault.Status != 200)
            {
                if (fault.RetryAfter is { } after)
                {
                    context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }
                return Results.Json(new { errorType = "Simulated", errorMessage = $"simulated {fault.Status}" }, statusCode: fault.Status);
            }
        }
        return null;
    }

    /// <summary>The registered client HTTP Basic authenticates (id and secret URL-encoded first, as Sbanken wants), or null.</summary>
    private string? AuthenticatedClient(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }
            var id = Uri.UnescapeDataString(text[..colon]);
            return _clients.TryGetValue(id, out var client) && client.Secret == Uri.UnescapeDataString(text[(colon + 1)..]) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
