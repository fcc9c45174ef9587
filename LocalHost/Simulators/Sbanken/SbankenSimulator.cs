using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bankflow.LocalHost.Simulators.Sbanken;

/// <summary>
/// A small Sbanken on loopback speaking the contract Bankflow uses (Functions/Sbanken/Contract): the
/// authorisation endpoint (BankID is taken as done: it redirects straight back with code and state), the
/// token endpoint (client credentials and code exchange, HTTP Basic), accounts and paged transactions.
/// Deterministic data from <see cref="SimulatedBank"/>. Fault injection: queue faults in <see cref="Faults"/>
/// (429 with Retry-After, 500, slow answers), cap pages with <see cref="MaxPageSize"/>.
/// </summary>
public sealed class SbankenSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _userTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _appTokens = new(StringComparer.Ordinal);
    private int _dataRequests;
    private int _tokenRequests;

    private SbankenSimulator(WebApplication app, DateOnly today)
    {
        _app = app;
        Accounts = SimulatedBank.Create(today);
    }

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

    /// <summary>The handler's <c>Bankflow:Sbanken:*</c> settings (environment form) pointing at this simulator.</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings(Uri redirectUri) => new Dictionary<string, string>
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
        if (q["response_type"] != "code" || q["client_id"] != ClientId || string.IsNullOrEmpty(q["redirect_uri"]) || string.IsNullOrEmpty(q["state"]))
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _codes[code] = true;
        var redirect = $"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}";
        return Results.Redirect(redirect);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (!BasicAuthOk(context.Request.Headers.Authorization.ToString()))
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
                // Codes are single use, as at the real identity server.
                if (!_codes.TryRemove(form["code"].ToString(), out _))
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

    private bool BasicAuthOk(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && Uri.UnescapeDataString(text[..colon]) == ClientId && Uri.UnescapeDataString(text[(colon + 1)..]) == ClientSecret;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
