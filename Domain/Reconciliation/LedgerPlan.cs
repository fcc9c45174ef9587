using Bankflow.Domain.Remittance;

namespace Bankflow.Domain.Reconciliation;

/// <summary>The ledger accounts of one bank account: where it is booked (hovedbokskonto) and where its fees go.</summary>
public sealed record BankAccountLedgers(LedgerAccount Ledger, LedgerAccount? FeeLedger);

/// <summary>
/// Which general-ledger accounts posting proposals use. Defaults follow NS 4102: 1920 bank deposits,
/// 1500 customer receivables (kundefordringer), 2400 supplier payables (leverandørgjeld), 7770 bank fees.
/// </summary>
public sealed record LedgerPlan
{
    public LedgerAccount CustomerLedger { get; init; } = LedgerAccount.Parse("1500");

    public LedgerAccount SupplierLedger { get; init; } = LedgerAccount.Parse("2400");

    /// <summary>For a bank account without its own entry in <see cref="BankAccounts"/>.</summary>
    public LedgerAccount DefaultBankLedger { get; init; } = LedgerAccount.Parse("1920");

    /// <summary>For a bank account whose agreement names no fee account.</summary>
    public LedgerAccount DefaultFeeLedger { get; init; } = LedgerAccount.Parse("7770");

    /// <summary>Per bank account (the movement's <see cref="BankMovement.Account"/>).</summary>
    public IReadOnlyDictionary<string, BankAccountLedgers> BankAccounts { get; init; } = new Dictionary<string, BankAccountLedgers>();

    public LedgerAccount BankLedgerFor(string account) =>
        BankAccounts.TryGetValue(account, out var ledgers) ? ledgers.Ledger : DefaultBankLedger;

    public LedgerAccount FeeLedgerFor(string account) =>
        BankAccounts.TryGetValue(account, out var ledgers) && ledgers.FeeLedger is { } fee ? fee : DefaultFeeLedger;

    /// <summary>The plan the client's bank agreements describe (agreements without a ledger account use the default).</summary>
    public static LedgerPlan From(IEnumerable<BankAgreement> agreements)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        var plan = new LedgerPlan();
        var accounts = new Dictionary<string, BankAccountLedgers>(StringComparer.Ordinal);
        foreach (var agreement in agreements)
        {
            accounts[agreement.BankAccount.Value] = new BankAccountLedgers(agreement.LedgerAccount ?? plan.DefaultBankLedger, agreement.FeeLedgerAccount);
        }
        return plan with { BankAccounts = accounts };
    }
}
