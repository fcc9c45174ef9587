namespace Bankflow.Domain.Reconciliation.References;

/// <summary>
/// ISO 11649 structured creditor reference: "RF", two check digits, then 1–21 letters or digits (the creditor's
/// own reference). Valid when the reference moved behind its first four characters, letters read as 10–35,
/// is 1 modulo 97. Printed in groups of four ("RF18 5390 0754 7034").
/// </summary>
public static class RfCreditorReference
{
    public const int MaxLength = 25;

    /// <summary>The creditor's reference inside a valid RF reference (spaces removed); false when the check fails.</summary>
    public static bool TryParse(string? text, out string body)
    {
        body = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        Span<char> compact = stackalloc char[MaxLength];
        var length = 0;
        foreach (var c in text.AsSpan().Trim())
        {
            if (c == ' ')
            {
                continue;
            }
            if (length == MaxLength || !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
            compact[length++] = char.ToUpperInvariant(c);
        }
        if (!IsValid(compact[..length]))
        {
            return false;
        }
        body = new string(compact[4..length]);
        return true;
    }

    /// <summary>Shape and check digits of a reference without spaces.</summary>
    public static bool IsValid(ReadOnlySpan<char> reference)
    {
        if (reference.Length is < 5 or > MaxLength || reference[0] != 'R' || reference[1] != 'F'
            || !char.IsAsciiDigit(reference[2]) || !char.IsAsciiDigit(reference[3]))
        {
            return false;
        }
        // ISO 7064 MOD 97-10 over the body first, then "RF" and the check digits.
        var remainder = Mod97(reference[4..], 0);
        if (remainder < 0)
        {
            return false;
        }
        remainder = Mod97(reference[..4], remainder);
        return remainder == 1;
    }

    private static int Mod97(ReadOnlySpan<char> part, int remainder)
    {
        foreach (var c in part)
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return -1;
            }
        }
        return remainder;
    }

    /// <summary>Builds a valid reference for a creditor reference (for generating invoices and tests).</summary>
    public static string Create(string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(body);
        var upper = body.ToUpperInvariant();
        if (upper.Length > MaxLength - 4 || !upper.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("an RF body is 1–21 letters or digits", nameof(body));
        }
        // Check digits 98 − (body + "RF00" mod 97) make the whole reference 1 mod 97.
        var remainder = Mod97(upper, 0);
        remainder = Mod97("RF00", remainder);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RF{98 - remainder:D2}{upper}");
    }
}
