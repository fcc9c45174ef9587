using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bankflow.LocalHost.Simulators.Modhi;

/// <summary>
/// A small Modhi (collection agency) on loopback, calling Bankflow's agency API as the agency does (docs/collection.md): every
/// call signed with the secret Bankflow holds for <see cref="AgencyId"/> (<see cref="AgencySignature"/>), every POST with an
/// Idempotency-Key, and a retry signed anew (a new timestamp, the same key). It fetches a client's approved cases, answers
/// each with a receipt carrying its case number (<c>M-</c> and a sequence), reports statuses, sends settlements with their
/// figures, pulls case updates, and pays a settlement's net amount — as the bank file the client's bank would deliver
/// (<see cref="ModhiPaymentFile"/>). Its own books are served at <c>GET /modhi/cases</c>; <c>POST /modhi/clients/{clientKey}/fetch</c>
/// runs its daily fetch for one client by hand.
/// </summary>
public sealed class ModhiSimulator : IAsyncDisposable
{
    public const string AgencyId = "modhi";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, ModhiCase> _cases = new(StringComparer.Ordinal);
    // The last second each Idempotency-Key was signed in: a retry is signed in a later one.
    private readonly ConcurrentDictionary<string, long> _signedAt = new(StringComparer.Ordinal);
    // Distinct per simulator, so settlement ids and payment references of two runs on one storage never meet.
    private readonly string _run = Convert.ToHexString(RandomNumberGenerator.GetBytes(2));
    private int _caseSequence = 100;
    private int _settlementSequence;

    private ModhiSimulator(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Fresh per simulator (64 characters, over the 32-byte minimum); local only.</summary>
    public string Secret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Bankflow's base address (the host's HTTP front); set once the host is up.</summary>
    public Uri? BankflowUrl { get; set; }

    /// <summary>Every call sent, in order (retries included).</summary>
    public ConcurrentQueue<ModhiSentRequest> Sent { get; } = new();

    /// <summary>Modhi's books: the cases it registered, by invoice id.</summary>
    public IReadOnlyCollection<ModhiCase> Cases => [.. _cases.Values.OrderBy(c => c.CaseNumber, StringComparer.Ordinal)];

    public static async Task<ModhiSimulator> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var simulator = new ModhiSimulator(app);
        app.MapGet("/modhi/cases", () => Results.Json(simulator.Cases, Json));
        app.MapPost("/modhi/clients/{clientKey:guid}/fetch", async (Guid clientKey, CancellationToken ct) =>
            Results.Json(await simulator.FetchAndRegisterAsync(clientKey, ct).ConfigureAwait(false), Json));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        simulator.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>The handler's <c>Bankflow:Collection:Agencies:modhi:Secret</c> (environment form) for this simulator.</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings() => new Dictionary<string, string>
    {
        [$"Bankflow__Collection__Agencies__{AgencyId}__Secret"] = Secret,
    };

    /// <summary>
    /// The daily fetch: <c>POST /api/agency/case-fetches</c>, then a receipt with a new case number for each case fetched.
    /// Returns the cases registered (empty when Bankflow had none or refused; see <see cref="Sent"/>).
    /// </summary>
    public async Task<IReadOnlyList<ModhiCase>> FetchAndRegisterAsync(Guid clientKey, CancellationToken cancellationToken = default)
    {
        var fetch = await SendAsync(clientKey, "case-fetches", null, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!fetch.IsSuccess)
        {
            return [];
        }
        var registered = new List<ModhiCase>();
        foreach (var handed in fetch.Json.GetProperty("cases").EnumerateArray())
        {
            var invoiceId = handed.GetProperty("invoiceId").GetString()!;
            var caseNumber = "M-" + Interlocked.Increment(ref _caseSequence).ToString(CultureInfo.InvariantCulture);
            var receipt = await SendAsync(clientKey, $"cases/{Uri.EscapeDataString(invoiceId)}/receipt", new { caseNumber }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!receipt.IsSuccess)
            {
                continue;
            }
            var kid = handed.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            var registeredCase = new ModhiCase(clientKey, invoiceId, handed.GetProperty("invoiceNumber").GetString() ?? invoiceId, kid,
                handed.GetProperty("debtor").GetProperty("name").GetString() ?? "", handed.GetProperty("amount").GetInt64(), handed.GetProperty("dueDate").GetString()!, caseNumber);
            _cases[invoiceId] = registeredCase;
            registered.Add(registeredCase);
        }
        return registered;
    }

    /// <summary><c>POST /api/agency/cases/{invoiceId}/status</c>: notice-sent, payment-demand, legal-step or closed.</summary>
    public async Task<ModhiAnswer> SendStatusAsync(Guid clientKey, string invoiceId, string status, DateOnly date, string? text = null, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(clientKey, $"cases/{Uri.EscapeDataString(invoiceId)}/status", new { status, date = Day(date), text }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (answer.IsSuccess && _cases.TryGetValue(invoiceId, out var known))
        {
            _cases[invoiceId] = known with { Status = status };
        }
        return answer;
    }

    /// <summary>
    /// <c>POST /api/agency/settlements</c> for a case Modhi collected in full: the principal is the case's amount, the net what
    /// Modhi pays the client. The payment reference is a MOD10 KID, so the client's bank reports the payment with it.
    /// </summary>
    public async Task<ModhiSettlement> SettleAsync(Guid clientKey, string invoiceId, DateOnly date, long interest, long commission, long fees, CancellationToken cancellationToken = default)
    {
        var known = _cases.TryGetValue(invoiceId, out var c) ? c : throw new InvalidOperationException($"Modhi has no case for invoice {invoiceId}");
        var sequence = Interlocked.Increment(ref _settlementSequence);
        var settlementId = $"S-{date:yyyyMMdd}-{_run}-{sequence:D3}";
        var reference = Kid.WithCheckDigit($"{date:yyMMdd}{Convert.ToInt32(_run, 16):D5}{sequence:D3}", KidCheck.Mod10);
        var principal = known.Amount;
        var net = principal + interest - commission - fees;
        var answer = await SendAsync(clientKey, "settlements", new
        {
            settlementId,
            invoiceId,
            date = Day(date),
            principal,
            interest,
            commission,
            fees,
            net,
            paymentReference = reference,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (answer.IsSuccess)
        {
            _cases[invoiceId] = known with { Status = "settled" };
        }
        return new ModhiSettlement(settlementId, invoiceId, date, principal, interest, commission, fees, net, reference, answer);
    }

    /// <summary>
    /// <c>POST /api/agency/case-updates</c>: credit notes, direct payments and write-offs Bankflow queued for Modhi, applied to
    /// Modhi's own books as an agency would — a credit note or direct payment lowers what it collects (a negative one raises
    /// it again), a write-off ends the case — so a later settlement's principal is the balance both sides agree on.
    /// </summary>
    public async Task<ModhiAnswer> PullCaseUpdatesAsync(Guid clientKey, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(clientKey, "case-updates", null, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            return answer;
        }
        foreach (var update in answer.Json.GetProperty("updates").EnumerateArray())
        {
            if (!_cases.TryGetValue(update.GetProperty("invoiceId").GetString()!, out var known))
            {
                continue;
            }
            _cases[known.InvoiceId] = update.GetProperty("kind").GetString() switch
            {
                "write-off" => known with { Status = "written-off" },
                _ => known with { Amount = known.Amount - update.GetProperty("amount").GetInt64() },
            };
        }
        return answer;
    }

    /// <summary>
    /// One signed agency call below <c>/api/agency/</c>. A call Bankflow did not answer (connection lost, 5xx, 408, 429) is
    /// sent again up to twice, signed anew at least a second later with the same Idempotency-Key — the same signature twice
    /// is refused as a replay. <paramref name="tamper"/> breaks the call on purpose (tests).
    /// </summary>
    public async Task<ModhiAnswer> SendAsync(Guid clientKey, string path, object? body, string? idempotencyKey = null, ModhiTamper tamper = ModhiTamper.None,
        CancellationToken cancellationToken = default)
    {
        var url = BankflowUrl ?? throw new InvalidOperationException("no Bankflow URL configured");
        var pathAndQuery = "/api/agency/" + path;
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var key = idempotencyKey ?? "modhi-" + Guid.NewGuid().ToString("N");
        for (var attempt = 0; ; attempt++)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            while (_signedAt.TryGetValue(key, out var last) && timestamp <= last)
            {
                // A retry of the same request in the same second would carry the same signature: wait for the next second.
                await Task.Delay(TimeSpan.FromMilliseconds(1_000 - DateTimeOffset.UtcNow.Millisecond + 10), cancellationToken).ConfigureAwait(false);
                timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            }
            _signedAt[key] = timestamp;
            var signedAt = tamper == ModhiTamper.OldTimestamp ? timestamp - 360 : timestamp;
            var secret = Encoding.UTF8.GetBytes(tamper == ModhiTamper.Secret ? "not-modhis-secret-but-long-enough-to-sign-with" : Secret);
            var signature = AgencySignature.Sign(secret, signedAt, "POST", pathAndQuery, key, bytes);
            var sent = tamper == ModhiTamper.Body ? Flipped(bytes) : bytes;
            ModhiAnswer answer;
            try
            {
                answer = await PostAsync(new Uri(url, pathAndQuery), clientKey, signedAt, signature, key, sent, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < RetryDelays.Length)
            {
                await Task.Delay(RetryDelays[attempt], cancellationToken).ConfigureAwait(false);
                continue;
            }
            Sent.Enqueue(new ModhiSentRequest(clientKey, "POST", pathAndQuery, key, signedAt, signature, sent, answer));
            if (answer.Status is >= 500 or 408 or 429 && attempt < RetryDelays.Length)
            {
                await Task.Delay(RetryDelays[attempt], cancellationToken).ConfigureAwait(false);
                continue;
            }
            return answer;
        }
    }

    /// <summary>Sends the last call again byte for byte — its timestamp, signature and key (what an eavesdropper would replay).</summary>
    public Task<ModhiAnswer> ReplayLastAsync(CancellationToken cancellationToken = default)
    {
        var last = Sent.LastOrDefault() ?? throw new InvalidOperationException("no call sent yet");
        var url = BankflowUrl ?? throw new InvalidOperationException("no Bankflow URL configured");
        return PostAsync(new Uri(url, last.PathAndQuery), last.ClientKey, last.Timestamp, last.Signature, last.IdempotencyKey, last.Body, cancellationToken);
    }

    private async Task<ModhiAnswer> PostAsync(Uri url, Guid clientKey, long timestamp, string signature, string idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        message.Headers.Add(AgencySignature.AgencyHeader, AgencyId);
        message.Headers.Add(AgencySignature.ClientKeyHeader, clientKey.ToString("D"));
        message.Headers.Add(AgencySignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add(AgencySignature.SignatureHeader, signature);
        message.Headers.Add(AgencySignature.IdempotencyKeyHeader, idempotencyKey);
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new ModhiAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private static byte[] Flipped(byte[] body)
    {
        // An empty body gets a byte; otherwise the last byte changes (a JSON body stays the same length).
        if (body.Length == 0)
        {
            return "{}"u8.ToArray();
        }
        var copy = (byte[])body.Clone();
        var i = Array.FindLastIndex(copy, b => b is >= (byte)'0' and <= (byte)'8');
        copy[i < 0 ? copy.Length - 1 : i]++;
        return copy;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
