namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// KIDs and invoice numbers as 64-bit keys for <see cref="LongIntMap"/>, exactly (two different references never
/// share a key). Anything that does not fit is looked up by its string instead.
/// </summary>
internal static class NumericKeys
{
    /// <summary>Longest KID encoded: 11^17 &lt; 2^59 leaves five bits for the length.</summary>
    public const int MaxKidLength = 17;

    /// <summary>Longest invoice number (digits, without leading zeros) encoded: 10^18 &lt; 2^60.</summary>
    public const int MaxNumberDigits = 18;

    /// <summary>
    /// A KID (digits, '-' only last) as its length in the top five bits and its characters in base 11 below;
    /// the length keeps leading zeros significant ("012" and "12" are different KIDs). False when it does not fit.
    /// </summary>
    public static bool TryKid(ReadOnlySpan<char> kid, out ulong key)
    {
        key = 0;
        if (kid.IsEmpty || kid.Length > MaxKidLength)
        {
            return false;
        }
        ulong value = 0;
        for (var i = 0; i < kid.Length; i++)
        {
            var c = kid[i];
            uint digit = c == '-' && i == kid.Length - 1 ? 10u : (uint)(c - '0');
            if (digit > 10 || (digit == 10 && c != '-'))
            {
                return false;
            }
            value = (value * 11) + digit;
        }
        key = ((ulong)kid.Length << 59) | value;
        return true;
    }

    /// <summary>A normalised invoice number of digits only (no leading zeros, see InvoiceNumbers) as value + 1. False when it is not digits or too long.</summary>
    public static bool TryNumber(ReadOnlySpan<char> number, out ulong key)
    {
        key = 0;
        if (number.IsEmpty || number.Length > MaxNumberDigits)
        {
            return false;
        }
        ulong value = 0;
        foreach (var c in number)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }
            value = (value * 10) + digit;
        }
        key = value + 1;
        return true;
    }
}
