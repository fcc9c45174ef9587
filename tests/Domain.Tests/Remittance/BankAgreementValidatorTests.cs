using Bankflow.Domain.Remittance;

namespace Bankflow.Domain.Tests.Remittance;

public sealed class BankAgreementValidatorTests
{
    private static AgreementValidation Validate(BankAgreement agreement, params BankAgreement[] others) =>
        BankAgreementValidator.Validate(agreement, Given.Org, others);

    [Fact]
    public void A_complete_DNB_agreement_is_valid()
    {
        var result = Validate(Given.DnbAgreement());
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Notifications);
    }

    /// <summary>
    /// Seeds 000 and 001: "Er avtale i banken satt opp med dobbel godkjenning, kan ikke dette kombineres med
    /// regnskapsgodkjente betalinger i POGO. Bankkonto i POGO må da settes opp med ettergodkjenning i nettbank".
    /// </summary>
    [Fact]
    public void Dobbel_godkjenning_kan_ikke_kombineres_med_regnskapsgodkjente_betalinger()
    {
        var rgbWithDual = Given.DnbAgreement(mode: ApprovalMode.AccountingApproved) with { DualApprovalInBank = true };
        var error = Assert.Single(Validate(rgbWithDual).Errors);
        Assert.Equal("approvalMode", error.Field);
        Assert.Contains("dual approval", error.Reason, StringComparison.Ordinal);

        // "må da settes opp med ettergodkjenning i nettbank": the same with post-approval is fine.
        Assert.True(Validate(rgbWithDual with { ApprovalMode = ApprovalMode.PostApproval }).IsValid);
        Assert.True(Validate(rgbWithDual with { DualApprovalInBank = false }).IsValid);
    }

    /// <summary>
    /// Seed 000: "Handelsbanken ... vil de innføre krav til ettergodkjenning av alle betalinger ... I første omgang er
    /// dette begrenset til nye avtaler med gyldighet fra 6. desember 2019." The date is the agreement's validity
    /// start; older agreements "vil fungere som normalt inntil videre".
    /// </summary>
    [Theory]
    [InlineData("2019-12-05", ApprovalMode.AccountingApproved, true)] // an existing agreement keeps RgB
    [InlineData("2019-12-06", ApprovalMode.AccountingApproved, false)] // "med gyldighet fra 6. desember 2019"
    [InlineData("2024-03-01", ApprovalMode.AccountingApproved, false)]
    [InlineData("2019-12-06", ApprovalMode.PostApproval, true)]
    public void Handelsbanken_krav_til_ettergodkjenning_for_avtaler_med_gyldighet_fra_6_desember_2019(string validFrom, ApprovalMode mode, bool valid)
    {
        var agreement = Given.HandelsbankenAgreement(DateOnly.Parse(validFrom, System.Globalization.CultureInfo.InvariantCulture), mode);
        var result = Validate(agreement);
        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal("approvalMode", Assert.Single(result.Errors).Field);
        }
    }

    /// <summary>Seed 000: "Nets Direkte remittering omfattes av samme lovkrav ... vil ikke lenger være mulig fra samme dato."</summary>
    [Fact]
    public void Nets_Direkte_remittering_på_konto_i_Handelsbanken_ikke_mulig_fra_samme_dato()
    {
        var agreement = Given.HandelsbankenAgreement(new DateOnly(2020, 1, 1)) with { PayoutService = PayoutService.NetsDirectRemittance };
        Assert.Equal("payoutService", Assert.Single(Validate(agreement).Errors).Field);
        Assert.True(Validate(agreement with { ValidFrom = new DateOnly(2019, 1, 1) }).IsValid);
    }

    /// <summary>Seed 000: "legg inn bedriftens organisasjonsnummer som AvtaleID".</summary>
    [Theory]
    [InlineData("974760673", true)]
    [InlineData("974 760 673", true)]
    [InlineData("123456785", false)] // another (valid) organisation number
    [InlineData(null, false)]
    public void Handelsbanken_AvtaleID_er_bedriftens_organisasjonsnummer(string? avtaleId, bool valid)
    {
        var agreement = Given.HandelsbankenAgreement(new DateOnly(2021, 1, 1)) with { AvtaleId = avtaleId };
        var result = Validate(agreement);
        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal("avtaleId", Assert.Single(result.Errors).Field);
        }
    }

    /// <summary>
    /// Seed 002: "Pass på at du ikke legger samme hovedbokskonto på flere bankkontoer. Dette vil skape rot i
    /// regnskapet og bankavstemmingen kan potensielt kræsje."
    /// </summary>
    [Fact]
    public void Ikke_samme_hovedbokskonto_på_flere_bankkontoer()
    {
        var first = Given.DnbAgreement(Given.Account, ledger: "1920");
        var second = Given.DnbAgreement(Given.OtherAccount, ledger: "1920");
        var error = Assert.Single(Validate(second, first).Errors);
        Assert.Equal("ledgerAccount", error.Field);
        Assert.Contains("8601.11.17947", error.Reason, StringComparison.Ordinal);

        Assert.True(Validate(second with { LedgerAccount = Bankflow.Domain.Remittance.LedgerAccount.Parse("1921") }, first).IsValid);
        // The account's own stored settings are not a conflict with themselves.
        Assert.True(Validate(first, first).IsValid);
    }

    [Fact]
    public void A_bank_account_maps_to_exactly_one_ledger_account_so_one_must_be_set()
    {
        var error = Assert.Single(Validate(Given.DnbAgreement() with { LedgerAccount = null }).Errors);
        Assert.Equal("ledgerAccount", error.Field);
    }

    /// <summary>Seed 000: "Fyll inn konto for bank- og kortgebyr"; seed 001: "legg inn konto for bankgebyr (eks. 7770)".</summary>
    [Fact]
    public void Konto_for_bankgebyr_is_required_when_payments_are_sent()
    {
        Assert.Equal("feeLedgerAccount", Assert.Single(Validate(Given.DnbAgreement() with { FeeLedgerAccount = null }).Errors).Field);
    }

    /// <summary>
    /// Seed 001: "Ved bestilling av OCR-avtale, må du på forhånd ha aktivert fakturering med KID ... må «Nets Ocr» være
    /// registrert under «Innbetalinger» ... Ved mismatch ... vil man få en feilmelding i varslingscenteret" —
    /// a notification, not a refusal.
    /// </summary>
    [Fact]
    public void OCR_avtale_krever_fakturering_med_KID_og_Nets_Ocr_under_Innbetalinger()
    {
        var ocrOnly = Given.DnbAgreement() with { OcrAgreement = true };
        var result = Validate(ocrOnly);
        Assert.True(result.IsValid);
        Assert.Equal(["kidInvoicingEnabled", "incomingServices"], result.Notifications.Select(n => n.Field));

        var complete = ocrOnly with { KidInvoicingEnabled = true, IncomingServices = IncomingServices.NetsOcr };
        Assert.Empty(Validate(complete).Notifications);
    }

    /// <summary>Seed 001: the accounts "har fått automatisk utfylt AvtaleID, Divisjonsnavn og Divisjonsnummer".</summary>
    [Fact]
    public void DNB_fills_in_AvtaleID_and_division_together()
    {
        var pending = Given.DnbAgreement() with { AvtaleId = null, DnbDivision = null };
        var result = Validate(pending);
        Assert.True(result.IsValid);
        Assert.Equal("avtaleId", Assert.Single(result.Notifications).Field);

        Assert.Equal("dnbDivision", Assert.Single(Validate(Given.DnbAgreement() with { DnbDivision = null }).Errors).Field);
    }

    [Fact]
    public void A_settings_change_that_breaks_a_rule_is_refused_with_the_field()
    {
        var stored = Given.DnbAgreement(mode: ApprovalMode.AccountingApproved);
        Assert.True(Validate(stored).IsValid);
        var changed = stored with { DualApprovalInBank = true, LedgerAccount = null };
        Assert.Equal(["approvalMode", "ledgerAccount"], Validate(changed, stored).Errors.Select(e => e.Field));
    }
}
