using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bankflow.Domain.Dnb;
using Bankflow.Domain.Values;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bankflow.LocalHost.Simulators.Dnb;

/// <summary>
/// A small DNB on loopback: its ordering wizard (bestillingsveileder). Opening the wizard link "completes" the order at
/// once — the accountant's steps in the online bank are taken as done — and DNB's callback is sent to Bankflow, signed
/// with the shared secret as <see cref="DnbCallbackSignature"/> defines. <c>&amp;simulate=kid-mismatch</c> or
/// <c>&amp;simulate=failure</c> on the link (or <see cref="Outcome"/>) makes DNB register another KID setup or refuse.
/// </summary>
public sealed class DnbSimulator : IAsyncDisposable
{
    public const string WizardPath = "/bedrift/bestillingsveileder";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private DnbSentCallback? _last;

    private DnbSimulator(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri WizardUrl => new(BaseAddress, WizardPath.TrimStart('/'));

    /// <summary>Fresh per simulator; local only.</summary>
    public string Secret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Bankflow's <c>/api/dnb/callback</c>; set once the host is up.</summary>
    public Uri? CallbackUrl { get; set; }

    public DnbSimulatedOutcome Outcome { get; set; } = DnbSimulatedOutcome.Registered;

    public ConcurrentQueue<DnbSentCallback> Sent { get; } = new();

    public static async Task<DnbSimulator> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var simulator = new DnbSimulator(app);
        app.MapGet(WizardPath, (Delegate)simulator.WizardAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        simulator.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>The handler's <c>Bankflow:Dnb:*</c> settings (environment form) pointing at this simulator.</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings() => new Dictionary<string, string>
    {
        ["Bankflow__Dnb__WizardUrl"] = WizardUrl.ToString(),
        ["Bankflow__Dnb__CallbackSecret"] = Secret,
    };

    /// <summary>Opens a wizard link as the accountant's browser would; returns the simulator's answer (what the callback got).</summary>
    public static async Task<JsonElement> OpenWizardAsync(Uri wizardUrl, string? simulate = null, CancellationToken cancellationToken = default)
    {
        using var browser = new HttpClient();
        var url = simulate is null ? wizardUrl : new Uri(wizardUrl + "&simulate=" + Uri.EscapeDataString(simulate));
        using var response = await browser.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"the DNB wizard answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Sends the last callback again, freshly signed (what DNB does when it did not see an answer).</summary>
    public Task<DnbSentCallback> ResendLastAsync(CancellationToken cancellationToken = default) =>
        SendAsync(_last?.Body ?? throw new InvalidOperationException("no callback sent yet"), cancellationToken);

    private async Task<IResult> WizardAsync(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var request = DnbWizardLink.Read(query);
        if (request is null || CallbackUrl is null)
        {
            return Results.BadRequest(new { error = request is null ? "the link is not a DNB order link" : "no callback URL configured" });
        }
        var outcome = query.GetValueOrDefault("simulate") switch
        {
            "kid-mismatch" => DnbSimulatedOutcome.KidMismatch,
            "failure" => DnbSimulatedOutcome.Failure,
            _ => Outcome,
        };
        var sent = await SendAsync(Body(request, outcome), context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { completed = true, outcome = outcome.ToString(), callbackStatus = sent.Status, callbackAnswer = AsJson(sent.Answer) });
    }

    private static JsonElement? AsJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Body(DnbWizardRequest request, DnbSimulatedOutcome outcome)
    {
        var callbackId = "dnb-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        if (outcome == DnbSimulatedOutcome.Failure)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new
            {
                callbackId,
                state = request.State,
                status = "failed",
                reason = "the account authority (kontofullmakt) was not signed in the online bank",
            }, Json);
        }
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            callbackId,
            state = request.State,
            status = "registered",
            accounts = request.Lines.Select(l => new
            {
                accountNumber = l.Account.Value,
                // Deterministic per account, so a run's report is the same each time.
                avtaleId = "44" + l.Account.Value[4..],
                divisionName = "DNB Bedrift Oslo",
                divisionNumber = "0551",
                ocr = l.Services.HasFlag(DnbServices.Ocr) && request.KidSetup is { } kid ? Ocr(kid, outcome == DnbSimulatedOutcome.KidMismatch) : null,
            }),
        }, Json);
    }

    private static object Ocr(KidSetup kid, bool mismatch) => new
    {
        kidLength = mismatch ? Math.Min(kid.Length + 1, Kid.MaxLength) : kid.Length,
        kidCheck = KidSetup.CheckName(mismatch ? (kid.Check == KidCheck.Mod10 ? KidCheck.Mod11 : KidCheck.Mod10) : kid.Check),
    };

    private async Task<DnbSentCallback> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var message = new HttpRequestMessage(HttpMethod.Post, CallbackUrl) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        message.Headers.Add(DnbCallbackSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add(DnbCallbackSignature.SignatureHeader, DnbCallbackSignature.Sign(Encoding.UTF8.GetBytes(Secret), timestamp, body));
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var sent = new DnbSentCallback(body, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        _last = sent;
        Sent.Enqueue(sent);
        return sent;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
