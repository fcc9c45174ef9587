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

    /// <summary>Where Sbanken sends the user back: this app's <c>/api/sbanken/callback</c> as the world sees it.</summary>
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

    public bool IsConfigured => AuthBaseUrl is not null && ApiBaseUrl is not null && !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret) && RedirectUri is not null;
}
