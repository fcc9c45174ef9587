using Bankflow.Domain.Collection;
using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Collection;

public sealed class SettlementPostingTests
{
    private static readonly DateOnly Day = new(2026, 4, 2);

    private static AgencySettlement Settlement(long net = 122_250) =>
        new("S-1", "INV-1", Day, new Money(125_000), new Money(1_250), new Money(2_500), new Money(1_500), new Money(net), "2026040200001");

    [Fact]
    public void A_settlement_posts_net_commission_and_fees_against_principal_and_interest_to_the_ore()
    {
        var (proposal, refusal) = SettlementPosting.Propose(Settlement(), CollectionAccounts.Defaults, "C1", "Fjord AS");

        Assert.Null(refusal);
        Assert.True(proposal!.IsBalanced);
        Assert.Equal(126_250, proposal.TotalDebit.Ore);
        Assert.Equal(
            [("1920", 122_250L, 0L, PostingKind.Bank), ("6790", 2_500L, 0L, PostingKind.Commission), ("7790", 1_500L, 0L, PostingKind.CollectionFee),
                ("1500", 0L, 125_000L, PostingKind.Customer), ("8055", 0L, 1_250L, PostingKind.Interest)],
            proposal.Lines.Select(l => (l.Account.Number, l.Debit.Ore, l.Credit.Ore, l.Kind)));
        Assert.Equal(("C1", "INV-1"), (proposal.Lines[3].CustomerId, proposal.Lines[3].InvoiceId));
    }

    [Fact]
    public void Figures_that_do_not_add_up_are_refused_with_the_figures_named()
    {
        var (proposal, refusal) = SettlementPosting.Propose(Settlement(122_251), CollectionAccounts.Defaults, "C1", "Fjord AS");

        Assert.Null(proposal);
        Assert.Equal("the proposal does not balance: net 1222.51 ≠ principal 1250.00 + interest 12.50 − commission 25.00 − fees 15.00 = 1222.50 (NOK)", refusal);
    }

    [Fact]
    public void Negative_figures_are_refused()
    {
        var (_, refusal) = SettlementPosting.Propose(Settlement() with { Fees = new Money(-1) }, CollectionAccounts.Defaults, "C1", "Fjord AS");

        Assert.Contains("0 or more", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_off_debits_the_loss_account_and_credits_the_customer_ledger()
    {
        var proposal = SettlementPosting.WriteOff("INV-1", "C1", "Fjord AS", new Money(50_000), Day, CollectionAccounts.Defaults);

        Assert.True(proposal.IsBalanced);
        Assert.Equal([("7830", 50_000L, 0L), ("1500", 0L, 50_000L)], proposal.Lines.Select(l => (l.Account.Number, l.Debit.Ore, l.Credit.Ore)));
    }
}
