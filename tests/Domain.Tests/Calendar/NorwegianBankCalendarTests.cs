using Bankflow.Domain.Calendar;

namespace Bankflow.Domain.Tests.Calendar;

public sealed class NorwegianBankCalendarTests
{
    [Theory]
    // Checked against published Easter tables.
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // the latest possible date
    [InlineData(2285, 3, 22)] // the earliest possible date
    public void EasterSunday_matches_the_tables(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), NorwegianBankCalendar.EasterSunday(year));

    [Fact]
    public void PublicHolidays_2025_are_the_twelve_Norwegian_holidays()
    {
        var expected = new[]
        {
            new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 17), new DateOnly(2025, 4, 18), new DateOnly(2025, 4, 20),
            new DateOnly(2025, 4, 21), new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 17), new DateOnly(2025, 5, 29),
            new DateOnly(2025, 6, 8), new DateOnly(2025, 6, 9), new DateOnly(2025, 12, 25), new DateOnly(2025, 12, 26),
        };
        Assert.Equal(expected, NorwegianBankCalendar.PublicHolidays(2025).Select(h => h.Date));
    }

    [Theory]
    [InlineData("2026-04-02", NonBankingDayReason.PublicHoliday)] // Skjærtorsdag
    [InlineData("2026-04-03", NonBankingDayReason.PublicHoliday)] // Langfredag
    [InlineData("2026-04-06", NonBankingDayReason.PublicHoliday)] // Andre påskedag
    [InlineData("2026-05-14", NonBankingDayReason.PublicHoliday)] // Kristi himmelfartsdag
    [InlineData("2026-05-25", NonBankingDayReason.PublicHoliday)] // Andre pinsedag
    [InlineData("2026-05-01", NonBankingDayReason.PublicHoliday)] // a Friday
    [InlineData("2026-05-17", NonBankingDayReason.Weekend)] // 17 May 2026 is a Sunday: weekend wins
    [InlineData("2024-12-24", NonBankingDayReason.BankHoliday)] // julaften, a Tuesday
    [InlineData("2024-12-31", NonBankingDayReason.None)] // nyttårsaften, a Tuesday: NBO settles, banks take payments
    [InlineData("2024-12-25", NonBankingDayReason.PublicHoliday)]
    [InlineData("2024-05-25", NonBankingDayReason.Weekend)] // Saturday
    [InlineData("2024-05-24", NonBankingDayReason.None)] // an ordinary Friday
    [InlineData("2026-04-01", NonBankingDayReason.None)] // Wednesday before Easter: open
    [InlineData("2027-03-29", NonBankingDayReason.PublicHoliday)] // Andre påskedag 2027
    public void WhyNotBankingDay(string date, NonBankingDayReason expected) =>
        Assert.Equal(expected, NorwegianBankCalendar.WhyNotBankingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void OnOrAfter_skips_Christmas_and_the_weekend()
    {
        // 2026-12-24 Thu (bank holiday), 25 Fri and 26 Sat (holidays), 27 Sun → Monday 28.
        Assert.Equal(new DateOnly(2026, 12, 28), NorwegianBankCalendar.OnOrAfter(new DateOnly(2026, 12, 24)));
        Assert.Equal(new DateOnly(2026, 12, 28), NorwegianBankCalendar.OnOrAfter(new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void A_year_has_the_expected_number_of_banking_days()
    {
        // 2025: 261 weekdays; weekday holidays 1 Jan, 17/18/21 Apr, 1 May, 29 May, 9 Jun, 25/26 Dec (17 May is a
        // Saturday) = 9; Christmas Eve (Wed) = 1 → 251. 31 Dec (Wed) is a banking day.
        var days = Enumerable.Range(0, 365).Select(i => new DateOnly(2025, 1, 1).AddDays(i)).Count(NorwegianBankCalendar.IsBankingDay);
        Assert.Equal(251, days);
    }
}

public sealed class EasterCrossCheckTests
{
    /// <summary>
    /// An independent Easter computation (Gauss's method with Lichtenberg's corrections), compared with the
    /// calendar's Meeus/Jones/Butcher algorithm for every year 1583–2400.
    /// </summary>
    private static DateOnly Lichtenberg(int year)
    {
        var k = year / 100;
        var m = 15 + (((3 * k) + 3) / 4) - (((8 * k) + 13) / 25);
        var s = 2 - (((3 * k) + 3) / 4);
        var a = year % 19;
        var d = ((19 * a) + m) % 30;
        var r = (d + (a / 11)) / 29;
        var og = 21 + d - r;
        var sz = 7 - ((year + (year / 4) + s) % 7);
        var oe = 7 - ((og - sz) % 7);
        var os = og + oe; // day of March, may exceed 31
        return new DateOnly(year, 3, 1).AddDays(os - 1);
    }

    [Fact]
    public void Both_algorithms_agree_for_818_years()
    {
        for (var year = 1583; year <= 2400; year++)
        {
            var easter = Bankflow.Domain.Calendar.NorwegianBankCalendar.EasterSunday(year);
            Assert.Equal(Lichtenberg(year), easter);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
        }
    }
}
