namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// How many decimals an amount may carry, from the ISO 4217 minor units of the currency. Bankflow keeps
/// money in hundredths, so the answer is never above 2: a three-decimal currency (BHD, KWD, …) is read only
/// when the third decimal is zero. Currencies not listed here are taken to have 2 decimals (the most common case).
/// </summary>
public static class CurrencyMinorUnits
{
    private static readonly HashSet<string> NoDecimals = new(StringComparer.Ordinal)
    {
        // ISO 4217 currencies with 0 minor units that a Norwegian business plausibly meets.
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimals = new(StringComparer.Ordinal)
    {
        "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
    };

    /// <summary>ISO 4217 minor units: 0, 2 or 3 for the currencies listed; 2 otherwise.</summary>
    public static int Iso4217(string? currency) =>
        currency is null ? 2 : NoDecimals.Contains(currency) ? 0 : ThreeDecimals.Contains(currency) ? 3 : 2;

    /// <summary>The decimals Bankflow accepts for an amount in <paramref name="currency"/>: min(ISO 4217 minor units, 2).</summary>
    public static int MaxDecimals(string? currency) => Math.Min(Iso4217(currency), 2);
}
