using System.Globalization;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>ISO 20022 dates (ISODate "2024-05-24") and date-times (ISODateTime "2024-05-24T18:05:12+02:00", offset optional).</summary>
public static class IsoDate
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-ddzzz", "yyyy-MM-ddZ"];

    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }
        var t = text.Trim();
        // An XSD date may carry a time zone; the calendar date is what the bank wrote.
        if (t.Length > 10 && !DateTimeOffset.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }
        return t.Length >= 10 && DateOnly.TryParseExact(t.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Validates an ISODateTime and gives its calendar date as written (no conversion to another zone).</summary>
    public static bool TryParseDateTime(string? text, out DateOnly date)
    {
        date = default;
        if (text is null)
        {
            return false;
        }
        var t = text.Trim();
        if (t.Length < 19 || t[10] != 'T'
            || !DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return false;
        }
        return DateOnly.TryParseExact(t.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
