using Bankflow.Domain.Reconciliation;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Rule 3: one payment for several open items of a known customer adding up exactly.</summary>
public sealed class CustomerCombinationRuleTests
{
    private const string FjordAccount = "86011117947";

    private static ReconciliationInput KnowsFjordAccount(ReconciliationInput input) =>
        input with { PayerAccounts = [new KnownPayerAccount(FjordAccount, "C1")] };

    [Fact]
    public void Only_combination_that_adds_up_is_matched()
    {
        var result = Given.Run(
            [Given.Item("1", 10_000), Given.Item("2", 25_000), Given.Item("3", 40_000), Given.Item("4", 99_900)],
            [Given.Payment("p1", 65_000, from: FjordAccount)],
            KnowsFjordAccount);

        var match = result.Outcome("p1").Match!;
        Assert.Equal(MatchRule.CustomerCombination, match.Rule);
        Assert.Equal(["inv-2", "inv-3"], match.Allocations.Select(a => a.Item.InvoiceId));
        Assert.Equal("the payer (account 8601.11.17947) is customer Fjord AS; invoices 2 and 3 add up to exactly 650.00, and no other combination of their open items does; both paid in full", match.Explanation);
    }

    [Fact]
    public void Two_combinations_that_add_up_are_refused_with_both_as_candidates()
    {
        var result = Given.Run(
            [Given.Item("1", 30_000), Given.Item("2", 20_000), Given.Item("3", 10_000), Given.Item("4", 40_000)],
            [Given.Payment("p1", 50_000, from: FjordAccount)],
            KnowsFjordAccount);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Equal("more than one combination of Fjord AS's open items adds up to 500.00", outcome.Explanation);
        Assert.Equal(2, outcome.Candidates.Count(c => c.Strength == CandidateStrength.Ambiguous && c.Open.Ore == 50_000));
    }

    [Fact]
    public void A_single_item_and_a_combination_adding_up_alike_are_refused()
    {
        var result = Given.Run(
            [Given.Item("1", 60_000), Given.Item("2", 40_000), Given.Item("3", 100_000)],
            [Given.Payment("p1", 100_000, from: FjordAccount)],
            KnowsFjordAccount);

        Assert.Equal(EntryStatus.Unmatched, result.Outcome("p1").Status);
    }

    [Fact]
    public void A_credit_note_can_be_part_of_the_combination()
    {
        var result = Given.Run(
            [Given.Item("1", 100_000), Given.Item("2", -20_000), Given.Item("3", 55_500)],
            [Given.Payment("p1", 80_000, from: FjordAccount)],
            KnowsFjordAccount);

        var match = result.Outcome("p1").Match!;
        Assert.Equal(["inv-1", "inv-2"], match.Allocations.Select(a => a.Item.InvoiceId));
        Assert.Equal(ItemStatus.Paid, result.Settlement("inv-2").Status);
    }

    [Fact]
    public void Customer_known_by_the_kid_prefix_rule()
    {
        // The client's KIDs start with a 5-digit customer number; this KID is of no open item.
        var kid = Given.Kid("00042" + "99999");
        var items = new[] { Given.Item("1", 10_000, customer: "42"), Given.Item("2", 25_000, customer: "42"), Given.Item("3", 7_000, customer: "42") };

        var result = Given.Run(items, [Given.Payment("p1", 35_000, kid: kid)], input => input with { KidCustomerPrefix = new KidCustomerPrefix(5) });

        var match = result.Outcome("p1").Match!;
        Assert.Equal(MatchRule.CustomerCombination, match.Rule);
        Assert.StartsWith($"the payer (KID {kid} begins with customer number 42) is customer Customer 42", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Account_and_name_naming_different_customers_decide_nothing()
    {
        var result = Given.Run(
            [Given.Item("1", 10_000), Given.Item("2", 25_000), Given.Item("9", 35_000, customer: "C2")],
            [Given.Payment("p1", 35_000, from: FjordAccount, name: "Berg Bakeri AS")],
            KnowsFjordAccount);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Contains("the payer is not clear: account 8601.11.17947 is customer Fjord AS, name Berg Bakeri AS is customer Berg Bakeri AS", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_with_more_open_items_than_the_cap_is_not_searched()
    {
        var items = Enumerable.Range(1, 21).Select(i => Given.Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1_000 * i)).ToList();

        var result = Given.Run(items, [Given.Payment("p1", 1_000 * (20 + 21), from: FjordAccount)], KnowsFjordAccount);

        var outcome = result.Outcome("p1");
        Assert.Equal(EntryStatus.Unmatched, outcome.Status);
        Assert.Contains("has 21 open items; combinations are searched among at most 20", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_payer_gets_no_combination()
    {
        var result = Given.Run([Given.Item("1", 10_000), Given.Item("2", 25_000)], [Given.Payment("p1", 35_000, from: "11111111111")]);

        Assert.Equal(EntryStatus.Unmatched, result.Outcome("p1").Status);
        Assert.Equal("no KID, no invoice reference, and the payer is not a known customer", result.Outcome("p1").Explanation);
    }
}
