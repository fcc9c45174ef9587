namespace Bankflow.Functions.Sbanken;

/// <summary>
/// <c>Bankflow:Sbanken:*</c> settings. The secret comes from Key Vault in Azure (a Key Vault reference app
/// setting) and from the simulator in local runs; it is never logged.
/// </summary>
public sealed class SbankenOptions
{
    /// <summary>Identity server base, e.g. https://auth.sbanken.no/.</summary>
    public Uri? AuthBaseUrl { get; set; }

    /// <summary>Data API base, e.g. https://publicapi.sbanken.no/apibeta/.</summary>
    public Uri? ApiBaseUrl { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>
    /// Where Sbanken sends the user back: this app's <c>/api/sbanken/callback</c> as the world sees it, registered with
    /// Sbanken for <see cref="ClientId"/>. Must be absolute https (http only to a loopback address, for local runs),
    /// without user info or fragment (RFC 6749 §3.1.2, RFC 8252 §7.3); anything else leaves the integration unconfigured.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    public string Scope { get; set; } = "openid accounts transactions";

    /// <summary>Per-request timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First backoff delay; doubles per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is not waited for inside one invocation: the fetch fails and a later run catches up.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Transactions asked for per page (<c>length</c>); the bank may send fewer.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How long an onboarding's state (the OAuth round trip through BankID) is valid.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a pending onboarding (accounts offered, not completed) is kept.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromHours(2);

    public bool IsConfigured => AuthBaseUrl is not null && ApiBaseUrl is not null && !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret) && RedirectUriProblem(RedirectUri) is null;

    /// <summary>Why <paramref name="redirect"/> cannot be a redirect URI (null when it can): the code would travel in clear or to the wrong place.</summary>
    public static string? RedirectUriProblem(Uri? redirect) => redirect switch
    {
        null => "RedirectUri is not set",
        { IsAbsoluteUri: false } => "RedirectUri must be an absolute URI",
        _ when redirect.Fragment.Length > 0 => "RedirectUri must not have a fragment",
        _ when redirect.UserInfo.Length > 0 => "RedirectUri must not carry user info",
        _ when redirect.Scheme == Uri.UriSchemeHttps => null,
        _ when redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback => null,
        _ => "RedirectUri must be https (http only to a loopback address)",
    };
}
