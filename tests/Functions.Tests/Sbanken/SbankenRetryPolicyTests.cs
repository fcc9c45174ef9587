using System.Net;
using System.Net.Http.Headers;
using Bankflow.Functions.Sbanken;

namespace Bankflow.Functions.Tests.Sbanken;

public sealed class SbankenRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    private static SbankenOptions Options => new() { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), MaxRetryAfter = TimeSpan.FromMinutes(2) };

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Only_429_408_and_5xx_are_transient(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, SbankenRetryPolicy.IsTransient(status));

    [Fact]
    public void Backoff_doubles_per_attempt_up_to_the_cap_with_jitter_between_half_and_full()
    {
        var full = new SbankenRetryPolicy(Options, () => 1.0);
        var half = new SbankenRetryPolicy(Options, () => 0.0);

        Assert.Equal(TimeSpan.FromSeconds(1), full.DelayBefore(2, null, Now));
        Assert.Equal(TimeSpan.FromSeconds(2), full.DelayBefore(3, null, Now));
        Assert.Equal(TimeSpan.FromSeconds(4), full.DelayBefore(4, null, Now));
        Assert.Equal(TimeSpan.FromSeconds(30), full.DelayBefore(9, null, Now)); // 128 s capped
        Assert.Equal(TimeSpan.FromSeconds(2), half.DelayBefore(4, null, Now));
    }

    [Fact]
    public void Retry_After_in_seconds_or_as_a_date_is_honoured_and_too_long_a_wait_gives_up()
    {
        var policy = new SbankenRetryPolicy(Options, () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(7), policy.DelayBefore(2, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now));
        Assert.Equal(TimeSpan.FromSeconds(90), policy.DelayBefore(2, new RetryConditionHeaderValue(Now.AddSeconds(90)), Now));
        Assert.Equal(TimeSpan.Zero, policy.DelayBefore(2, new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now));
        Assert.Null(policy.DelayBefore(2, new RetryConditionHeaderValue(TimeSpan.FromMinutes(5)), Now));
    }
}
