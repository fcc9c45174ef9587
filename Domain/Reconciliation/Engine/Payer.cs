using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>Who paid, as far as the movement tells: a customer, nobody known, or sources that disagree.</summary>
/// <param name="Evidence">How the customer was recognised ("account 1234.56.78903", "name Fjord AS", "KID prefix 10023").</param>
/// <param name="Conflict">Set when the sources name different customers; then <paramref name="CustomerId"/> is null.</param>
internal sealed record Payer(string? CustomerId, string? Evidence, string? Conflict)
{
    public static readonly Payer Unknown = new(null, null, null);
}

/// <summary>Recognises the paying customer from the counterparty's account and name (and, for rule 3, a KID prefix).</summary>
internal sealed class PayerDirectory
{
    private readonly Dictionary<string, string?> _customerByAccount = new(StringComparer.Ordinal);

    public PayerDirectory(IEnumerable<KnownPayerAccount> accounts)
    {
        foreach (var known in accounts)
        {
            if (NormaliseAccount(known.Account) is not { } account)
            {
                continue;
            }
            // An account two customers pay from names neither.
            _customerByAccount[account] = _customerByAccount.TryGetValue(account, out var other) && other != known.CustomerId ? null : known.CustomerId;
        }
    }

    public Payer Of(BankMovement movement, OpenItemBook book, KidCustomerPrefix? kidPrefix, bool kidValid = false)
    {
        var sources = new List<(string Customer, string Evidence)>(3);
        if (NormaliseAccount(movement.CounterpartyAccount) is { } account
            && _customerByAccount.TryGetValue(account, out var byAccount) && byAccount is not null)
        {
            sources.Add((byAccount, $"account {Printed(account)}"));
        }
        if (book.CustomerByName(movement.CounterpartyName) is { } byName)
        {
            sources.Add((byName, $"name {movement.CounterpartyName!.Trim()}"));
        }
        // Only a KID with a valid check digit: a mistyped one may name another customer.
        if (kidPrefix is not null && kidValid && movement.Kid is { } kid && kidPrefix.CustomerOf(kid) is { } number && book.CustomerByNumber(number) is { } byKid)
        {
            sources.Add((byKid, $"KID {kid} begins with customer number {number}"));
        }
        if (sources.Count == 0)
        {
            return Payer.Unknown;
        }
        var first = sources[0].Customer;
        if (sources.Any(s => s.Customer != first))
        {
            return new Payer(null, null, string.Join(", ", sources.Select(s => $"{s.Evidence} is customer {book.CustomerName(s.Customer)}")));
        }
        return new Payer(first, string.Join(", ", sources.Select(s => s.Evidence)), null);
    }

    /// <summary>Digits only; a Norwegian IBAN as its BBAN.</summary>
    public static string? NormaliseAccount(string? account)
    {
        if (CamtAccountNumbers.Normalise(account) is not { } normalised)
        {
            return null;
        }
        return normalised.Contains('.', StringComparison.Ordinal) ? normalised.Replace(".", "", StringComparison.Ordinal) : normalised;
    }

    private static string Printed(string account) =>
        AccountNumber.TryParse(account, out var parsed, out _) ? parsed!.Formatted : account;
}
