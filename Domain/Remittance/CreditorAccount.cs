using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>Where a payment goes: a Norwegian account number (BBAN) or an IBAN. Exactly one is set.</summary>
public sealed record CreditorAccount
{
    private CreditorAccount(AccountNumber? bban, Iban? iban)
    {
        Bban = bban;
        Iban = iban;
    }

    public AccountNumber? Bban { get; }

    public Iban? Iban { get; }

    public static CreditorAccount Of(AccountNumber account) => new(account ?? throw new ArgumentNullException(nameof(account)), null);

    public static CreditorAccount Of(Iban iban) => new(null, iban ?? throw new ArgumentNullException(nameof(iban)));

    /// <summary>Text starting with two letters is read as an IBAN, anything else as an 11-digit account number.</summary>
    public static bool TryParse(string? text, out CreditorAccount? account, out string? error)
    {
        account = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "creditor account is empty";
            return false;
        }
        if (trimmed.Length >= 2 && char.IsAsciiLetter(trimmed[0]) && char.IsAsciiLetter(trimmed[1]))
        {
            if (Iban.TryParse(trimmed, out var iban, out error))
            {
                account = Of(iban!);
                return true;
            }
            return false;
        }
        if (AccountNumber.TryParse(trimmed, out var bban, out error))
        {
            account = Of(bban!);
            return true;
        }
        return false;
    }

    public override string ToString() => Bban?.Value ?? Iban!.Value;
}
