using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using static Bankflow.Domain.Tests.Sbanken.SbankenGiven;

namespace Bankflow.Domain.Tests.Sbanken;

public sealed class HistoricalBalanceTests
{
    // Balance now 10 000.00. Booked since 18 Nov: 18th +500.00; 19th −120.50 and +1 000.00; 21st −79.50;
    // plus a reservation of −300.00 that is not booked.
    private static readonly SbankenTransaction[] Lines =
    [
        Line("2026-11-17", 9999m, "before the window, ignored"),
        Line("2026-11-18", 500m, "a"),
        Line("2026-11-19", -120.50m, "b"),
        Line("2026-11-19", 1000m, "c"),
        Line("2026-11-21", -79.50m, "d"),
        Line("2026-11-22", -300m, "reserved", reservation: true),
    ];

    private static readonly Money Now = Money.FromKroner(10_000m);

    [Theory]
    // Opening of the 19th = 10 000 − (−120.50 + 1 000 − 79.50) = 10 000 − 800 = 9 200.00
    [InlineData("2026-11-19", "9200.00")]
    // Opening of the 18th also takes off the 500.00 of the 18th: 8 700.00
    [InlineData("2026-11-18", "8700.00")]
    // Opening of the 20th: only the 21st's −79.50 is after: 10 079.50
    [InlineData("2026-11-20", "10079.50")]
    // Opening of today with nothing booked today: today's balance
    [InlineData("2026-11-22", "10000.00")]
    public void Opening_balance_is_todays_booked_balance_minus_every_booked_line_from_that_day_on(string day, string expected)
    {
        var opening = HistoricalBalance.OpeningBalance(Now, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Lines);

        Assert.Equal(expected, opening.ToString());
    }

    [Fact]
    public void Closing_balance_of_a_day_is_the_opening_of_the_next()
    {
        Assert.Equal("9200.00", HistoricalBalance.ClosingBalance(Now, new DateOnly(2026, 11, 18), Lines).ToString());
    }
}
