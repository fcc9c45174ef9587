using Bankflow.Domain.Dnb;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using static Bankflow.Domain.Tests.Dnb.DnbGiven;

namespace Bankflow.Domain.Tests.Dnb;

public sealed class DnbRegistrationTests
{
    private static DnbRegisteredAccount Registration(KidSetup? ocr = null) =>
        new(First, "4410087713", new DnbDivision("Bedrift Oslo", "0551"), ocr);

    [Fact]
    public void Seed_001_AvtaleID_division_name_and_number_are_filled_and_the_Nets_OCR_AvtaleID_left_empty()
    {
        var outcome = DnbRegistration.Apply(Registered(First) with { Bank = Bank.Other, FeeLedgerAccount = null }, Line(First), LedgerAccount.Parse("7771"), Registration(), Kid9Mod10);

        var a = outcome.Agreement;
        Assert.Equal(Bank.Dnb, a.Bank);
        Assert.Equal("4410087713", a.AvtaleId);
        Assert.Equal(new DnbDivision("Bedrift Oslo", "0551"), a.DnbDivision);
        Assert.Null(a.NetsOcrAvtaleId);
        Assert.Equal("7771", a.FeeLedgerAccount!.Number);
        Assert.Equal(ApprovalMode.PostApproval, a.ApprovalMode);
        Assert.Null(outcome.KidMismatch);
        Assert.Null(outcome.RgbRefusal);
        // What the bank rules demand of a DNB agreement holds: all three together.
        Assert.True(BankAgreementValidator.Validate(a, OrganisationNumber.Parse("974760673"), []).IsValid);
    }

    [Fact]
    public void A_matching_OCR_setup_orders_OCR_without_a_mismatch()
    {
        var outcome = DnbRegistration.Apply(Registered(First), Line(First, DnbServices.Ocr), Fee, Registration(Kid9Mod10), Kid9Mod10);

        Assert.True(outcome.Agreement.OcrAgreement);
        Assert.Null(outcome.KidMismatch);
    }

    [Fact]
    public void Seed_001_a_KID_mismatch_says_what_differs_and_what_to_change()
    {
        var bank = KidSetup.Create(10, KidCheck.Mod11);
        var outcome = DnbRegistration.Apply(Registered(First), Line(First, DnbServices.Ocr), Fee, Registration(bank), Kid9Mod10);

        Assert.True(outcome.Agreement.OcrAgreement);
        var message = outcome.KidMismatch!;
        Assert.Contains("length 10 at DNB, 9 in the invoice settings", message, StringComparison.Ordinal);
        Assert.Contains("check digit MOD11 at DNB, MOD10 in the invoice settings", message, StringComparison.Ordinal);
        Assert.Contains("change the KID setup in the invoice settings to 10 digits, MOD11", message, StringComparison.Ordinal);
        Assert.Contains(First.Formatted, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_check_digit_differing_is_a_mismatch_too()
    {
        Assert.NotNull(DnbRegistration.KidMismatch(First, Kid9Mod10, KidSetup.Create(9, KidCheck.Mod11)));
        Assert.Null(DnbRegistration.KidMismatch(First, Kid9Mod10, KidSetup.Create(9, KidCheck.Mod10)));
    }

    [Fact]
    public void The_RgB_late_order_switches_to_accounting_approved_payments()
    {
        var outcome = DnbRegistration.Apply(RegisteredAtDnb(First), Line(First, DnbServices.None, rgb: true), Fee, Registration(), null);

        Assert.Equal(ApprovalMode.AccountingApproved, outcome.Agreement.ApprovalMode);
        Assert.Null(outcome.RgbRefusal);
    }

    [Fact]
    public void RgB_is_not_switched_on_when_dual_approval_appeared_meanwhile()
    {
        var outcome = DnbRegistration.Apply(RegisteredAtDnb(First) with { DualApprovalInBank = true }, Line(First, DnbServices.None, rgb: true), Fee, Registration(), null);

        Assert.Equal(ApprovalMode.PostApproval, outcome.Agreement.ApprovalMode);
        Assert.Contains("dual approval", outcome.RgbRefusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, KidCheck.Mod10)]
    [InlineData(26, KidCheck.Mod10)]
    [InlineData(9, KidCheck.None)]
    [InlineData(9, KidCheck.Mod10 | KidCheck.Mod11)]
    public void A_KID_setup_has_2_to_25_digits_and_one_algorithm(int length, KidCheck check) =>
        Assert.False(KidSetup.TryCreate(length, check, out _, out _));
}
