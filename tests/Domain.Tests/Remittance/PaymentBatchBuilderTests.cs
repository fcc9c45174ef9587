using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Remittance;

public sealed class PaymentBatchBuilderTests
{
    [Fact]
    public void Valid_instructions_become_a_batch()
    {
        var batch = Given.SampleBatch();
        Assert.Equal(3, batch.Payments.Count);
        Assert.Equal(new Money(1_284_000), batch.Total); // 4500.00 + 7340.00 + 1000.00 = 12840.00
        Assert.Equal(Bank.Dnb, batch.Bank);
        Assert.True(batch.RequiresOnlineBankApproval);
        Assert.All(batch.Payments, p => Assert.Equal(PaymentStatus.Created, p.Status));
        Assert.Equal(["PAY-20240523-0001-1", "PAY-20240523-0001-2", "PAY-20240523-0001-3"], batch.Payments.Select(p => p.InstructionId));
        Assert.IsType<KidReference>(batch.Payments[0].Remittance);
        Assert.IsType<FreeText>(batch.Payments[1].Remittance);
        Assert.IsType<InvoiceReference>(batch.Payments[2].Remittance);
    }

    private static PaymentError SingleError(PaymentInstruction instruction, BankAgreement? agreement = null, IReadOnlySet<string>? existing = null)
    {
        var result = PaymentBatchBuilder.Build(Given.Request([instruction], agreement, existing: existing));
        Assert.Null(result.Batch);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("12345678901")] // MOD11 check digit should be 3
    [InlineData("1234567890")] // 10 digits
    [InlineData("NO9486011117947")] // IBAN with wrong check digits
    [InlineData("")]
    public void Invalid_creditor_accounts_are_refused(string account)
    {
        var error = SingleError(Given.Kid("E2E-1", 100m, creditorAccount: account));
        Assert.Equal("creditorAccount", error.Field);
        Assert.Equal(0, error.Index);
    }

    [Fact]
    public void A_creditor_iban_is_accepted()
    {
        var result = PaymentBatchBuilder.Build(Given.Request([Given.Kid("E2E-1", 100m, creditorAccount: "NO93 8601 1117 947")]));
        Assert.True(result.IsValid);
        Assert.Equal("NO9386011117947", result.Batch!.Payments[0].CreditorAccount.Iban!.Value);
    }

    [Theory]
    [InlineData("0", "positive")]
    [InlineData("-100", "positive")]
    [InlineData("100.001", "more than two decimals")]
    [InlineData("1000000000.00", "at most 999999999.99")] // one øre above the ceiling
    public void Bad_amounts_are_refused(string amount, string reason)
    {
        var error = SingleError(Given.Text("E2E-1", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("amount", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_amount_is_accepted()
    {
        Assert.True(PaymentBatchBuilder.Build(Given.Request([Given.Text("E2E-1", 999_999_999.99m)])).IsValid);
    }

    [Theory]
    [InlineData("2024-05-22", "in the past")] // yesterday
    [InlineData("2024-05-25", "Saturday")]
    [InlineData("2024-05-20", "in the past")]
    [InlineData("2024-12-24", "Christmas Eve")]
    [InlineData("2024-12-26", "public holiday")]
    [InlineData("2025-06-09", "more than 365 days")]
    public void Past_or_non_banking_execution_dates_are_refused(string date, string reason)
    {
        var instruction = Given.Text("E2E-1", 100m) with { RequestedExecutionDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture) };
        var error = SingleError(instruction);
        Assert.Equal("requestedExecutionDate", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Today_is_a_valid_execution_date_and_the_holiday_error_names_the_next_banking_day()
    {
        // New Year's Eve on a weekday is a banking day (Norges Bank's NBO does not close on 31 December).
        var newYearsEve = Given.Text("E2E-2", 100m) with { RequestedExecutionDate = new DateOnly(2024, 12, 31) };
        Assert.True(PaymentBatchBuilder.Build(Given.Request([newYearsEve])).IsValid);
        Assert.True(PaymentBatchBuilder.Build(Given.Request([Given.Text("E2E-1", 100m) with { RequestedExecutionDate = Given.Today }])).IsValid);
        var error = SingleError(Given.Text("E2E-1", 100m) with { RequestedExecutionDate = new DateOnly(2024, 5, 25) });
        Assert.Contains("next banking day is 2024-05-27", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_end_to_end_ids_are_refused_within_the_batch_and_against_earlier_ones()
    {
        var result = PaymentBatchBuilder.Build(Given.Request(
            [Given.Text("E2E-1", 100m), Given.Text("E2E-1", 200m), Given.Text("E2E-OLD", 300m)],
            existing: new HashSet<string> { "E2E-OLD" }));
        Assert.Null(result.Batch);
        Assert.Equal([1, 2], result.Errors.Select(e => e.Index));
        Assert.All(result.Errors, e => Assert.Equal("endToEndId", e.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("E2E 1")] // space
    [InlineData("ÆØÅ-1")]
    [InlineData("123456789012345678901234567890123456")] // 36 characters
    public void Bad_end_to_end_ids_are_refused(string id) =>
        Assert.Equal("endToEndId", SingleError(Given.Text(id, 100m)).Field);

    [Fact]
    public void A_35_character_end_to_end_id_is_accepted() =>
        Assert.True(PaymentBatchBuilder.Build(Given.Request([Given.Text(new string('A', 35), 100m)])).IsValid);

    [Theory]
    [InlineData("0042001008773", null, null, "kid")] // check digit wrong for both MOD10 and MOD11
    [InlineData("0042001008772", "Faktura", null, "kid")] // KID and text
    [InlineData(null, null, null, "kid")] // nothing
    public void Remittance_needs_exactly_one_valid_reference(string? kid, string? text, string? invoice, string field)
    {
        var instruction = new PaymentInstruction("E2E-1", Given.Account.Value, "Stromleverandor AS", "78741234563", 100m, Given.Tomorrow, kid, text, invoice);
        Assert.Equal(field, SingleError(instruction).Field);
    }

    [Fact]
    public void Free_text_is_limited_to_140_characters_ISO_Max140Text()
    {
        Assert.True(PaymentBatchBuilder.Build(Given.Request([Given.Text("E2E-1", 100m, new string('x', 140))])).IsValid);
        Assert.Equal("text", SingleError(Given.Text("E2E-1", 100m, new string('x', 141))).Field);
    }

    [Fact]
    public void Creditor_names_with_control_characters_are_refused()
    {
        var instruction = Given.Text("E2E-1", 100m) with { CreditorName = "Bad\u0001Name AS" };
        Assert.Equal("creditorName", SingleError(instruction).Field);
    }

    [Fact]
    public void A_debtor_account_without_an_agreement_is_refused()
    {
        var instruction = Given.Text("E2E-1", 100m) with { DebtorAccount = Given.OtherAccount.Value };
        var error = SingleError(instruction);
        Assert.Equal("debtorAccount", error.Field);
        Assert.Contains("1503.20.80119", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debtor_account_whose_agreement_breaks_a_rule_is_refused()
    {
        // The stored settings were changed to RgB with dual approval in the bank: nothing may be sent.
        var broken = Given.DnbAgreement(mode: ApprovalMode.AccountingApproved) with { DualApprovalInBank = true };
        var error = SingleError(Given.Text("E2E-1", 100m), broken);
        Assert.Equal("debtorAccount", error.Field);
        Assert.Contains("approvalMode", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_invalid_payment_rejects_the_whole_batch_and_every_problem_is_reported()
    {
        var result = PaymentBatchBuilder.Build(Given.Request(
        [
            Given.Text("E2E-1", 100m),
            Given.Text("E2E-2", 0m),
            Given.Kid("E2E-3", 50m, creditorAccount: "12345678901"),
            Given.Text("E2E-4", 10m),
        ]));
        Assert.Null(result.Batch);
        Assert.Equal([(1, "amount"), (2, "creditorAccount")], result.Errors.Select(e => (e.Index, e.Field)));
    }

    [Fact]
    public void Batch_level_problems_have_index_minus_one()
    {
        var result = PaymentBatchBuilder.Build(Given.Request([], batchId: "this-batch-id-is-far-too-long-for-a-msgid"));
        Assert.Equal([(-1, "batchId"), (-1, "payments")], result.Errors.Select(e => (e.Index, e.Field)));
    }

    [Fact]
    public void Payments_from_accounts_with_different_approval_modes_cannot_share_a_batch()
    {
        var request = Given.Request([Given.Text("E2E-1", 100m), Given.Text("E2E-2", 100m) with { DebtorAccount = Given.OtherAccount.Value }]) with
        {
            Agreements = [Given.DnbAgreement(), Given.DnbAgreement(Given.OtherAccount, ApprovalMode.AccountingApproved, ledger: "1921")],
        };
        var result = PaymentBatchBuilder.Build(request);
        Assert.Equal((1, "debtorAccount"), (Assert.Single(result.Errors).Index, result.Errors[0].Field));
    }

    [Fact]
    public void Groups_are_one_per_debtor_account_and_execution_date_lettered_in_order()
    {
        var friday = Given.Tomorrow;
        var monday = new DateOnly(2024, 5, 27);
        var request = Given.Request(
        [
            Given.Text("E2E-1", 100m),
            Given.Text("E2E-2", 200m) with { RequestedExecutionDate = monday },
            Given.Text("E2E-3", 300m) with { DebtorAccount = Given.OtherAccount.Value },
            Given.Text("E2E-4", 400m),
        ]) with { Agreements = [Given.DnbAgreement(), Given.DnbAgreement(Given.OtherAccount, ledger: "1921")] };
        var batch = PaymentBatchBuilder.Build(request).Batch!;
        var groups = batch.Groups();
        Assert.Equal(
            [("PAY-20240523-0001-A", friday, 50_000L, 2), ("PAY-20240523-0001-B", monday, 20_000L, 1), ("PAY-20240523-0001-C", friday, 30_000L, 1)],
            groups.Select(g => (g.PaymentInformationId, g.RequestedExecutionDate, g.Total.Ore, g.Payments.Count)));
        Assert.Equal(Given.OtherAccount, groups[2].DebtorAccount);
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(702, "ZZ")] // 26 + 26*26
    [InlineData(703, "AAA")]
    [InlineData(9999, "NTO")] // N=14, T=20, O=15: 14×676 + 20×26 + 15 = 9999
    public void Group_letters_are_bijective_base_26(int number, string letters) =>
        Assert.Equal(letters, PaymentBatchGrouping.Letters(number));
}
