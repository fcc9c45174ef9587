using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Posting proposals: balanced, bank ledger of the bank account, 1500 per invoice, fees to the agreement's account.</summary>
public sealed class PostingProposalTests
{
    private static readonly LedgerPlan Plan = LedgerPlan.From(
    [
        new BankAgreement
        {
            BankAccount = AccountNumber.Parse(Given.Account),
            Bank = Bank.Dnb,
            LedgerAccount = LedgerAccount.Parse("1921"),
            FeeLedgerAccount = LedgerAccount.Parse("7771"),
            ValidFrom = new DateOnly(2026, 1, 1),
        },
    ]);

    private static string Lines(PostingProposal p) =>
        string.Join(" | ", p.Lines.Select(l => $"{l.Account} D{l.Debit} C{l.Credit} {l.Kind} {l.CustomerId}/{l.InvoiceId}"));

    [Fact]
    public void Over_payment_debits_the_bank_and_credits_the_invoice_and_unapplied_credit()
    {
        var kid = Given.Kid("123");
        var result = Given.Run([Given.Item("10045", 125_000, kid: kid)], [Given.Payment("p1", 130_000, kid: kid)]);

        var proposal = Assert.Single(PostingProposals.For(result, Plan));

        Assert.True(proposal.IsBalanced);
        Assert.Equal(Given.Day, proposal.Date);
        Assert.Equal("1921 D1300.00 C0.00 Bank / | 1500 D0.00 C1250.00 Customer C1/inv-10045 | 1500 D0.00 C50.00 UnappliedCredit C1/", Lines(proposal));
    }

    [Fact]
    public void Credit_note_in_a_combination_is_debited_back()
    {
        var result = Given.Run(
            [Given.Item("1", 100_000), Given.Item("2", -20_000)],
            [Given.Payment("p1", 80_000, name: "Fjord AS")]);

        var proposal = Assert.Single(PostingProposals.For(result, Plan));

        Assert.True(proposal.IsBalanced);
        Assert.Equal("1921 D800.00 C0.00 Bank / | 1500 D0.00 C1000.00 Customer C1/inv-1 | 1500 D200.00 C0.00 Customer C1/inv-2", Lines(proposal));
    }

    [Fact]
    public void Fee_goes_to_the_agreements_fee_account_and_own_payment_to_suppliers()
    {
        var result = Given.Run(
            [],
            [Given.Payment("fee", -4_500) with { BankTransactionCode = "PMNT/MDOP/CHRG" }, Given.Payment("out", -99_000) with { EndToEndId = "E1" }],
            input => input with { OwnPayments = [new OwnPayment("E1", null, "Kontor AS", null, null)] });

        var proposals = PostingProposals.For(result, Plan).ToDictionary(p => p.EntryId);

        Assert.Equal("1921 D0.00 C45.00 Bank / | 7771 D45.00 C0.00 Fee /", Lines(proposals["fee"]));
        Assert.Equal("1921 D0.00 C990.00 Bank / | 2400 D990.00 C0.00 Supplier /", Lines(proposals["out"]));
        Assert.All(proposals.Values, p => Assert.True(p.IsBalanced));
    }

    [Fact]
    public void Account_without_an_agreement_uses_the_default_ledgers()
    {
        var fee = Given.Payment("fee", -4_500) with { BankTransactionCode = "PMNT/MDOP/CHRG", Account = "99999999999" };
        var result = Given.Run([], [fee]);

        Assert.Equal("1920 D0.00 C45.00 Bank / | 7770 D45.00 C0.00 Fee /", Lines(Assert.Single(PostingProposals.For(result, Plan))));
    }
}
