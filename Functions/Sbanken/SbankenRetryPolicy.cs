using System.Net;
using System.Net.Http.Headers;

namespace Bankflow.Functions.Sbanken;

/// <summary>
/// When to try a Sbanken request again, and after how long. Retries 429, 408 and 5xx and timeouts; never
/// other 4xx (a bad request stays bad). The delay honours Retry-After (seconds or a date) when the bank
/// sends one; otherwise exponential backoff from <see cref="SbankenOptions.BaseDelay"/>, capped at
/// <see cref="SbankenOptions.MaxDelay"/>, with jitter (half to full delay) so many accounts retrying at
/// once do not hit the bank in step.
/// </summary>
public sealed class SbankenRetryPolicy(SbankenOptions options, Func<double> random)
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2, 3, …); null when the bank asks for a longer wait than we allow.</summary>
    public TimeSpan? DelayBefore(int nextAttempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter is not null)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : TimeSpan.Zero);
            if (wait < TimeSpan.Zero)
            {
                wait = TimeSpan.Zero;
            }
            return wait > options.MaxRetryAfter ? null : wait;
        }
        var exponent = Math.Min(nextAttempt - 2, 20);
        var backoff = Math.Min(options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxDelay.TotalMilliseconds);
        var factor = 0.5 + (0.5 * Math.Clamp(random(), 0, 1));
        return TimeSpan.FromMilliseconds(backoff * factor);
    }
}
