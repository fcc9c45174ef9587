using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Tests.Remittance;

public sealed class OsloClockTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    // 23:30 UTC on 22 November is 00:30 on 23 November in Oslo (CET, +1).
    [InlineData("2026-11-22T23:30:00Z", "2026-11-23")]
    [InlineData("2026-11-22T22:59:59Z", "2026-11-22")]
    // Summer time (+2): 22:30 UTC on 30 June is 00:30 on 1 July.
    [InlineData("2026-06-30T22:30:00Z", "2026-07-01")]
    [InlineData("2026-06-30T21:59:00Z", "2026-06-30")]
    public void Today_is_the_date_in_Oslo(string utc, string expected)
    {
        var today = OsloClock.Today(new FixedTime(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), today);
    }

    [Theory]
    // EU rule 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
    [InlineData("2026-03-29T00:59:59", 1)]
    [InlineData("2026-03-29T01:00:00", 2)]
    [InlineData("2026-10-25T00:59:59", 2)]
    [InlineData("2026-10-25T01:00:00", 1)]
    [InlineData("2026-01-15T12:00:00", 1)]
    public void The_fallback_rule_switches_on_the_EU_dates(string utc, int hours)
    {
        var at = DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        Assert.Equal(TimeSpan.FromHours(hours), OsloClock.FallbackOffset(at));
    }
}
