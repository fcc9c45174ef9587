using System.Globalization;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The Functions timer's 6-field NCRONTAB expression, <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>,
/// evaluated in UTC (our schedules are written in UTC; business dates are computed in Europe/Oslo by the
/// functions themselves). Fields take <c>*</c>, numbers, ranges <c>a-b</c>, lists <c>a,b</c>, steps
/// <c>*/n</c> or <c>a-b/n</c>, and month/day names (Jan, Mon). Day-of-month and day-of-week must both
/// match, as in NCrontab.
/// </summary>
public sealed class Ncrontab
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _seconds, _minutes, _hours, _days, _months, _weekdays;

    private Ncrontab(bool[] seconds, bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays)
    {
        (_seconds, _minutes, _hours, _days, _months, _weekdays) = (seconds, minutes, hours, days, months, weekdays);
    }

    public string Expression { get; private init; } = "";

    public static bool TryParse(string? expression, out Ncrontab? schedule, out string? error)
    {
        schedule = null;
        var fields = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            error = $"NCRONTAB needs 6 fields (second minute hour day month day-of-week), found {fields.Length} in '{expression}'";
            return false;
        }
        var seconds = ParseField(fields[0], 0, 59, null, "second", out error);
        var minutes = error is null ? ParseField(fields[1], 0, 59, null, "minute", out error) : null;
        var hours = error is null ? ParseField(fields[2], 0, 23, null, "hour", out error) : null;
        var days = error is null ? ParseField(fields[3], 1, 31, null, "day", out error) : null;
        var months = error is null ? ParseField(fields[4], 1, 12, MonthNames, "month", out error) : null;
        var weekdays = error is null ? ParseField(fields[5], 0, 7, DayNames, "day-of-week", out error) : null;
        if (error is not null)
        {
            return false;
        }
        weekdays![0] |= weekdays[7]; // 7 is Sunday too
        schedule = new Ncrontab(seconds!, minutes!, hours!, days!, months!, weekdays) { Expression = expression! };
        return true;
    }

    public static Ncrontab Parse(string expression) =>
        TryParse(expression, out var s, out var e) ? s! : throw new FormatException(e);

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), within five years.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var t = after.ToUniversalTime();
        t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, TimeSpan.Zero).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
                continue;
            }
            if (!_days[t.Day] || !_weekdays[(int)t.DayOfWeek])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
                continue;
            }
            if (!_hours[t.Hour])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
                continue;
            }
            if (!_minutes[t.Minute])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero).AddMinutes(1);
                continue;
            }
            if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }
            return t;
        }
        return null;
    }

    private static bool[]? ParseField(string field, int min, int max, string[]? names, string label, out string? error)
    {
        var set = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    error = $"{label}: bad step in '{part}'";
                    return null;
                }
                range = part[..slash];
            }
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                if (!TryValue(dash < 0 ? range : range[..dash], min, max, names, out from) ||
                    !TryValue(dash < 0 ? range : range[(dash + 1)..], min, max, names, out to) || from > to)
                {
                    error = $"{label}: '{part}' is not a value or range within {min}–{max}";
                    return null;
                }
                if (dash < 0 && slash >= 0)
                {
                    to = max; // "5/15" means from 5 every 15
                }
            }
            for (var v = from; v <= to; v += step)
            {
                set[v] = true;
            }
        }
        error = null;
        return set;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value >= min && value <= max;
        }
        if (names is not null)
        {
            var index = Array.IndexOf(names, text.ToUpperInvariant());
            if (index >= 0)
            {
                value = index + (min == 1 ? 1 : 0);
                return true;
            }
        }
        return false;
    }

    public override string ToString() => Expression;
}
