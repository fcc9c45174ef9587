using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bankflow.LocalHost.Simulators.Sbanken;

/// <summary>
/// Plays the accountant's browser through a Sbanken onboarding against Bankflow's HTTP API and the simulator:
/// start → Sbanken's sign-in (the simulator redirects straight back) → callback → accounts → complete.
/// Used by the end-to-end tests and the local run's demo.
/// </summary>
public sealed class OnboardingBrowser(HttpClient bankflow, string functionKey, string clientToken)
{
    private static readonly HttpClient Browser = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public Task<HttpResponseMessage> StartAsync(string clientId, CancellationToken cancellationToken = default) =>
        bankflow.SendAsync(Request(HttpMethod.Post, $"/api/clients/{clientId}/sbanken/onboarding"), cancellationToken);

    /// <summary>Opens the authorisation URL; returns the code and state of Sbanken's redirect back.</summary>
    public static async Task<(string Code, string State)> SignInAtSbankenAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        var location = await RedirectBackAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
        var query = location.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);
        return (query["code"], query["state"]);
    }

    /// <summary>Opens the authorisation URL; returns where Sbanken sends the browser back (the redirect URI with code and state).</summary>
    public static async Task<Uri> RedirectBackAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        using var response = await Browser.GetAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
        return response.Headers.Location
               ?? throw new InvalidOperationException($"Sbanken did not redirect back ({(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)})");
    }

    /// <summary>
    /// Start, sign in and follow Sbanken's redirect wherever it points, as a real browser does (no Bankflow credentials):
    /// the sign-in only completes when the redirect URI Bankflow was configured with reaches this Bankflow.
    /// </summary>
    public async Task<HttpResponseMessage> StartSignInAndReturnAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var authorizationUrl = await AuthorizationUrlAsync(clientId, cancellationToken).ConfigureAwait(false);
        var back = await RedirectBackAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
        return await Browser.GetAsync(back, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts an onboarding; returns the authorisation URL Bankflow answers with.</summary>
    public async Task<Uri> AuthorizationUrlAsync(string clientId, CancellationToken cancellationToken = default)
    {
        using var start = await StartAsync(clientId, cancellationToken).ConfigureAwait(false);
        start.EnsureSuccessStatusCode();
        var json = await start.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return new Uri(json.GetProperty("authorizationUrl").GetString()!);
    }

    /// <summary>The callback as the browser makes it (no Bankflow credentials: the state is the credential).</summary>
    public Task<HttpResponseMessage> CallbackAsync(string? code, string? state, CancellationToken cancellationToken = default) =>
        bankflow.GetAsync($"/api/sbanken/callback?code={Uri.EscapeDataString(code ?? "")}&state={Uri.EscapeDataString(state ?? "")}", cancellationToken);

    public Task<HttpResponseMessage> AccountsAsync(string clientId, CancellationToken cancellationToken = default) =>
        bankflow.SendAsync(Request(HttpMethod.Get, $"/api/clients/{clientId}/sbanken/onboarding/accounts"), cancellationToken);

    public Task<HttpResponseMessage> CompleteAsync(string clientId, object body, CancellationToken cancellationToken = default)
    {
        var request = Request(HttpMethod.Post, $"/api/clients/{clientId}/sbanken/onboarding/complete");
        // Buffered with a Content-Length: the Functions host forwards a body only when it has one.
        request.Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        return bankflow.SendAsync(request, cancellationToken);
    }

    /// <summary>Start and sign in; returns the code and state for the callback.</summary>
    public async Task<(string Code, string State)> StartAndSignInAsync(string clientId, CancellationToken cancellationToken = default) =>
        await SignInAtSbankenAsync(await AuthorizationUrlAsync(clientId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", functionKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientToken);
        return request;
    }
}
