using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>
/// A general-ledger account number (hovedbokskonto) of the client's chart of accounts, e.g. 1920 "Bankinnskudd"
/// or 7770 "Bank- og kortgebyr". NS 4102 numbers are four digits; ERPs allow sub-accounts, so 4–8 digits.
/// </summary>
public sealed record LedgerAccount
{
    private LedgerAccount(string number) => Number = number;

    public string Number { get; }

    public static bool TryParse(string? text, out LedgerAccount? account, out string? error)
    {
        account = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "ledger account is empty";
            return false;
        }
        if (trimmed.Length is < 4 or > 8 || !CheckDigits.AllDigits(trimmed) || trimmed[0] == '0')
        {
            error = $"ledger account must be 4–8 digits not starting with 0, found '{trimmed}'";
            return false;
        }
        account = new LedgerAccount(trimmed);
        error = null;
        return true;
    }

    public static LedgerAccount Parse(string text) =>
        TryParse(text, out var account, out var error) ? account! : throw new FormatException(error);

    public override string ToString() => Number;
}
