using Bankflow.Domain.Dnb;
using Bankflow.Domain.Remittance;
using static Bankflow.Domain.Tests.Dnb.DnbGiven;

namespace Bankflow.Domain.Tests.Dnb;

public sealed class DnbOrderRulesTests
{
    private static IReadOnlyList<FieldIssue> Check(DnbOrderRequest request, params BankAgreement[] registered) => DnbOrderRules.Validate(request, registered);

    [Fact]
    public void An_order_of_registered_DNB_accounts_ready_for_OCR_passes()
    {
        var errors = Check(Order(Line(Accounts[0], DnbServices.Remittance | DnbServices.Ocr | DnbServices.Reconciliation), Line(Accounts[1])),
            Registered(Accounts[0]), Registered(Accounts[1], 1921));

        Assert.Empty(errors);
    }

    [Fact]
    public void Seed_001_accounts_must_be_registered_on_the_client_before_ordering()
    {
        var errors = Check(Order(Line(Accounts[0]), Line(Accounts[1])), Registered(Accounts[0]));

        var error = Assert.Single(errors);
        Assert.Equal("accounts[1].accountNumber", error.Field);
        Assert.Contains("not registered on this client", error.Reason, StringComparison.Ordinal);
        Assert.Contains(Accounts[1].Formatted, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_whose_bank_code_is_not_DNBs_is_refused_naming_the_code()
    {
        var errors = Check(Order(Line(NotDnb)), Registered(NotDnb));

        var error = Assert.Single(errors);
        Assert.Equal("accounts[0].accountNumber", error.Field);
        Assert.Contains("not a DNB account: bank code 8601", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_error_per_cause_an_unregistered_foreign_account_gives_two()
    {
        var errors = Check(Order(Line(NotDnb)));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("accounts[0].accountNumber", e.Field));
    }

    [Fact]
    public void Seed_001_OCR_needs_KID_invoicing_active()
    {
        var errors = Check(Order(Line(First, DnbServices.Ocr)), Registered(First) with { KidInvoicingEnabled = false });

        var error = Assert.Single(errors);
        Assert.Equal("accounts[0].services", error.Field);
        Assert.Contains("invoicing with KID", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_001_OCR_needs_Nets_Ocr_registered_under_incoming_payments_on_that_account()
    {
        var errors = Check(Order(Line(First, DnbServices.Ocr)), Registered(First) with { IncomingServices = IncomingServices.None });

        var error = Assert.Single(errors);
        Assert.Contains("«Nets Ocr»", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OCR_without_either_prerequisite_gives_both_errors()
    {
        var errors = Check(Order(Line(First, DnbServices.Ocr)), Registered(First) with { IncomingServices = IncomingServices.None, KidInvoicingEnabled = false });

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void OCR_needs_the_clients_KID_setup_to_compare_with_the_bank()
    {
        var errors = Check(Order(Line(First, DnbServices.Ocr)) with { ClientKidSetup = null }, Registered(First));

        Assert.Equal("kidSetup", Assert.Single(errors).Field);
    }

    [Fact]
    public void Seed_001_at_most_six_accounts_per_order()
    {
        var six = Accounts.Take(6).ToArray();
        var registered = Accounts.Select((a, i) => Registered(a, 1920 + i)).ToArray();

        Assert.Empty(Check(Order([.. six.Select(a => Line(a))]), registered));
        var errors = Check(Order([.. Accounts.Select(a => Line(a))]), registered);
        var error = Assert.Single(errors);
        Assert.Equal("accounts", error.Field);
        Assert.Contains("at most 6 accounts", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_order_an_account_twice_and_a_line_without_services_are_refused()
    {
        Assert.Equal("accounts", Assert.Single(Check(Order())).Field);
        Assert.Equal("accounts[1].accountNumber", Assert.Single(Check(Order(Line(First), Line(First)), Registered(First))).Field);
        Assert.Equal("accounts[0].services", Assert.Single(Check(Order(Line(First, DnbServices.None)), Registered(First))).Field);
    }

    [Fact]
    public void Seed_001_RgB_late_order_on_a_registered_post_approval_agreement_passes()
    {
        Assert.Empty(Check(Order(Line(First, DnbServices.None, rgb: true)), RegisteredAtDnb(First)));
    }

    [Fact]
    public void Seed_001_RgB_is_refused_while_the_bank_agreement_has_dual_approval()
    {
        var errors = Check(Order(Line(First, DnbServices.None, rgb: true)), RegisteredAtDnb(First) with { DualApprovalInBank = true });

        var error = Assert.Single(errors);
        Assert.Equal("accounts[0].accountingApprovedPayments", error.Field);
        Assert.Contains("dual approval", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RgB_is_a_late_order_it_needs_a_registered_agreement_not_already_RgB_and_payments()
    {
        Assert.Contains("no AvtaleID", Assert.Single(Check(Order(Line(First, DnbServices.None, rgb: true)), Registered(First))).Reason, StringComparison.Ordinal);
        Assert.Contains("already uses", Assert.Single(Check(Order(Line(First, DnbServices.None, rgb: true)),
            RegisteredAtDnb(First) with { ApprovalMode = ApprovalMode.AccountingApproved })).Reason, StringComparison.Ordinal);
        Assert.Contains("sends none", Assert.Single(Check(Order(Line(First, DnbServices.None, rgb: true)),
            RegisteredAtDnb(First) with { PayoutService = PayoutService.None })).Reason, StringComparison.Ordinal);
    }
}
