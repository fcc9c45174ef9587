using System.Globalization;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// ISO 20022 amounts (ActiveOrHistoricCurrencyAndAmount, DecimalNumber): plain decimals with '.', never a
/// sign (direction is in CdtDbtInd), never exponent or grouping. Parsed exactly into hundredths of the
/// currency unit (øre for NOK), which is what <see cref="Values.Money"/> holds for every currency.
/// </summary>
public static class IsoAmount
{
    /// <summary>The XSD allows 18 digits in total; more would not fit hundredths in a long anyway.</summary>
    public const int MaxDigits = 18;

    /// <summary>
    /// Parses <paramref name="text"/> into hundredths. Fails with a reason a person can act on when the text
    /// is not a plain non-negative decimal or has more significant decimals than <paramref name="maxDecimals"/>
    /// (trailing zeros do not count: "10.500" is 10.50).
    /// </summary>
    public static bool TryParseHundredths(ReadOnlySpan<char> text, int maxDecimals, out long hundredths, out string? error)
    {
        hundredths = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            error = "amount is empty";
            return false;
        }
        if (text[0] == '-')
        {
            error = "amount is negative: ISO 20022 amounts are unsigned (the direction is in CdtDbtInd)";
            return false;
        }
        if (text[0] == '+')
        {
            text = text[1..];
        }
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (whole.IsEmpty && fraction.IsEmpty || !AllDigits(whole) || !AllDigits(fraction))
        {
            error = "not a decimal amount (digits with an optional '.' and decimals)";
            return false;
        }
        if (whole.Length + fraction.Length > MaxDigits)
        {
            error = $"more than {MaxDigits} digits";
            return false;
        }
        whole = whole.TrimStart('0');
        if (whole.Length > 16)
        {
            // Hundredths of 10^16 or more do not fit a long.
            error = "amount too large";
            return false;
        }
        fraction = fraction.TrimEnd('0');
        if (fraction.Length > maxDecimals)
        {
            error = $"{fraction.Length} decimals where the currency allows {maxDecimals}";
            return false;
        }
        long value = 0;
        foreach (var c in whole)
        {
            value = value * 10 + (c - '0');
        }
        for (var i = 0; i < 2; i++)
        {
            value = value * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        }
        hundredths = value;
        error = null;
        return true;
    }

    /// <summary>Hundredths as invariant decimal text with two decimals, e.g. 123450 → "1234.50".</summary>
    public static string Format(long hundredths) => (hundredths / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
