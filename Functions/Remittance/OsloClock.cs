namespace Bankflow.Functions.Remittance;

/// <summary>
/// Business dates are Norwegian: "today" for execution dates is the date in Europe/Oslo, not UTC (between
/// 00:00 and 01:00/02:00 Oslo time the UTC date is still yesterday).
/// </summary>
public static class OsloClock
{
    private static readonly TimeZoneInfo? Oslo = Find();

    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime);
    }

    public static DateTimeOffset Local(DateTimeOffset utc) =>
        Oslo is not null ? TimeZoneInfo.ConvertTime(utc, Oslo) : utc.ToOffset(FallbackOffset(utc.UtcDateTime));

    private static TimeZoneInfo? Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>
    /// Without a time-zone database (a trimmed container): CET, and CEST from the last Sunday of March 01:00 UTC
    /// to the last Sunday of October 01:00 UTC — the EU rule Norway follows.
    /// </summary>
    internal static TimeSpan FallbackOffset(DateTime utc)
    {
        var start = LastSunday(utc.Year, 3).AddHours(1);
        var end = LastSunday(utc.Year, 10).AddHours(1);
        return utc >= start && utc < end ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1);
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
