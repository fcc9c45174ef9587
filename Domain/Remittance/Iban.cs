using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>
/// International Bank Account Number (ISO 13616): country code, two check digits (mod 97), then the
/// national account (BBAN), at most 34 characters. Norwegian IBANs are 15 characters and carry an
/// 11-digit kontonummer, whose own MOD11 digit is checked too.
/// </summary>
public sealed record Iban
{
    public const int MaxLength = 34;

    private Iban(string value) => Value = value;

    /// <summary>Upper-case, no spaces, e.g. "NO9386011117947".</summary>
    public string Value { get; }

    public string CountryCode => Value[..2];

    /// <summary>Accepts the electronic form and the printed one in groups of four ("NO93 8601 1117 947").</summary>
    public static bool TryParse(string? text, out Iban? iban, out string? error)
    {
        iban = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "IBAN is empty";
            return false;
        }
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 5 or > MaxLength)
        {
            error = $"IBAN must be 5–{MaxLength} characters, found {compact.Length}";
            return false;
        }
        if (!char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
        {
            error = "IBAN must start with a two-letter country code and two check digits";
            return false;
        }
        foreach (var c in compact)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                error = $"IBAN may hold only letters A–Z and digits, found '{c}'";
                return false;
            }
        }
        if (compact.StartsWith("NO", StringComparison.Ordinal))
        {
            if (compact.Length != 15)
            {
                error = $"a Norwegian IBAN has 15 characters, found {compact.Length}";
                return false;
            }
            if (!AccountNumber.TryParse(compact[4..], out _, out var bbanError))
            {
                error = $"IBAN holds an invalid Norwegian account number: {bbanError}";
                return false;
            }
        }
        if (Mod97(compact) != 1)
        {
            error = "IBAN fails the mod-97 check";
            return false;
        }
        iban = new Iban(compact);
        error = null;
        return true;
    }

    public static Iban Parse(string text) =>
        TryParse(text, out var iban, out var error) ? iban! : throw new FormatException(error);

    /// <summary>The IBAN of a Norwegian account number: "NO" + check digits + the 11 digits.</summary>
    public static Iban FromNorwegianAccount(AccountNumber account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var check = 98 - Mod97("NO00" + account.Value);
        return new Iban($"NO{check:00}{account.Value}");
    }

    /// <summary>
    /// ISO 7064 mod 97-10 over the rearranged IBAN (first four characters moved to the end, letters
    /// A=10 … Z=35), computed digit by digit so no big integer is needed.
    /// </summary>
    private static int Mod97(string compact)
    {
        var remainder = 0;
        for (var i = 0; i < compact.Length; i++)
        {
            var c = compact[(i + 4) % compact.Length];
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }
        return remainder;
    }

    public override string ToString() => Value;
}
