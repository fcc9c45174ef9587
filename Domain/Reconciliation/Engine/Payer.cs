using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

internal enum PayerSourceKind
{
    Account,
    Name,
    KidPrefix,
}

/// <summary>One way the movement names a customer.</summary>
/// <param name="Value">The account (digits), the name as written, or the KID.</param>
internal readonly record struct PayerSource(PayerSourceKind Kind, string Customer, string Value, string? Detail = null)
{
    public string Describe() => Kind switch
    {
        PayerSourceKind.Account => $"account {(AccountNumber.TryParse(Value, out var parsed, out _) ? parsed!.Formatted : Value)}",
        PayerSourceKind.Name => $"name {Value.Trim()}",
        _ => $"KID {Value} begins with customer number {Detail}",
    };
}

/// <summary>Who paid, as far as the movement tells: a customer, nobody known, or sources that disagree.</summary>
internal sealed class Payer
{
    public static readonly Payer Unknown = new([]);

    public Payer(IReadOnlyList<PayerSource> sources)
    {
        Sources = sources;
        if (sources.Count == 0)
        {
            return;
        }
        for (var i = 1; i < sources.Count; i++)
        {
            if (sources[i].Customer != sources[0].Customer)
            {
                return;
            }
        }
        CustomerId = sources[0].Customer;
    }

    public IReadOnlyList<PayerSource> Sources { get; }

    /// <summary>The customer every source names; null when none does or they disagree.</summary>
    public string? CustomerId { get; }

    public bool IsConflicting => Sources.Count > 0 && CustomerId is null;

    /// <summary>How the customer was recognised ("account 1234.56.78903, name Fjord AS"), written on first use.</summary>
    public string Evidence => _evidence ??= string.Join(", ", Sources.Select(s => s.Describe()));

    private string? _evidence;

    /// <summary>"account … is customer A, name … is customer B".</summary>
    public string Conflict(OpenItemBook book) => string.Join(", ", Sources.Select(s => $"{s.Describe()} is customer {book.CustomerName(s.Customer)}"));
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
        // At most three sources, kept in an array of the size found.
        PayerSource? byAccountSource = null, byNameSource = null, byKidSource = null;
        if (_customerByAccount.Count > 0 && NormaliseAccount(movement.CounterpartyAccount) is { } account
            && _customerByAccount.TryGetValue(account, out var byAccount) && byAccount is not null)
        {
            byAccountSource = new PayerSource(PayerSourceKind.Account, byAccount, account);
        }
        if (book.CustomerByName(movement.CounterpartyName) is { } byName)
        {
            byNameSource = new PayerSource(PayerSourceKind.Name, byName, movement.CounterpartyName!);
        }
        // Only a KID with a valid check digit: a mistyped one may name another customer.
        if (kidPrefix is not null && kidValid && movement.Kid is { } kid && kidPrefix.CustomerOf(kid) is { } number && book.CustomerByNumber(number) is { } byKid)
        {
            byKidSource = new PayerSource(PayerSourceKind.KidPrefix, byKid, kid, number);
        }
        var count = (byAccountSource is null ? 0 : 1) + (byNameSource is null ? 0 : 1) + (byKidSource is null ? 0 : 1);
        if (count == 0)
        {
            return Payer.Unknown;
        }
        var sources = new PayerSource[count];
        count = 0;
        foreach (var source in (ReadOnlySpan<PayerSource?>)[byAccountSource, byNameSource, byKidSource])
        {
            if (source is { } s)
            {
                sources[count++] = s;
            }
        }
        return new Payer(sources);
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
}
