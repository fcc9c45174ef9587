using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets.Reading;

/// <summary>KID check digits over the bytes of a record, without making a string (V9).</summary>
internal static class NetsKidCheck
{
    public static KidCheck Verify(ReadOnlySpan<byte> kid)
    {
        if (kid.Length < Kid.MinLength)
        {
            return KidCheck.None;
        }
        Span<char> chars = stackalloc char[Kid.MaxLength];
        for (var i = 0; i < kid.Length; i++)
        {
            chars[i] = (char)kid[i];
        }
        var body = chars[..(kid.Length - 1)];
        var last = chars[kid.Length - 1];
        var result = KidCheck.None;
        var mod11 = CheckDigits.Mod11(body);
        if ((mod11 == 10 && last == '-') || (mod11 < 10 && last - '0' == mod11))
        {
            result |= KidCheck.Mod11;
        }
        if (last != '-' && last - '0' == CheckDigits.Mod10(body))
        {
            result |= KidCheck.Mod10;
        }
        return result;
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
