namespace Bankflow.Domain.Values;

/// <summary>
/// Norwegian organisation number (organisasjonsnummer): 9 digits, MOD11 check digit with weights 3,2,7,6,5,4,3,2.
/// </summary>
public sealed record OrganisationNumber
{
    private OrganisationNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>Accepts "123456785" and spaced "123 456 785"; an optional "NO" prefix and "MVA" suffix are dropped.</summary>
    public static bool TryParse(string? text, out OrganisationNumber? number, out string? error)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "organisation number is empty";
            return false;
        }
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.StartsWith("NO", StringComparison.Ordinal))
        {
            compact = compact[2..];
        }
        if (compact.EndsWith("MVA", StringComparison.Ordinal))
        {
            compact = compact[..^3];
        }
        if (compact.Length != 9 || !CheckDigits.AllDigits(compact))
        {
            error = $"organisation number must be 9 digits, found '{text}'";
            return false;
        }
        // Weights 3,2,7,6,5,4,3,2 are the MOD11 weights 2..7 read from the right.
        var expected = CheckDigits.Mod11(compact.AsSpan(0, 8));
        if (expected == 10 || compact[8] - '0' != expected)
        {
            error = "organisation number fails the MOD11 check";
            return false;
        }
        number = new OrganisationNumber(compact);
        error = null;
        return true;
    }

    public static OrganisationNumber Parse(string text) =>
        TryParse(text, out var number, out var error) ? number! : throw new FormatException(error);

    public override string ToString() => Value;
}
