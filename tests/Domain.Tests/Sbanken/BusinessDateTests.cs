using Bankflow.Domain.Sbanken;

namespace Bankflow.Domain.Tests.Sbanken;

public sealed class BusinessDateTests
{
    [Theory]
    // Winter (UTC+1): 05:00 UTC is 06:00 in Oslo on the 22nd → yesterday is the 21st.
    [InlineData("2026-11-22T05:00:00Z", "2026-11-21")]
    // 23:30 UTC on the 21st is already 00:30 on the 22nd in Oslo.
    [InlineData("2026-11-21T23:30:00Z", "2026-11-21")]
    // Summer (UTC+2): 22:30 UTC on 30 June is 00:30 on 1 July in Oslo.
    [InlineData("2026-06-30T22:30:00Z", "2026-06-30")]
    // The spring-forward morning (29 March 2026, 02:00 → 03:00): 05:00 UTC is 07:00 local.
    [InlineData("2026-03-29T05:00:00Z", "2026-03-28")]
    // The fall-back morning (25 October 2026): 00:30 UTC is 02:30 local (the second time round).
    [InlineData("2026-10-25T00:30:00Z", "2026-10-24")]
    public void Yesterday_is_the_last_whole_day_in_Oslo(string utc, string expected)
    {
        var instant = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), OsloBusinessDate.Yesterday(instant));
    }

    [Fact]
    public void Start_of_an_Oslo_day_respects_summer_time()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero), OsloBusinessDate.StartOfDay(new DateOnly(2026, 11, 22)));
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), OsloBusinessDate.StartOfDay(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void Fetch_plan_catches_up_missed_days_and_skips_read_ones()
    {
        var start = new DateOnly(2026, 11, 16);
        var read = new HashSet<DateOnly> { new(2026, 11, 16), new(2026, 11, 17), new(2026, 11, 19) };

        var days = FetchPlan.DaysToRead(start, null, new DateOnly(2026, 11, 21), read);

        Assert.Equal([new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21)], days);
        Assert.Empty(FetchPlan.DaysToRead(start, null, new DateOnly(2026, 11, 15), read));
        // A requested first day before the start date never reads before the start date.
        Assert.Equal(new DateOnly(2026, 11, 18), FetchPlan.DaysToRead(start, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 18), read).Single());
    }
}
