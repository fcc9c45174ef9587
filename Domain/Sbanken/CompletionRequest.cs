namespace Bankflow.Domain.Sbanken;

/// <summary>
/// The accountant's choice for one offered account, as received (texts unchecked: <see cref="OnboardingRules"/>
/// checks them and names each offending field).
/// </summary>
/// <param name="Services">"remittance", "reconciliation" or "both".</param>
/// <param name="ReconciliationStartDate">yyyy-MM-dd.</param>
/// <param name="ErpBalance">The ERP's balance of the ledger account at the start of the start date, e.g. "1234.50".</param>
public sealed record AccountChoice(
    string? AccountNumber,
    bool Activate,
    string? LedgerAccount,
    string? Services,
    string? FeeLedgerAccount,
    string? ReconciliationStartDate,
    string? ErpBalance);

/// <summary>The onboarding's last step as received.</summary>
/// <param name="ConversionDate">Konverteringsdato: the client's first date with books in the ERP (yyyy-MM-dd), sent by the ERP.</param>
public sealed record CompletionRequest(
    string? ConversionDate,
    IReadOnlyList<AccountChoice> Accounts,
    string? SalaryAccount,
    string? OperatingAccount,
    string? TaxWithholdingAccount);
