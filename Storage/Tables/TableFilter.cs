using System.Globalization;
using System.Text;

namespace Bankflow.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> text where every interpolated value becomes a correctly escaped literal, so a value can
/// never change the query: <c>TableFilter.Create($"PartitionKey eq {pk} and Amount gt {amount}")</c>.
/// </summary>
public static class TableFilter
{
    /// <summary>
    /// Literals: string/char → <c>'…'</c> with quotes doubled; int → <c>42</c>; long → <c>42L</c>; double → <c>1.5</c>
    /// (integral values as <c>3.0</c> so they stay doubles); bool → <c>true</c>/<c>false</c>; DateTimeOffset (or a UTC
    /// DateTime) → <c>datetime'2026-01-31T00:00:00.0000000Z'</c>; Guid → <c>guid'…'</c>; byte[] → <c>X'0a0b'</c>.
    /// Null, NaN/infinity, decimal, a local DateTime, other types and format specifiers (<c>{x:N2}</c>) are refused.
    /// </summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments();
        var literals = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            literals[i] = new PreformattedLiteral(Format(arguments[i], i));
        }
        // Re-format with pre-rendered literals; a format specifier in the hole is caught by PreformattedLiteral.ToString(format).
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>One value as an OData literal (see <see cref="Create"/>).</summary>
    public static string Literal(object value) => Format(value, 0);

    private static string Format(object? value, int index) => value switch
    {
        null => throw new ArgumentException($"filter value {index} is null; Table storage has no null comparison (omit the clause)", "filter"),
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when !double.IsFinite(d) => throw new ArgumentException($"filter value {index} is {d.ToString(CultureInfo.InvariantCulture)}; only finite doubles can be compared", "filter"),
        double d => FormatDouble(d),
        DateTimeOffset t => "datetime'" + TableEntityJson.FormatDateTime(t) + "'",
        DateTime { Kind: DateTimeKind.Utc } t => "datetime'" + TableEntityJson.FormatDateTime(new DateTimeOffset(t)) + "'",
        DateTime => throw new ArgumentException($"filter value {index} is a DateTime that is not UTC; pass a DateTimeOffset", "filter"),
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException(
            $"filter value {index} has type {value.GetType().Name}; supported: string, char, bool, int, long, double, DateTimeOffset, Guid, byte[]",
            "filter"),
    };

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // "3" would be an Edm.Int32 literal; the service compares Int32 with Double properties poorly.
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private sealed class PreformattedLiteral(string text) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            string.IsNullOrEmpty(format)
                ? text
                : throw new ArgumentException($"format specifier '{format}' in a filter hole would change the literal; remove it", "filter");

        public override string ToString() => text;
    }
}
