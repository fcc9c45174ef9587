using System.Globalization;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Sbanken;

/// <summary>The outcome of checking a completion: the agreement, or every offending field.</summary>
public sealed record OnboardingValidation(SbankenAgreement? Agreement, IReadOnlyList<FieldIssue> Issues)
{
    public bool IsValid => Agreement is not null;
}

/// <summary>
/// The rules of seed 002 for the onboarding's last step. Every problem is reported with its JSON field name
/// (<c>accounts[1].ledgerAccount</c>, …) so the screen can point at it; nothing is half-accepted.
/// </summary>
public static class OnboardingRules
{
    public static OnboardingValidation Validate(CompletionRequest request, IReadOnlyList<OfferedAccount> offered, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(offered);
        var issues = new List<FieldIssue>();

        DateOnly? conversion = null;
        if (string.IsNullOrWhiteSpace(request.ConversionDate))
        {
            issues.Add(new FieldIssue("conversionDate", "the client's conversion date (yyyy-MM-dd) is required"));
        }
        else if (TryDate(request.ConversionDate, out var c))
        {
            conversion = c;
        }
        else
        {
            issues.Add(new FieldIssue("conversionDate", $"expected a date yyyy-MM-dd, found '{request.ConversionDate}'"));
        }

        var offeredByNumber = offered.ToDictionary(a => a.AccountNumber, StringComparer.Ordinal);
        var seenNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var ledgerOwners = new Dictionary<string, int>(StringComparer.Ordinal);
        var active = new List<ActiveAccount>();
        var feeLedgers = new List<(int Index, LedgerAccount Fee)>();
        // Offered accounts chosen for activation, even if another of their fields is wrong: the payment
        // accounts below are checked against these, so one wrong field is reported once, not three times.
        var activated = new HashSet<string>(StringComparer.Ordinal);

        if (request.Accounts is null || request.Accounts.Count == 0)
        {
            issues.Add(new FieldIssue("accounts", "list the offered accounts with activate true or false"));
        }
        for (var i = 0; i < (request.Accounts?.Count ?? 0); i++)
        {
            var choice = request.Accounts![i];
            var at = $"accounts[{i}]";
            if (!AccountNumber.TryParse(choice.AccountNumber, out var number, out var numberError))
            {
                issues.Add(new FieldIssue($"{at}.accountNumber", numberError!));
                continue;
            }
            if (seenNumbers.TryGetValue(number!.Value, out var first))
            {
                issues.Add(new FieldIssue($"{at}.accountNumber", $"account {number.Formatted} is listed twice (also as accounts[{first}])"));
                continue;
            }
            seenNumbers[number.Value] = i;
            if (!offeredByNumber.TryGetValue(number.Value, out var offer))
            {
                issues.Add(new FieldIssue($"{at}.accountNumber", $"account {number.Formatted} was not offered to you at Sbanken: only accounts you may administer can be activated"));
                continue;
            }
            if (!choice.Activate)
            {
                continue; // "Kontoer som ikke skal aktiveres kan hakes bort."
            }
            activated.Add(number.Value);

            LedgerAccount? ledger = null;
            if (!LedgerAccount.TryParse(choice.LedgerAccount, out ledger, out var ledgerError))
            {
                issues.Add(new FieldIssue($"{at}.ledgerAccount", ledgerError!));
            }
            else if (ledgerOwners.TryGetValue(ledger!.Number, out var owner))
            {
                // Seed 002: "Pass på at du ikke legger samme hovedbokskonto på flere bankkontoer."
                issues.Add(new FieldIssue($"{at}.ledgerAccount",
                    $"ledger account {ledger.Number} is already on accounts[{owner}]: one ledger account on several bank accounts makes a mess of the books and can break bank reconciliation"));
            }
            else
            {
                ledgerOwners[ledger.Number] = i;
            }

            SbankenServices? services = choice.Services?.Trim().ToLowerInvariant() switch
            {
                "remittance" => SbankenServices.Remittance,
                "reconciliation" => SbankenServices.Reconciliation,
                "both" => SbankenServices.Both,
                _ => null,
            };
            if (services is null)
            {
                issues.Add(new FieldIssue($"{at}.services", $"expected 'remittance', 'reconciliation' or 'both', found '{choice.Services}'"));
            }

            if (!LedgerAccount.TryParse(choice.FeeLedgerAccount, out var fee, out var feeError))
            {
                issues.Add(new FieldIssue($"{at}.feeLedgerAccount", "the ledger account for bank fees is required: " + feeError));
            }
            else
            {
                feeLedgers.Add((i, fee!));
            }

            DateOnly? start = null;
            var reconciles = services is SbankenServices.Reconciliation or SbankenServices.Both;
            if (reconciles)
            {
                if (string.IsNullOrWhiteSpace(choice.ReconciliationStartDate))
                {
                    issues.Add(new FieldIssue($"{at}.reconciliationStartDate", "a start date (yyyy-MM-dd) is required for bank reconciliation"));
                }
                else if (!TryDate(choice.ReconciliationStartDate, out var s))
                {
                    issues.Add(new FieldIssue($"{at}.reconciliationStartDate", $"expected a date yyyy-MM-dd, found '{choice.ReconciliationStartDate}'"));
                }
                else if (conversion is { } conv && s < conv)
                {
                    // Seed 002: "Oppstartsdatoen kan ikke settes tidligere enn konverteringsdato på klienten."
                    issues.Add(new FieldIssue($"{at}.reconciliationStartDate",
                        $"the start date {s:yyyy-MM-dd} is before the client's conversion date {conv:yyyy-MM-dd}; it cannot be earlier"));
                }
                else if (s > today)
                {
                    issues.Add(new FieldIssue($"{at}.reconciliationStartDate", $"the start date {s:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})"));
                }
                else
                {
                    start = s;
                }
            }
            else if (services is not null && !string.IsNullOrWhiteSpace(choice.ReconciliationStartDate))
            {
                issues.Add(new FieldIssue($"{at}.reconciliationStartDate", "a start date only applies to accounts with bank reconciliation"));
            }

            Money? erpBalance = null;
            if (!string.IsNullOrWhiteSpace(choice.ErpBalance))
            {
                if (Money.TryParse(choice.ErpBalance, out var money, out var moneyError))
                {
                    erpBalance = money;
                }
                else
                {
                    issues.Add(new FieldIssue($"{at}.erpBalance", moneyError!));
                }
            }

            if (ledger is not null && services is { } svc && fee is not null && (!reconciles || start is not null))
            {
                active.Add(new ActiveAccount(offer.AccountId, number, offer.Name, ledger, svc, fee, start, erpBalance));
            }
        }

        foreach (var (index, fee) in feeLedgers)
        {
            if (ledgerOwners.TryGetValue(fee.Number, out var owner))
            {
                issues.Add(new FieldIssue($"accounts[{index}].feeLedgerAccount",
                    $"ledger account {fee.Number} is the bank ledger account of accounts[{owner}]; bank fees need an expense account of their own"));
            }
        }

        if (request.Accounts is { Count: > 0 } && seenNumbers.Count > 0 && !request.Accounts.Any(a => a.Activate))
        {
            issues.Add(new FieldIssue("accounts", "activate at least one account"));
        }

        var salary = PaymentAccount("salaryAccount", "salary account (lønnskonto)", request.SalaryAccount, activated, issues);
        var operating = PaymentAccount("operatingAccount", "operating account (driftskonto)", request.OperatingAccount, activated, issues);
        var tax = PaymentAccount("taxWithholdingAccount", "tax-withholding account (skattetrekkskonto)", request.TaxWithholdingAccount, activated, issues);

        if (issues.Count > 0)
        {
            return new OnboardingValidation(null, issues);
        }
        return new OnboardingValidation(new SbankenAgreement(conversion!.Value, active, salary!, operating!, tax!), []);
    }

    /// <summary>
    /// Seed 002: "Du vil få et varsel dersom saldo i Go og saldo i bank avviker på valgt dato" — one warning per
    /// reconciliation account whose ERP balance was sent and differs from the bank's opening balance of the start date.
    /// </summary>
    public static BalanceWarning? CompareBalance(ActiveAccount account, Money bankOpeningBalance)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!account.Reconciles || account.ReconciliationStartDate is not { } start || account.ErpBalance is not { } erp || erp == bankOpeningBalance)
        {
            return null;
        }
        return new BalanceWarning(account.Number.Value, start, erp, bankOpeningBalance);
    }

    private static AccountNumber? PaymentAccount(string field, string what, string? text, IReadOnlySet<string> activeNumbers, List<FieldIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            issues.Add(new FieldIssue(field, $"the {what} is required"));
            return null;
        }
        if (!AccountNumber.TryParse(text, out var number, out var error))
        {
            issues.Add(new FieldIssue(field, error!));
            return null;
        }
        if (!activeNumbers.Contains(number!.Value))
        {
            issues.Add(new FieldIssue(field, $"the {what} {number.Formatted} must be one of the accounts activated in this onboarding"));
            return null;
        }
        return number;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
