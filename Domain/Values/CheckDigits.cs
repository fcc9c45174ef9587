namespace Bankflow.Domain.Values;

/// <summary>
/// The two check-digit schemes used by Norwegian identifiers (Nets KID spec, kontonummer, organisasjonsnummer).
/// Digits are passed as ASCII chars; callers check that they are digits first.
/// </summary>
public static class CheckDigits
{
    /// <summary>MOD10 (Luhn): weights 2,1,2,1… from the right, digit sums of products.</summary>
    public static int Mod10(ReadOnlySpan<char> digitsWithoutCheck)
    {
        var sum = 0;
        var weight = 2;
        for (var i = digitsWithoutCheck.Length - 1; i >= 0; i--)
        {
            var product = (digitsWithoutCheck[i] - '0') * weight;
            sum += product > 9 ? product - 9 : product;
            weight = weight == 2 ? 1 : 2;
        }
        return (10 - (sum % 10)) % 10;
    }

    /// <summary>
    /// MOD11 with weights 2,3,4,5,6,7 repeating from the right (KID). Returns 0–10; 10 is written as '-'
    /// in a KID and makes an account or organisation number impossible.
    /// </summary>
    public static int Mod11(ReadOnlySpan<char> digitsWithoutCheck)
    {
        var sum = 0;
        var weight = 2;
        for (var i = digitsWithoutCheck.Length - 1; i >= 0; i--)
        {
            sum += (digitsWithoutCheck[i] - '0') * weight;
            weight = weight == 7 ? 2 : weight + 1;
        }
        var remainder = sum % 11;
        return remainder == 0 ? 0 : 11 - remainder;
    }

    internal static bool AllDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
