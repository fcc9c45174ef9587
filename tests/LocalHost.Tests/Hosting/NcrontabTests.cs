using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Hosting;

public sealed class NcrontabTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Theory]
    [InlineData("0 0 5 * * *", "2026-11-22T04:59:59Z", "2026-11-22T05:00:00Z")]   // every morning 05:00 UTC
    [InlineData("0 0 5 * * *", "2026-11-22T05:00:00Z", "2026-11-23T05:00:00Z")]   // strictly after
    [InlineData("*/15 * * * * *", "2026-11-22T10:00:07Z", "2026-11-22T10:00:15Z")]
    [InlineData("0 30 9 * * 1-5", "2026-11-21T12:00:00Z", "2026-11-23T09:30:00Z")]  // Saturday → Monday
    [InlineData("0 30 9 * Jan Mon", "2026-11-22T00:00:00Z", "2027-01-04T09:30:00Z")] // names
    [InlineData("0 0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]    // leap day
    [InlineData("0 0 12 * * 7", "2026-11-22T12:00:01Z", "2026-11-29T12:00:00Z")]    // 7 is Sunday
    [InlineData("5/20 0 0 1 1 *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:05Z")]  // start/step
    public void Next_occurrence(string expression, string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Ncrontab.Parse(expression).NextAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Time_zones_are_converted_to_utc_first() =>
        Assert.Equal(Utc(2026, 11, 23, 5), Ncrontab.Parse("0 0 5 * * *").NextAfter(new DateTimeOffset(2026, 11, 23, 5, 30, 0, TimeSpan.FromHours(1))));

    [Theory]
    [InlineData("0 5 * * *")]          // five fields: classic cron is not NCRONTAB
    [InlineData("60 * * * * *")]
    [InlineData("0 0 24 * * *")]
    [InlineData("0 0 0 0 * *")]
    [InlineData("0 0 0 * 13 *")]
    [InlineData("0 0 0 * * Funday")]
    [InlineData("*/0 * * * * *")]
    [InlineData("5-1 * * * * *")]
    [InlineData("")]
    public void Invalid_expressions_say_why(string expression)
    {
        Assert.False(Ncrontab.TryParse(expression, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void An_impossible_date_never_fires() => Assert.Null(Ncrontab.Parse("0 0 0 31 2 *").NextAfter(Utc(2026, 1, 1)));
}
