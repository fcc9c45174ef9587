namespace Bankflow.Domain.Sbanken;

/// <summary>
/// Business dates are Norwegian: the morning fetch reads "yesterday in Europe/Oslo", whatever the UTC
/// schedule and whether summer time is on. The instant is passed in (Domain has no clock).
/// </summary>
public static class OsloBusinessDate
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>The calendar date in Oslo at that instant.</summary>
    public static DateOnly Today(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Oslo).DateTime);

    /// <summary>The last whole day in Oslo before that instant: the day the morning fetch reads.</summary>
    public static DateOnly Yesterday(DateTimeOffset instant) => Today(instant).AddDays(-1);

    /// <summary>The UTC instant at which an Oslo date begins (for deterministic notification ids and event times).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Oslo.GetUtcOffset(local));
    }
}
