using Bankflow.Domain.Reconciliation;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Rule 4: the one open item of the named customer with exactly the amount paid.</summary>
public sealed class CustomerAmountRuleTests
{
    [Theory]
    [InlineData("Fjord AS")]
    [InlineData("FJORD A/S")]
    [InlineData(" fjord  as. ")]
    public void Payer_name_of_a_customer_with_one_item_of_that_amount(string name)
    {
        var result = Given.Run([Given.Item("1", 10_000), Given.Item("2", 25_000), Given.Item("3", 25_000, customer: "C2")], [Given.Payment("p1", 25_000, name: name)]);

        var match = result.Outcome("p1").Match!;
        Assert.Equal(MatchRule.CustomerAmount, match.Rule);
        Assert.Equal($"the payer (name {name.Trim()}) is customer Fjord AS; invoice 2 is the only open item of theirs for exactly 250.00; paid in full", match.Explanation);
    }

    [Fact]
    public void Payer_account_known_from_the_customer_card()
    {
        var result = Given.Run(
            [Given.Item("1", 10_000), Given.Item("2", 25_000)],
            [Given.Payment("p1", 10_000, from: "NO93 8601 1117 947")],
            input => input with { PayerAccounts = [new KnownPayerAccount("86011117947", "C1")] });

        Assert.Equal("inv-1", result.Outcome("p1").Match!.Allocations.Single().Item.InvoiceId);
    }

    [Fact]
    public void Twins_of_the_same_customer_and_amount_are_refused()
    {
        var result = Given.Run([Given.Item("1", 49_900), Given.Item("2", 49_900)], [Given.Payment("p1", 49_900, name: "Fjord AS")]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Equal("the payer (name Fjord AS) is customer Fjord AS, and 2 of their open items are for 499.00", outcome.Explanation);
        Assert.Equal(["inv-1", "inv-2"], outcome.Candidates.Take(2).Select(c => c.Items.Single().InvoiceId));
    }

    [Fact]
    public void Twin_paid_by_kid_leaves_the_other_for_the_unreferenced_payment()
    {
        // The KID payment is taken first (rule 1 before rule 4), so the twin is no longer ambiguous.
        var kid = Given.Kid("9001");
        var result = Given.Run(
            [Given.Item("1", 49_900, kid: kid), Given.Item("2", 49_900)],
            [Given.Payment("noref", 49_900, name: "Fjord AS", day: Given.Day), Given.Payment("bykid", 49_900, kid: kid, day: Given.Day.AddDays(3))]);

        Assert.Equal("inv-2", result.Outcome("noref").Match!.Allocations.Single().Item.InvoiceId);
        Assert.Equal(MatchRule.KidExact, result.Outcome("bykid").Match!.Rule);
    }

    [Fact]
    public void Name_two_customers_share_identifies_neither()
    {
        var result = Given.Run(
            [Given.Item("1", 25_000, customer: "C1", name: "Fjord AS"), Given.Item("2", 25_000, customer: "C9", name: "FJORD AS")],
            [Given.Payment("p1", 25_000, name: "Fjord AS")]);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.All(outcome.Candidates, c => Assert.Equal(CandidateStrength.AmountOnly, c.Strength));
        Assert.Equal(2, outcome.Candidates.Count);
    }

    [Fact]
    public void Amount_no_item_of_the_customer_has_shows_their_closest_items()
    {
        var result = Given.Run(
            [Given.Item("1", 10_000), Given.Item("2", 26_000), Given.Item("3", 90_000), Given.Item("4", 24_000)],
            [Given.Payment("p1", 25_000, name: "Fjord AS")]);

        var outcome = result.Outcome("p1");
        Assert.Equal("the payer (name Fjord AS) is customer Fjord AS, but none of their open items is for 250.00", outcome.Explanation);
        Assert.Equal(["inv-2", "inv-4", "inv-1"], outcome.Candidates.Select(c => c.Items.Single().InvoiceId));
        Assert.All(outcome.Candidates, c => Assert.Equal(CandidateStrength.CustomerOnly, c.Strength));
    }
}
