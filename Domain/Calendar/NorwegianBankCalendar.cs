namespace Bankflow.Domain.Calendar;

/// <summary>Why a date is not a Norwegian banking day.</summary>
public enum NonBankingDayReason
{
    None,
    Weekend,
    PublicHoliday,

    /// <summary>Christmas Eve (24 Dec): not a public holiday, but Norges Bank's settlement system (NBO) is closed.</summary>
    BankHoliday,
}

/// <summary>
/// Norwegian banking days (bankdager): the days Norges Bank's settlement system (NBO) settles. Closed:
/// Saturdays, Sundays, the public holidays of the helligdagsloven and 1 May / 17 May, and Christmas Eve
/// (julaften), which is not a public holiday but is on NBO's list of closed days. New Year's Eve
/// (nyttårsaften) is NOT on that list: on a weekday it is the last banking day of the year, and banks
/// take payments dated on it. Easter-based holidays are computed for any Gregorian year, never looked up.
/// </summary>
public static class NorwegianBankCalendar
{
    /// <summary>Easter Sunday (1. påskedag) in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The public holidays (helligdager and the two statutory days 1 and 17 May) of a year, with their Norwegian names, in date order.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> PublicHolidays(int year)
    {
        var easter = EasterSunday(year);
        var list = new List<(DateOnly Date, string Name)>
        {
            (new DateOnly(year, 1, 1), "Første nyttårsdag"),
            (easter.AddDays(-3), "Skjærtorsdag"),
            (easter.AddDays(-2), "Langfredag"),
            (easter, "Første påskedag"),
            (easter.AddDays(1), "Andre påskedag"),
            (new DateOnly(year, 5, 1), "Offentlig høytidsdag (1. mai)"),
            (new DateOnly(year, 5, 17), "Grunnlovsdag (17. mai)"),
            (easter.AddDays(39), "Kristi himmelfartsdag"),
            (easter.AddDays(49), "Første pinsedag"),
            (easter.AddDays(50), "Andre pinsedag"),
            (new DateOnly(year, 12, 25), "Første juledag"),
            (new DateOnly(year, 12, 26), "Andre juledag"),
        };
        list.Sort((x, y) => x.Date.CompareTo(y.Date));
        return list;
    }

    public static bool IsPublicHoliday(DateOnly date)
    {
        foreach (var (holiday, _) in PublicHolidays(date.Year))
        {
            if (holiday == date)
            {
                return true;
            }
        }
        return false;
    }

    public static NonBankingDayReason WhyNotBankingDay(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return NonBankingDayReason.Weekend;
        }
        if (IsPublicHoliday(date))
        {
            return NonBankingDayReason.PublicHoliday;
        }
        if (date is { Month: 12, Day: 24 })
        {
            return NonBankingDayReason.BankHoliday;
        }
        return NonBankingDayReason.None;
    }

    public static bool IsBankingDay(DateOnly date) => WhyNotBankingDay(date) == NonBankingDayReason.None;

    /// <summary>The date itself when it is a banking day, else the next one (what a bank does with a payment dated on a holiday).</summary>
    public static DateOnly OnOrAfter(DateOnly date)
    {
        while (!IsBankingDay(date))
        {
            date = date.AddDays(1);
        }
        return date;
    }
}
