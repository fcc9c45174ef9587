using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets.Reading;

/// <summary>
/// KID check digits over the bytes of a record (V9), both algorithms in one pass and without making a string:
/// this runs for every transaction of a 200,000-transaction file. Same rules as <see cref="CheckDigits"/>
/// (FORMATS.md §2.1–2.2); the tests compare the two.
/// </summary>
internal static class NetsKidCheck
{
    /// <summary>Luhn: a digit times 2 with its digits summed.</summary>
    private static ReadOnlySpan<byte> Doubled => [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

    /// <summary>The caller has checked the shape: digits, the last may be '-'.</summary>
    public static KidCheck Verify(ReadOnlySpan<byte> kid)
    {
        if (kid.Length < Kid.MinLength)
        {
            return KidCheck.None;
        }
        unchecked
        {
            int sum10 = 0, sum11 = 0, weight11 = 2;
            var doubled = true;
            for (var i = kid.Length - 2; i >= 0; i--)
            {
                var digit = kid[i] - '0';
                sum10 += doubled ? Doubled[digit] : digit;
                sum11 += digit * weight11;
                doubled = !doubled;
                weight11 = weight11 == 7 ? 2 : weight11 + 1;
            }
            return FromSums(sum10, sum11, kid[^1]);
        }
    }

    /// <summary>
    /// The verdict from the Luhn sum (doubled digits' digit sums) and the MOD11 weighted sum of all digits but
    /// the check character <paramref name="last"/>. Shared with the vectorised reading of a KID field.
    /// </summary>
    internal static KidCheck FromSums(int sum10, int sum11, byte last)
    {
        unchecked
        {
            var result = KidCheck.None;
            var remainder = sum11 % 11;
            var mod11 = remainder == 0 ? 0 : 11 - remainder;
            if ((mod11 == 10 && last == '-') || (mod11 < 10 && last - '0' == mod11))
            {
                result |= KidCheck.Mod11;
            }
            if (last != '-' && last - '0' == (10 - (sum10 % 10)) % 10)
            {
                result |= KidCheck.Mod10;
            }
            return result;
        }
    }

    /// <summary>MOD11 over an 11-digit account number held as a long.</summary>
    public static bool IsValidAccount(long account)
    {
        Span<char> digits = stackalloc char[11];
        if (!account.TryFormat(digits, out var written, "D11", System.Globalization.CultureInfo.InvariantCulture) || written != 11)
        {
            return false;
        }
        var check = CheckDigits.Mod11(digits[..10]);
        return check < 10 && digits[10] - '0' == check;
    }
}
