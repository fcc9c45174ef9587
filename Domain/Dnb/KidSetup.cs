using Bankflow.Domain.Values;

namespace Bankflow.Domain.Dnb;

/// <summary>
/// How a client's KIDs are built (the ERP's invoice settings: "fakturering med KID"), or how an OCR agreement at the
/// bank expects them: the KID's length and its check-digit algorithm, MOD10 or MOD11. Nets checks incoming KIDs
/// against the agreement's setup, so the two must agree (seed 001: "Ved mismatch mellom oppbygging av KID i Go og
/// bestilling av OCR i DNB, vil man få en feilmelding i varslingscenteret").
/// </summary>
public sealed record KidSetup
{
    private KidSetup(int length, KidCheck check)
    {
        Length = length;
        Check = check;
    }

    /// <summary>Digits in the KID, the check digit included.</summary>
    public int Length { get; }

    /// <summary><see cref="KidCheck.Mod10"/> or <see cref="KidCheck.Mod11"/>, never both or none.</summary>
    public KidCheck Check { get; }

    public static bool TryCreate(int length, KidCheck check, out KidSetup? setup, out string? error)
    {
        setup = null;
        if (length is < Kid.MinLength or > Kid.MaxLength)
        {
            error = $"a KID has {Kid.MinLength}–{Kid.MaxLength} digits, found {length}";
            return false;
        }
        if (check is not (KidCheck.Mod10 or KidCheck.Mod11))
        {
            error = "the KID check digit is MOD10 or MOD11";
            return false;
        }
        setup = new KidSetup(length, check);
        error = null;
        return true;
    }

    public static KidSetup Create(int length, KidCheck check) =>
        TryCreate(length, check, out var setup, out var error) ? setup! : throw new ArgumentException(error);

    /// <summary>"mod10" / "mod11", the wire form.</summary>
    public static string CheckName(KidCheck check) => check == KidCheck.Mod11 ? "mod11" : "mod10";

    public static bool TryParseCheck(string? text, out KidCheck check)
    {
        check = text?.Trim().ToUpperInvariant() switch
        {
            "MOD10" => KidCheck.Mod10,
            "MOD11" => KidCheck.Mod11,
            _ => KidCheck.None,
        };
        return check != KidCheck.None;
    }

    /// <summary>"9 digits, MOD10".</summary>
    public override string ToString() => $"{Length} digits, {CheckName(Check).ToUpperInvariant()}";
}
