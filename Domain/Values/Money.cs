using System.Globalization;

namespace Bankflow.Domain.Values;

/// <summary>
/// An amount in øre (1/100 NOK), signed. Money is never a double: whole øre in a long, checked arithmetic.
/// </summary>
public readonly record struct Money(long Ore) : IComparable<Money>
{
    public static Money Zero => default;

    public static Money operator +(Money a, Money b) => new(checked(a.Ore + b.Ore));
    public static Money operator -(Money a, Money b) => new(checked(a.Ore - b.Ore));
    public static Money operator -(Money a) => new(checked(-a.Ore));

    public static bool operator <(Money a, Money b) => a.Ore < b.Ore;
    public static bool operator >(Money a, Money b) => a.Ore > b.Ore;
    public static bool operator <=(Money a, Money b) => a.Ore <= b.Ore;
    public static bool operator >=(Money a, Money b) => a.Ore >= b.Ore;

    public int CompareTo(Money other) => Ore.CompareTo(other.Ore);

    /// <summary>Converts kroner to øre; fails (with the reason) when the amount has more than two decimals or overflows.</summary>
    public static bool TryFromKroner(decimal kroner, out Money money, out string? error)
    {
        money = default;
        // Checked before multiplying: kroner × 100 overflows decimal itself near decimal.MaxValue, and a Try method must not throw.
        if (kroner > long.MaxValue / 100m || kroner < long.MinValue / 100m)
        {
            error = $"amount {kroner.ToString(CultureInfo.InvariantCulture)} is too large";
            return false;
        }
        var ore = kroner * 100m;
        if (ore != decimal.Truncate(ore))
        {
            error = $"amount {kroner.ToString(CultureInfo.InvariantCulture)} has more than two decimals";
            return false;
        }
        if (ore > long.MaxValue || ore < long.MinValue)
        {
            error = $"amount {kroner.ToString(CultureInfo.InvariantCulture)} is too large";
            return false;
        }
        money = new Money((long)ore);
        error = null;
        return true;
    }

    public static Money FromKroner(decimal kroner) =>
        TryFromKroner(kroner, out var money, out var error) ? money : throw new ArgumentOutOfRangeException(nameof(kroner), error);

    /// <summary>Parses a plain decimal text such as "1234.50" (invariant culture, '.' separator, at most two decimals).</summary>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "amount is empty";
            return false;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var kroner))
        {
            error = $"'{text}' is not a decimal amount";
            return false;
        }
        return TryFromKroner(kroner, out money, out error);
    }

    public decimal Kroner => Ore / 100m;

    /// <summary>Invariant text with two decimals, e.g. "-21.50".</summary>
    public override string ToString() => Kroner.ToString("0.00", CultureInfo.InvariantCulture);
}
