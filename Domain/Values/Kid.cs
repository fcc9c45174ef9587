namespace Bankflow.Domain.Values;

/// <summary>Which check-digit algorithms a KID's last character satisfies.</summary>
[Flags]
public enum KidCheck
{
    None = 0,
    Mod10 = 1,
    Mod11 = 2,
}

/// <summary>
/// KID (kundeidentifikasjon, customer identification): the payment reference on an invoice.
/// 2–25 characters: digits, the last one a MOD10 or MOD11 check digit; '-' when MOD11 gives 10.
/// An agreement chooses the algorithm; some KIDs pass both, so the algorithm cannot be read off the KID.
/// </summary>
public sealed record Kid
{
    public const int MinLength = 2;
    public const int MaxLength = 25;

    private Kid(string value, KidCheck check)
    {
        Value = value;
        Check = check;
    }

    public string Value { get; }

    /// <summary>The algorithms whose check digit matches (at least one for a parsed KID).</summary>
    public KidCheck Check { get; }

    /// <summary>Checks the shape only (length, digits, '-' only last); says why when it fails.</summary>
    public static bool IsWellFormed(string? value, out string? error)
    {
        if (string.IsNullOrEmpty(value))
        {
            error = "KID is empty";
            return false;
        }
        if (value.Length is < MinLength or > MaxLength)
        {
            error = $"KID must be {MinLength}–{MaxLength} characters, found {value.Length}";
            return false;
        }
        var body = value.AsSpan(0, value.Length - 1);
        var last = value[^1];
        if (!CheckDigits.AllDigits(body) || !(last is '-' or (>= '0' and <= '9')))
        {
            error = "KID must be digits, with '-' allowed only as the last (MOD11) check character";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Which algorithms the check character satisfies; <see cref="KidCheck.None"/> when neither does.</summary>
    public static KidCheck Verify(string value)
    {
        var body = value.AsSpan(0, value.Length - 1);
        var last = value[^1];
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

    public static bool TryParse(string? value, out Kid? kid, out string? error)
    {
        kid = null;
        if (!IsWellFormed(value, out error))
        {
            return false;
        }
        var check = Verify(value!);
        if (check == KidCheck.None)
        {
            error = $"KID {value} fails both the MOD10 and the MOD11 check digit";
            return false;
        }
        kid = new Kid(value!, check);
        return true;
    }

    public static Kid Parse(string value) =>
        TryParse(value, out var kid, out var error) ? kid! : throw new FormatException(error);

    /// <summary>Appends a check character to a KID body (for generating KIDs on invoices and test data).</summary>
    public static string WithCheckDigit(string body, KidCheck algorithm)
    {
        ArgumentException.ThrowIfNullOrEmpty(body);
        if (!CheckDigits.AllDigits(body) || body.Length > MaxLength - 1)
        {
            throw new ArgumentException($"KID body must be 1–{MaxLength - 1} digits", nameof(body));
        }
        return algorithm switch
        {
            KidCheck.Mod10 => body + (char)('0' + CheckDigits.Mod10(body)),
            KidCheck.Mod11 => body + (CheckDigits.Mod11(body) is var d && d == 10 ? '-' : (char)('0' + d)),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), "choose Mod10 or Mod11"),
        };
    }

    public override string ToString() => Value;
}
