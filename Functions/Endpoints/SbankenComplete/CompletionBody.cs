using System.Text.Json;
using Bankflow.Domain.Sbanken;

namespace Bankflow.Functions.Endpoints.SbankenComplete;

/// <summary>
/// The completion's JSON body:
/// <code>
/// { "conversionDate": "2026-01-01", "acceptBalanceDifferences": false,
///   "accounts": [ { "accountNumber": "97100512347", "activate": true, "ledgerAccount": "1920",
///                   "services": "both", "feeLedgerAccount": "7770", "reconciliationStartDate": "2026-11-01",
///                   "erpBalance": "10500.00" } ],
///   "salaryAccount": "…", "operatingAccount": "…", "taxWithholdingAccount": "…" }
/// </code>
/// Amounts are decimal kroner as a string or a number. Texts are taken as they come: the rules check them.
/// </summary>
internal sealed record CompletionBody(
    string? ConversionDate,
    bool? AcceptBalanceDifferences,
    List<AccountBody>? Accounts,
    string? SalaryAccount,
    string? OperatingAccount,
    string? TaxWithholdingAccount)
{
    public CompletionRequest ToRequest() => new(
        ConversionDate,
        (Accounts ?? []).Select(a => a ?? new AccountBody(null, null, null, null, null, null, null)).Select(a => new AccountChoice(
            a.AccountNumber, a.Activate ?? false, a.LedgerAccount, a.Services, a.FeeLedgerAccount, a.ReconciliationStartDate, Amount(a.ErpBalance))).ToList(),
        SalaryAccount, OperatingAccount, TaxWithholdingAccount);

    private static string? Amount(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        _ => null,
    };
}

internal sealed record AccountBody(
    string? AccountNumber,
    bool? Activate,
    string? LedgerAccount,
    string? Services,
    string? FeeLedgerAccount,
    string? ReconciliationStartDate,
    JsonElement? ErpBalance);
