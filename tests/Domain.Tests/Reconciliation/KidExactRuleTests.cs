using Bankflow.Domain.Reconciliation;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Rule 1: KID exact — full, partial, over-payment, and every refusal.</summary>
public sealed class KidExactRuleTests
{
    private static readonly string KidA = Given.Kid("001234567");
    private static readonly string KidB = Given.Kid("001234568");

    [Fact]
    public void Kid_of_one_open_item_paid_in_full()
    {
        var result = Given.Run([Given.Item("10045", 125_000, kid: KidA)], [Given.Payment("p1", 125_000, kid: KidA)]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Matched, outcome.Status);
        Assert.Equal(MatchRule.KidExact, outcome.Match!.Rule);
        Assert.Equal($"KID {KidA} is invoice 10045 (Fjord AS); paid in full", outcome.Explanation);
        var item = result.Settlement("inv-10045");
        Assert.Equal(ItemStatus.Paid, item.Status);
        Assert.Equal(0, item.Remaining.Ore);
        Assert.Equal(125_000, item.Settled.Ore);
    }

    [Fact]
    public void Partial_payment_leaves_the_rest_open()
    {
        var result = Given.Run([Given.Item("10045", 125_000, kid: KidA)], [Given.Payment("p1", 100_000, kid: KidA)]);

        Assert.Equal($"KID {KidA} is invoice 10045 (Fjord AS); partial payment, 250.00 remains open", result.Outcome("p1").Explanation);
        var item = result.Settlement("inv-10045");
        Assert.Equal(ItemStatus.Partial, item.Status);
        Assert.Equal(25_000, item.Remaining.Ore);
    }

    [Fact]
    public void Over_payment_keeps_the_surplus_as_unapplied_credit_on_the_customer()
    {
        var result = Given.Run([Given.Item("10045", 125_000, kid: KidA)], [Given.Payment("p1", 130_000, kid: KidA)]);

        var match = result.Outcome("p1").Match!;
        Assert.Equal(125_000, Assert.Single(match.Allocations).Amount.Ore);
        Assert.Equal(5_000, match.Unapplied.Ore);
        Assert.Equal("C1", match.UnappliedCustomerId);
        Assert.Equal($"KID {KidA} is invoice 10045 (Fjord AS); paid in full; 50.00 over, kept as unapplied credit on Fjord AS", match.Explanation);
        Assert.Equal(ItemStatus.Overpaid, result.Settlement("inv-10045").Status);
    }

    [Fact]
    public void Second_payment_on_a_paid_invoice_is_all_unapplied_credit()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000, kid: KidA)],
            [Given.Payment("p1", 125_000, kid: KidA, day: Given.Day), Given.Payment("p2", 125_000, kid: KidA, day: Given.Day.AddDays(1))]);

        Assert.Equal(0, result.Outcome("p1").Match!.Unapplied.Ore);
        var second = result.Outcome("p2").Match!;
        Assert.Equal(0, Assert.Single(second.Allocations).Amount.Ore);
        Assert.Equal(125_000, second.Unapplied.Ore);
        Assert.Contains("which was already paid; the whole 1250.00 is kept as unapplied credit on Fjord AS", second.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_partial_payments_settle_the_invoice_in_date_order()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000, kid: KidA)],
            [Given.Payment("late", 25_000, kid: KidA, day: Given.Day.AddDays(2)), Given.Payment("early", 100_000, kid: KidA, day: Given.Day)]);

        Assert.Contains("partial payment, 250.00 remains open", result.Outcome("early").Explanation, StringComparison.Ordinal);
        Assert.EndsWith("; paid in full", result.Outcome("late").Explanation, StringComparison.Ordinal);
        var item = result.Settlement("inv-10045");
        Assert.Equal(ItemStatus.Paid, item.Status);
        Assert.Equal(["early", "late"], item.Payments.Select(p => p.EntryId));
    }

    [Fact]
    public void Kid_with_a_wrong_check_digit_is_not_matched_but_the_near_kid_is_the_first_candidate()
    {
        var typo = KidA[..^2] + (char)('0' + ((KidA[^2] - '0' + 1) % 10)) + KidA[^1];
        Assert.Equal(Domain.Values.KidCheck.None, Domain.Values.Kid.Verify(typo));

        var result = Given.Run([Given.Item("10045", 125_000, kid: KidA), Given.Item("10046", 125_000, kid: KidB)], [Given.Payment("p1", 125_000, kid: typo)]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Contains("fails its check digit", outcome.Explanation, StringComparison.Ordinal);
        var first = outcome.Candidates[0];
        Assert.Equal("inv-10045", Assert.Single(first.Items).InvoiceId);
        Assert.Equal(CandidateStrength.NamedButDiffers, first.Strength);
        Assert.InRange(outcome.Candidates.Count, 1, 3);
    }

    [Fact]
    public void Kid_on_two_open_items_is_refused_with_both_as_candidates()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000, kid: KidA), Given.Item("10046", 125_000, customer: "C2", kid: KidA)],
            [Given.Payment("p1", 125_000, kid: KidA)]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Equal($"KID {KidA} is on 2 open items (10045, 10046): which one is paid cannot be told", outcome.Explanation);
        Assert.Equal(["inv-10045", "inv-10046"], outcome.Candidates.Take(2).Select(c => c.Items.Single().InvoiceId));
        Assert.All(outcome.Candidates.Take(2), c => Assert.Equal(CandidateStrength.Ambiguous, c.Strength));
        Assert.Equal(ItemStatus.Open, result.Settlement("inv-10045").Status);
    }

    [Fact]
    public void Kid_refused_when_the_message_names_another_invoice()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000, kid: KidA), Given.Item("10046", 125_000, kid: KidB)],
            [Given.Payment("p1", 125_000, kid: KidA, text: "Faktura 10046")]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Equal($"KID {KidA} is invoice 10045, but the message names 10046", outcome.Explanation);
    }

    [Fact]
    public void Kid_and_a_message_naming_the_same_invoice_agree()
    {
        var result = Given.Run([Given.Item("10045", 125_000, kid: KidA)], [Given.Payment("p1", 125_000, kid: KidA, text: "Faktura 10045")]);

        Assert.Equal(MatchRule.KidExact, result.Outcome("p1").Match!.Rule);
    }

    [Fact]
    public void Kid_of_an_invoice_in_another_currency_is_refused()
    {
        var result = Given.Run([Given.Item("10045", 125_000, kid: KidA, currency: "EUR")], [Given.Payment("p1", 125_000, kid: KidA)]);

        Assert.Equal($"KID {KidA} is invoice 10045 in EUR, but the payment is in NOK", result.Outcome("p1").Explanation);
    }

    [Fact]
    public void Kid_of_a_credit_note_is_refused()
    {
        var result = Given.Run([Given.Item("10045", -125_000, kid: KidA)], [Given.Payment("p1", 125_000, kid: KidA)]);

        Assert.Equal(EntryStatus.Unmatched, result.Outcome("p1").Status);
        Assert.Contains("credit note", result.Outcome("p1").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_kid_with_a_wrong_check_digit_is_never_matched_on()
    {
        var broken = KidA[..^1] + (char)('0' + ((KidA[^1] - '0' + 1) % 10));
        var result = Given.Run([Given.Item("10045", 125_000, kid: broken)], [Given.Payment("p1", 125_000, kid: broken)]);

        Assert.Equal(EntryStatus.Unmatched, result.Outcome("p1").Status);
    }

    [Fact]
    public void Valid_kid_on_no_item_falls_through_to_the_later_rules()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000)],
            [Given.Payment("p1", 125_000, kid: KidA, text: "Faktura 10045")]);

        Assert.Equal(MatchRule.InvoiceReference, result.Outcome("p1").Match!.Rule);
    }
}
