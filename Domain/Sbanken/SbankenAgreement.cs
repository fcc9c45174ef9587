using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Sbanken;

/// <summary>The services a bank account is used for (seed 002: "remittering, bankavstemming eller begge deler").</summary>
public enum SbankenServices
{
    /// <summary>Remittering: payments are sent from the ERP.</summary>
    Remittance,

    /// <summary>Bankavstemming: the account's transactions are read every morning for reconciliation.</summary>
    Reconciliation,

    Both,
}

/// <summary>An account the signed-in user may administer, as offered for selection after BankID.</summary>
/// <param name="AccountId">Sbanken's opaque account id (used in API paths).</param>
/// <param name="Balance">Booked balance now.</param>
public sealed record OfferedAccount(string AccountId, string AccountNumber, string Name, string? AccountType, Money Balance, Money Available);

/// <summary>An activated bank account in the agreement.</summary>
/// <param name="ReconciliationStartDate">First day read for reconciliation; set exactly when <see cref="Reconciles"/>.</param>
/// <param name="ErpBalance">The ERP's balance on the start date as sent at completion (kept for the record).</param>
public sealed record ActiveAccount(
    string AccountId,
    AccountNumber Number,
    string Name,
    LedgerAccount Ledger,
    SbankenServices Services,
    LedgerAccount FeeLedger,
    DateOnly? ReconciliationStartDate,
    Money? ErpBalance)
{
    public bool Reconciles => Services is SbankenServices.Reconciliation or SbankenServices.Both;

    public bool Remits => Services is SbankenServices.Remittance or SbankenServices.Both;
}

/// <summary>
/// A client's whole Sbanken agreement after onboarding. Running onboarding again replaces it as a whole.
/// </summary>
/// <param name="SalaryAccount">Lønnskonto.</param>
/// <param name="OperatingAccount">Driftskonto.</param>
/// <param name="TaxWithholdingAccount">Skattetrekkskonto.</param>
public sealed record SbankenAgreement(
    DateOnly ConversionDate,
    IReadOnlyList<ActiveAccount> Accounts,
    AccountNumber SalaryAccount,
    AccountNumber OperatingAccount,
    AccountNumber TaxWithholdingAccount);

/// <summary>Saldo i ERP og saldo i bank avviker på startdatoen: a warning, never a refusal.</summary>
public sealed record BalanceWarning(string AccountNumber, DateOnly StartDate, Money ErpBalance, Money BankBalance)
{
    /// <summary>Bank minus ERP: what the ERP's ledger account must be corrected by.</summary>
    public Money Difference => BankBalance - ErpBalance;

    public string Message =>
        $"the bank balance of {AccountNumber} at the start of {StartDate:yyyy-MM-dd} is {BankBalance} but the ERP has {ErpBalance} (difference {Difference}); " +
        "you may go on and correct the ERP balance (recommended at once), or leave this account out of the onboarding";
}
