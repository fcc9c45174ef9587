namespace Bankflow.Domain.Values;

/// <summary>
/// Norwegian bank account number (kontonummer): 11 digits, bank code 4 + account group 2 + customer 4 + check.
/// Check digit MOD11 with weights 5,4,3,2,7,6,5,4,3,2; a remainder giving 10 means no valid number exists.
/// </summary>
public sealed record AccountNumber
{
    private AccountNumber(string value) => Value = value;

    /// <summary>The 11 digits, no separators.</summary>
    public string Value { get; }

    /// <summary>Accepts "12345678903" and the printed forms "1234.56.78903" / "1234 56 78903".</summary>
    public static bool TryParse(string? text, out AccountNumber? account, out string? error)
    {
        account = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "account number is empty";
            return false;
        }
        Span<char> digits = stackalloc char[11];
        var count = 0;
        foreach (var c in text.AsSpan().Trim())
        {
            if (c is '.' or ' ')
            {
                continue;
            }
            if (c is < '0' or > '9')
            {
                error = $"account number may hold only digits (and '.' or ' ' separators), found '{c}'";
                return false;
            }
            if (count == 11)
            {
                error = "account number must have 11 digits, found more";
                return false;
            }
            digits[count++] = c;
        }
        if (count != 11)
        {
            error = $"account number must have 11 digits, found {count}";
            return false;
        }
        // Weights 5,4,3,2,7,6,5,4,3,2 are the KID MOD11 weights 2..7 read from the right.
        var expected = CheckDigits.Mod11(digits[..10]);
        if (expected == 10 || digits[10] - '0' != expected)
        {
            error = expected == 10
                ? "account number fails the MOD11 check (no check digit is possible for these first ten digits)"
                : $"account number fails the MOD11 check: check digit should be {expected}, found {digits[10]}";
            return false;
        }
        account = new AccountNumber(new string(digits));
        error = null;
        return true;
    }

    public static AccountNumber Parse(string text) =>
        TryParse(text, out var account, out var error) ? account! : throw new FormatException(error);

    /// <summary>Printed form "1234.56.78903".</summary>
    public string Formatted => $"{Value[..4]}.{Value[4..6]}.{Value[6..]}";

    public override string ToString() => Value;
}
