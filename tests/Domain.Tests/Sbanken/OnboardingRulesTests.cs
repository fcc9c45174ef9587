using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using static Bankflow.Domain.Tests.Sbanken.SbankenGiven;

namespace Bankflow.Domain.Tests.Sbanken;

public sealed class OnboardingRulesTests
{
    private static OnboardingValidation Check(CompletionRequest request) => OnboardingRules.Validate(request, Offered, Today);

    private static string[] Fields(OnboardingValidation v) => v.Issues.Select(i => i.Field).ToArray();

    [Fact]
    public void A_complete_choice_gives_the_agreement_with_only_the_activated_accounts()
    {
        var request = Request(
            Choice(Operating, "1920"),
            Choice(Salary, "1921", "remittance"),
            Choice(Tax, "1950", activate: false)) with { TaxWithholdingAccount = Salary };
        var result = Check(request);

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        var agreement = result.Agreement!;
        Assert.Equal(new DateOnly(2026, 1, 1), agreement.ConversionDate);
        Assert.Equal([Operating, Salary], agreement.Accounts.Select(a => a.Number.Value));
        var operating = agreement.Accounts[0];
        Assert.Equal("acc-op", operating.AccountId);
        Assert.Equal(SbankenServices.Both, operating.Services);
        Assert.True(operating.Reconciles && operating.Remits);
        Assert.Equal(new DateOnly(2026, 11, 1), operating.ReconciliationStartDate);
        Assert.Equal("7770", operating.FeeLedger.Number);
        Assert.Null(agreement.Accounts[1].ReconciliationStartDate);
        Assert.Equal(Operating, agreement.SalaryAccount.Value);
        Assert.Equal(Salary, agreement.TaxWithholdingAccount.Value);
    }

    [Fact]
    public void Seed_002_Pass_paa_at_du_ikke_legger_samme_hovedbokskonto_paa_flere_bankkontoer()
    {
        // "Pass på at du ikke legger samme hovedbokskonto på flere bankkontoer. Dette vil skape rot i
        // regnskapet og bankavstemmingen kan potensielt kræsje."
        var result = Check(Request(Choice(Operating, "1920"), Choice(Salary, "1920"), Choice(Tax, "1950")));

        Assert.False(result.IsValid);
        var issue = Assert.Single(result.Issues);
        Assert.Equal("accounts[1].ledgerAccount", issue.Field);
        Assert.Contains("1920 is already on accounts[0]", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_002_Oppstartsdatoen_kan_ikke_settes_tidligere_enn_konverteringsdato_paa_klienten()
    {
        // "Oppstartsdatoen kan ikke settes tidligere enn konverteringsdato på klienten."
        var result = Check(Request(Choice(Operating, "1920", start: "2025-12-31"), Choice(Tax, "1950", start: "2026-01-01")));

        var issue = Assert.Single(result.Issues);
        Assert.Equal("accounts[0].reconciliationStartDate", issue.Field);
        Assert.Contains("before the client's conversion date 2026-01-01", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_002_tjenester_remittering_bankavstemming_eller_begge_deler_and_a_start_date_only_with_reconciliation()
    {
        // "Deretter velger du tjenester for de kontoene du har aktivert; remittering, bankavstemming eller begge deler."
        var result = Check(Request(
            Choice(Operating, "1920", services: "ocr"),
            Choice(Salary, "1921", services: "reconciliation", start: null),
            Choice(Tax, "1950") with { Services = "remittance" }));

        Assert.Equal(["accounts[0].services", "accounts[1].reconciliationStartDate", "accounts[2].reconciliationStartDate"], Fields(result));
    }

    [Fact]
    public void Seed_002_Definer_saa_konto_for_bankgebyr_is_required_and_not_a_bank_ledger_account()
    {
        var result = Check(Request(Choice(Operating, "1920", fee: ""), Choice(Tax, "1950", fee: "1920")));

        Assert.Equal(["accounts[0].feeLedgerAccount", "accounts[1].feeLedgerAccount"], Fields(result));
    }

    [Fact]
    public void Seed_002_lonnskonto_driftskonto_og_skattetrekkskonto_must_be_given_and_activated()
    {
        // "Når det siste trinnet er fullført må du spesifisere lønnskonto, driftskonto og skattetrekkskonto"
        var request = Request(Choice(Operating, "1920"), Choice(Tax, "1950", activate: false)) with
        {
            SalaryAccount = null,
            OperatingAccount = "1234.56.789",
            TaxWithholdingAccount = Tax,
        };
        var result = Check(request);

        Assert.Equal(["salaryAccount", "operatingAccount", "taxWithholdingAccount"], Fields(result));
        Assert.Contains("activated", result.Issues[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_names_each_offending_field_not_offered_malformed_duplicate_and_before_conversion()
    {
        var request = new CompletionRequest("2026-01-01",
        [
            Choice(NotOffered, "1920"),
            Choice("9710.05.12348", "1921"),
            Choice(Operating, "1922", start: "2025-06-30"),
            Choice(Operating, "1923"),
            Choice(Tax, "1922"),
        ], Operating, Operating, Tax);
        var result = Check(request);

        Assert.Null(result.Agreement);
        Assert.Equal(
            [
                "accounts[0].accountNumber", // not offered
                "accounts[1].accountNumber", // check digit
                "accounts[2].reconciliationStartDate", // before conversion
                "accounts[3].accountNumber", // listed twice
                "accounts[4].ledgerAccount", // same ledger account as accounts[2]
                // salary/operating name accounts[2]: chosen for activation, so not reported again
            ],
            Fields(result));
        Assert.Contains("was not offered", result.Issues[0].Reason, StringComparison.Ordinal);
        Assert.Contains("MOD11", result.Issues[1].Reason, StringComparison.Ordinal);
        Assert.Contains("listed twice", result.Issues[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_malformed_conversion_date_and_future_start_dates_are_refused()
    {
        Assert.Equal(["conversionDate"], Fields(Check(Valid() with { ConversionDate = null })));
        Assert.Equal(["conversionDate"], Fields(Check(Valid() with { ConversionDate = "01.01.2026" })));
        var future = Check(Request(Choice(Operating, "1920", start: "2026-11-23"), Choice(Tax, "1950")));
        Assert.Equal(["accounts[0].reconciliationStartDate"], Fields(future));
        Assert.Contains("future", future.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_002_varsel_dersom_saldo_i_ERP_og_saldo_i_bank_avviker_paa_valgt_dato()
    {
        // "Du vil få et varsel dersom saldo i Go og saldo i bank avviker på valgt dato, men du kan gå videre"
        var agreement = Check(Request(Choice(Operating, "1920", erp: "1000.00"), Choice(Tax, "1950", erp: "250.50"))).Agreement!;

        var warning = OnboardingRules.CompareBalance(agreement.Accounts[0], Money.FromKroner(1200.25m));
        Assert.NotNull(warning);
        Assert.Equal(Money.FromKroner(200.25m), warning.Difference);
        Assert.Equal(new DateOnly(2026, 11, 1), warning.StartDate);
        Assert.Null(OnboardingRules.CompareBalance(agreement.Accounts[1], Money.FromKroner(250.50m)));
    }

    [Fact]
    public void No_balance_warning_without_an_ERP_balance_or_without_reconciliation()
    {
        var agreement = Check(Request(Choice(Operating, "1920"), Choice(Salary, "1921", "remittance", erp: "5.00"), Choice(Tax, "1950"))).Agreement!;

        Assert.All(agreement.Accounts, a => Assert.Null(OnboardingRules.CompareBalance(a, Money.FromKroner(99m))));
    }

    [Fact]
    public void An_ERP_balance_with_three_decimals_is_refused()
    {
        Assert.Equal(["accounts[0].erpBalance"], Fields(Check(Request(Choice(Operating, "1920", erp: "10.005"), Choice(Tax, "1950")))));
    }
}
