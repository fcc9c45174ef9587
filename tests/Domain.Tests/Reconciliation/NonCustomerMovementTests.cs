using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Lump sums, own payments, fees, money out and reversals: settled before any customer rule.</summary>
public sealed class NonCustomerMovementTests
{
    private static readonly string KidA = Given.Kid("1001");
    private static readonly string KidB = Given.Kid("1002");

    [Fact]
    public void Lump_sum_and_its_itemised_payments_are_never_both_counted()
    {
        var lump = new BankMovement("camt:lump", BankChannel.Camt053, Given.Account, Given.Day, new Money(150_000), "NOK") { IsBatchTotal = true, BatchReference = "B1" };
        var a = Given.Payment("camt:a", 100_000, kid: KidA) with { BatchReference = "B1" };
        var b = Given.Payment("camt:b", 50_000, kid: KidB) with { BatchReference = "B1" };

        var result = Given.Run([Given.Item("1", 100_000, kid: KidA), Given.Item("2", 50_000, kid: KidB)], [lump, a, b]);

        Assert.Equal(EntryStatus.Ignored, result.Outcome("camt:lump").Status);
        Assert.Equal("lump sum of batch B1; its 2 itemised payments are matched one by one instead", result.Outcome("camt:lump").Explanation);
        Assert.Equal(EntryStatus.Matched, result.Outcome("camt:a").Status);
        Assert.Equal(EntryStatus.Matched, result.Outcome("camt:b").Status);
        Assert.Equal(new ReconciliationSummary(3, 2, 0, 1, 1.0), result.Summary);
    }

    [Fact]
    public void Lump_sum_itemised_by_the_days_ocr_payments_is_set_aside()
    {
        var lump = new BankMovement("camt:lump", BankChannel.Camt053, Given.Account, Given.Day, new Money(150_000), "NOK") { IsBatchTotal = true, BatchReference = "X9" };

        var result = Given.Run(
            [Given.Item("1", 100_000, kid: KidA), Given.Item("2", 50_000, kid: KidB)],
            [lump, Given.Payment("ocr:1:1:1", 100_000, kid: KidA), Given.Payment("ocr:1:1:2", 50_000, kid: KidB)]);

        Assert.Equal(EntryStatus.Ignored, result.Outcome("camt:lump").Status);
        Assert.Contains("Nets OCR payments of that day (2, together 1500.00)", result.Outcome("camt:lump").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Lump_sum_without_its_payments_is_never_matched_to_invoices()
    {
        var lump = new BankMovement("camt:lump", BankChannel.Camt053, Given.Account, Given.Day, new Money(150_000), "NOK") { IsBatchTotal = true, BatchReference = "B1", Text = "Faktura 1" };

        var result = Given.Run([Given.Item("1", 150_000)], [lump]);

        var outcome = result.Outcome("camt:lump");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.StartsWith("a lump sum whose payments are not itemised here", outcome.Explanation, StringComparison.Ordinal);
        Assert.Equal(ItemStatus.Open, result.Settlement("inv-1").Status);
    }

    [Fact]
    public void Own_payment_is_matched_to_the_supplier_payment_never_to_a_customer()
    {
        var debit = Given.Payment("camt:out", -250_000, text: "Faktura 1", name: "Fjord AS") with { EndToEndId = "E2E-7" };

        var result = Given.Run(
            [Given.Item("1", 250_000)],
            [debit],
            input => input with { OwnPayments = [new OwnPayment("E2E-7", "batch-3", "Kontorrekvisita AS", new Money(250_000), "NOK")] });

        var match = result.Outcome("camt:out").Match!;
        Assert.Equal(MatchRule.OwnPayment, match.Rule);
        Assert.Empty(match.Allocations);
        Assert.Equal("end-to-end id E2E-7 is our payment to Kontorrekvisita AS (batch batch-3)", match.Explanation);
        Assert.Equal(ItemStatus.Open, result.Settlement("inv-1").Status);
    }

    [Fact]
    public void Own_payment_with_another_amount_is_not_taken()
    {
        var debit = Given.Payment("camt:out", -240_000) with { EndToEndId = "E2E-7" };

        var result = Given.Run([], [debit], input => input with { OwnPayments = [new OwnPayment("E2E-7", null, null, new Money(250_000), "NOK")] });

        Assert.Equal("end-to-end id E2E-7 is our payment of 2500.00, but 2400.00 left the account", result.Outcome("camt:out").Explanation);
    }

    [Fact]
    public void Money_out_not_sent_through_bankflow_is_unmatched()
    {
        var result = Given.Run([Given.Item("1", 10_000)], [Given.Payment("a", -10_000, name: "Fjord AS"), Given.Payment("b", -10_000) with { EndToEndId = "X1" }]);

        Assert.Equal("money out that was not sent through Bankflow", result.Outcome("a").Explanation);
        Assert.Equal("money out with end-to-end id X1, which is no payment sent through Bankflow", result.Outcome("b").Explanation);
    }

    [Theory]
    [InlineData("PMNT/MDOP/CHRG")]
    [InlineData("ACMT/MDOP/CHRG")]
    [InlineData("PMNT/CHRG/OTHR")]
    public void Bank_fee_by_transaction_code(string code)
    {
        var fee = Given.Payment("fee", -4_500) with { BankTransactionCode = code };

        var result = Given.Run([], [fee]);

        var match = result.Outcome("fee").Match!;
        Assert.Equal(MatchRule.BankFee, match.Rule);
        Assert.Equal($"bank fee (transaction code {code}); posted to the fee account", match.Explanation);
    }

    [Fact]
    public void Bank_fee_marked_as_a_charge()
    {
        var result = Given.Run([], [Given.Payment("fee", -4_500) with { IsChargeMarked = true, BankTransactionCode = "XTND/OTHR/OTHR" }]);

        Assert.Equal("bank fee (marked as a charge by the bank); posted to the fee account", result.Outcome("fee").Explanation);
    }

    [Fact]
    public void Payment_code_is_no_fee()
    {
        Assert.False(FeeCodes.IsChargeCode("PMNT/RCDT/DMCT"));
        Assert.False(FeeCodes.IsChargeCode("CHRG"));
        Assert.False(FeeCodes.IsChargeCode(null));
    }

    [Fact]
    public void Reversal_is_left_to_a_person()
    {
        var result = Given.Run([Given.Item("1", 10_000, kid: KidA)], [Given.Payment("r", -10_000, kid: KidA) with { IsReversal = true }]);

        Assert.Equal(EntryStatus.Unmatched, result.Outcome("r").Status);
        Assert.StartsWith("a reversal", result.Outcome("r").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_transaction_from_camt053_and_camt054_is_one_movement()
    {
        var from053 = new BankMovement("camt:acct:REF1", BankChannel.Camt053, Given.Account, Given.Day, new Money(10_000), "NOK");
        var from054 = from053 with { Channel = BankChannel.Camt054, Kid = KidA };

        var result = Given.Run([Given.Item("1", 10_000, kid: KidA)], [from053, from054]);

        var outcome = Assert.Single(result.Entries);
        Assert.Equal(MatchRule.KidExact, outcome.Match!.Rule);
    }

    [Fact]
    public void Open_item_of_another_client_is_a_bug_of_the_caller()
    {
        var other = Given.Item("1", 10_000) with { Client = ClientId.Parse("someone-else") };

        Assert.Throws<ArgumentException>(() => Given.Run([other], []));
    }
}
