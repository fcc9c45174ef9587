using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.References;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Rule 2: invoice numbers and creditor references, with the amount equal to what they leave open.</summary>
public sealed class InvoiceReferenceRuleTests
{
    [Theory]
    [InlineData("Faktura 10045")]
    [InlineData("faktura nr. 10045")]
    [InlineData("inv 10045")]
    [InlineData("Fakturanr: 10045")]
    [InlineData("Betaling for faktura 010045, takk")]
    [InlineData("10045")]
    public void Free_text_naming_the_invoice_with_its_amount_matches(string text)
    {
        var result = Given.Run([Given.Item("10045", 125_000), Given.Item("20001", 125_000, customer: "C2")], [Given.Payment("p1", 125_000, text: text)]);

        var match = result.Outcome("p1").Match!;
        Assert.Equal(MatchRule.InvoiceReference, match.Rule);
        Assert.Equal("inv-10045", Assert.Single(match.Allocations).Item.InvoiceId);
        Assert.Equal($"'{text}' names invoice 10045 (Fjord AS), open 1250.00 = the amount paid; paid in full", match.Explanation);
    }

    [Fact]
    public void Several_invoices_listed_are_paid_when_the_amount_is_their_sum()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000), Given.Item("10046", 50_000), Given.Item("10047", 70_000)],
            [Given.Payment("p1", 175_000, text: "fakt.nr 10045/10046")]);

        var match = result.Outcome("p1").Match!;
        Assert.Equal(["inv-10045", "inv-10046"], match.Allocations.Select(a => a.Item.InvoiceId));
        Assert.Equal("'fakt.nr 10045/10046' names invoices 10045 and 10046 (Fjord AS), open 1750.00 = the amount paid; both paid in full", match.Explanation);
        Assert.Equal(ItemStatus.Open, result.Settlement("inv-10047").Status);
    }

    [Fact]
    public void A_partly_paid_invoice_matches_on_what_remains()
    {
        var kid = Given.Kid("55501");
        var result = Given.Run(
            [Given.Item("10045", 125_000, kid: kid)],
            [Given.Payment("first", 100_000, kid: kid, day: Given.Day), Given.Payment("rest", 25_000, text: "Faktura 10045", day: Given.Day.AddDays(5))]);

        Assert.Equal(MatchRule.InvoiceReference, result.Outcome("rest").Match!.Rule);
        Assert.Equal(ItemStatus.Paid, result.Settlement("inv-10045").Status);
    }

    [Fact]
    public void Rf_creditor_reference_in_the_text_names_the_invoice()
    {
        var rf = RfCreditorReference.Create("10045");
        var result = Given.Run([Given.Item("10045", 125_000)], [Given.Payment("p1", 125_000, text: $"Ref {rf[..4]} {rf[4..]}")]);

        Assert.Equal(MatchRule.InvoiceReference, result.Outcome("p1").Match!.Rule);
    }

    [Fact]
    public void Structured_reference_names_the_invoice()
    {
        var movement = Given.Payment("p1", 125_000) with { References = [new StructuredReference("10045", "CINV")] };

        var result = Given.Run([Given.Item("10045", 125_000)], [movement]);

        Assert.Equal("'10045' names invoice 10045 (Fjord AS), open 1250.00 = the amount paid; paid in full", result.Outcome("p1").Explanation);
    }

    [Fact]
    public void Kid_written_in_the_message_names_its_invoice()
    {
        var kid = Given.Kid("7770001");
        var result = Given.Run([Given.Item("10045", 125_000, kid: kid)], [Given.Payment("p1", 125_000, text: $"KID: {kid}")]);

        Assert.Equal(MatchRule.InvoiceReference, result.Outcome("p1").Match!.Rule);
    }

    [Fact]
    public void Amount_other_than_open_is_refused_with_the_named_invoice_as_candidate()
    {
        var result = Given.Run([Given.Item("10045", 125_000)], [Given.Payment("p1", 100_000, text: "Faktura 10045")]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Equal("'Faktura 10045' names invoice 10045 with 1250.00 open, but 1000.00 was paid", outcome.Explanation);
        Assert.Equal("inv-10045", outcome.Candidates[0].Items.Single().InvoiceId);
        Assert.Equal(CandidateStrength.NamedButDiffers, outcome.Candidates[0].Strength);
    }

    [Fact]
    public void Listed_invoices_must_all_be_paid()
    {
        var result = Given.Run([Given.Item("10045", 125_000), Given.Item("10046", 50_000)], [Given.Payment("p1", 125_000, text: "fakt.nr 10045/10046")]);

        Assert.Equal(EntryStatus.Unmatched, result.Outcome("p1").Status);
    }

    [Fact]
    public void Number_of_no_open_item_is_refused()
    {
        var result = Given.Run([Given.Item("10045", 125_000)], [Given.Payment("p1", 125_000, text: "Faktura 99999")]);

        Assert.Equal("'Faktura 99999' names 99999, which is no open item's number", result.Outcome("p1").Explanation);
    }

    [Fact]
    public void Invoice_already_settled_is_refused()
    {
        var kid = Given.Kid("55501");
        var result = Given.Run(
            [Given.Item("10045", 125_000, kid: kid)],
            [Given.Payment("first", 125_000, kid: kid, day: Given.Day), Given.Payment("again", 125_000, text: "Faktura 10045", day: Given.Day.AddDays(1))]);

        Assert.Equal("'Faktura 10045' names invoice 10045, which is already settled", result.Outcome("again").Explanation);
    }

    [Fact]
    public void Invoice_number_on_two_items_is_refused()
    {
        var result = Given.Run([Given.Item("10045", 125_000), Given.Item("10045", 125_000, customer: "C2") with { InvoiceId = "inv-other" }], [Given.Payment("p1", 125_000, text: "Faktura 10045")]);

        Assert.Equal("'Faktura 10045' names 10045, which 2 open items have", result.Outcome("p1").Explanation);
        Assert.Equal(2, result.Outcome("p1").Candidates.Count(c => c.Strength == CandidateStrength.Ambiguous));
    }

    [Fact]
    public void Invoices_of_two_customers_in_one_payment_are_refused()
    {
        var result = Given.Run([Given.Item("10045", 125_000), Given.Item("20001", 50_000, customer: "C2")], [Given.Payment("p1", 175_000, text: "Faktura 10045, 20001")]);

        Assert.Equal("'Faktura 10045, 20001' names invoices of different customers", result.Outcome("p1").Explanation);
    }

    [Fact]
    public void Known_payer_of_another_customer_contradicts_the_reference()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000), Given.Item("20001", 9_900, customer: "C2")],
            [Given.Payment("p1", 125_000, text: "Faktura 10045", name: "BERG BAKERI A/S")]);

        Assert.Equal("'Faktura 10045' names invoices of Fjord AS, but the payer (name BERG BAKERI A/S) is customer Berg Bakeri AS", result.Outcome("p1").Explanation);
    }

    [Fact]
    public void Typed_number_one_slip_from_another_item_with_the_same_amount_is_refused()
    {
        // 10045 and 10054: a payer who meant one may have typed the other.
        var result = Given.Run([Given.Item("10045", 49_900), Given.Item("10054", 49_900, customer: "C2")], [Given.Payment("p1", 49_900, text: "Faktura 10054")]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Equal("'Faktura 10054' names invoice 10054, but invoice 10045 (Fjord AS) has the same open amount and a number one typing slip away", outcome.Explanation);
        Assert.Equal(["inv-10054", "inv-10045"], outcome.Candidates.Take(2).Select(c => c.Items.Single().InvoiceId));
    }

    [Fact]
    public void Slip_twin_of_another_customer_does_not_count_when_the_payer_is_known()
    {
        var result = Given.Run(
            [Given.Item("10045", 49_900), Given.Item("10054", 49_900, customer: "C2")],
            [Given.Payment("p1", 49_900, text: "Faktura 10054", from: "86011117947")],
            input => input with { PayerAccounts = [new KnownPayerAccount("8601.11.17947", "C2")] });

        Assert.Equal(MatchRule.InvoiceReference, result.Outcome("p1").Match!.Rule);
    }

    [Fact]
    public void Structured_reference_is_not_second_guessed_for_typing_slips()
    {
        var movement = Given.Payment("p1", 49_900) with { References = [new StructuredReference("10054", "CINV")] };

        var result = Given.Run([Given.Item("10045", 49_900), Given.Item("10054", 49_900, customer: "C2")], [movement]);

        Assert.Equal("inv-10054", result.Outcome("p1").Match!.Allocations.Single().Item.InvoiceId);
    }

    [Fact]
    public void Mistyped_number_of_no_item_gets_the_near_invoice_as_candidate()
    {
        var result = Given.Run([Given.Item("10045", 125_000), Given.Item("30000", 125_000, customer: "C3")], [Given.Payment("p1", 125_000, text: "Faktura 10054")]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Equal("inv-10045", outcome.Candidates[0].Items.Single().InvoiceId);
        Assert.Contains("one typing slip", outcome.Candidates[0].WhyNotCertain, StringComparison.Ordinal);
        Assert.Equal("inv-30000", outcome.Candidates[1].Items.Single().InvoiceId);
        Assert.Equal(CandidateStrength.AmountOnly, outcome.Candidates[1].Strength);
    }

    [Fact]
    public void Bare_number_that_is_no_invoice_leaves_the_later_rules_free()
    {
        var result = Given.Run(
            [Given.Item("10045", 125_000)],
            [Given.Payment("p1", 125_000, text: "778899", name: "Fjord AS")]);

        Assert.Equal(MatchRule.CustomerAmount, result.Outcome("p1").Match!.Rule);
    }
}
