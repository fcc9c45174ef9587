using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Collection;

public sealed class CaseBalanceTests
{
    private static readonly DateOnly Day = new(2026, 4, 10);

    /// <summary>A 1,250.00 invoice of which 250.00 was paid before hand-over: the agency collects 1,000.00.</summary>
    private static CollectionCase Held()
    {
        var approved = CaseLifecycle.Approve(new CollectionCase("INV-7", CaseStatus.Draft, Day.AddDays(-20)), Day.AddDays(-20)).Case!;
        var handed = CaseLifecycle.HandOver(approved, "modhi", new ItemFigures(new Money(125_000), new Money(25_000))).Case!;
        return CaseLifecycle.Register(handed, "modhi", "M-7").Case!;
    }

    [Fact]
    public void Hand_over_takes_the_item_as_it_is_then()
    {
        var c = Held();

        Assert.Equal(new Money(100_000), c.Amount);
        Assert.Equal(new ForwardedBalance(new Money(125_000), new Money(25_000), 0), c.Forwarded);
        Assert.Null(CaseBalance.NextUpdate(c, new ItemFigures(new Money(125_000), new Money(25_000)), Day));
    }

    [Fact]
    public void An_item_with_nothing_left_is_not_handed_over()
    {
        var approved = CaseLifecycle.Approve(new CollectionCase("INV-8", CaseStatus.Draft, Day), Day).Case!;

        Assert.Contains("nothing left to collect", CaseLifecycle.HandOver(approved, "modhi", new ItemFigures(new Money(50_000), new Money(50_000))).Refusal, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Closed, CaseLifecycle.Withdraw(approved, Day, "paid").Case!.Status);
        Assert.Contains("only a draft or approved", CaseLifecycle.Withdraw(Held(), Day, "paid").Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lowered_invoice_amount_is_a_credit_note_of_the_difference()
    {
        var update = CaseBalance.NextUpdate(Held(), new ItemFigures(new Money(100_000), new Money(25_000)), Day)!;

        Assert.Equal(("update-INV-7-1", CaseUpdateKind.CreditNote, new Money(25_000), Day, "M-7"), (update.UpdateId, update.Kind, update.Amount, update.Date, update.CaseNumber));
    }

    [Fact]
    public void More_settled_by_reconciliation_is_a_direct_payment_dated_by_the_payment()
    {
        var paidOn = Day.AddDays(-2);
        var update = CaseBalance.NextUpdate(Held(), new ItemFigures(new Money(125_000), new Money(65_000), paidOn), Day)!;

        Assert.Equal(("update-INV-7-1", CaseUpdateKind.DirectPayment, new Money(40_000), paidOn), (update.UpdateId, update.Kind, update.Amount, update.Date));
    }

    [Fact]
    public void A_credit_note_and_a_payment_seen_together_are_two_updates_then_none()
    {
        var now = new ItemFigures(new Money(110_000), new Money(35_000));
        var c = Held();
        var updates = new List<CaseUpdate>();
        while (CaseBalance.NextUpdate(c, now, Day) is { } update)
        {
            updates.Add(update);
            c = CaseBalance.Forward(c, update);
        }

        Assert.Equal(["update-INV-7-1", "update-INV-7-2"], updates.Select(u => u.UpdateId));
        Assert.Equal([new Money(15_000), new Money(10_000)], updates.Select(u => u.Amount));
        Assert.Equal(now.Remaining, c.Forwarded!.Outstanding);
        Assert.Equal(2, c.Forwarded.UpdateCount);
    }

    [Fact]
    public void A_rejected_payment_match_or_a_raised_amount_is_forwarded_as_a_negative_update()
    {
        var paid = CaseBalance.Forward(Held(), CaseBalance.NextUpdate(Held(), new ItemFigures(new Money(125_000), new Money(65_000)), Day)!);

        var reversal = CaseBalance.NextUpdate(paid, new ItemFigures(new Money(125_000), new Money(25_000)), Day)!;
        var raised = CaseBalance.NextUpdate(paid, new ItemFigures(new Money(130_000), new Money(65_000)), Day)!;

        Assert.Equal((CaseUpdateKind.DirectPayment, new Money(-40_000), "update-INV-7-2"), (reversal.Kind, reversal.Amount, reversal.UpdateId));
        Assert.Equal((CaseUpdateKind.CreditNote, new Money(-5_000)), (raised.Kind, raised.Amount));
    }

    [Fact]
    public void The_balance_follows_the_update_as_stored_when_an_earlier_attempt_stored_other_figures()
    {
        var stored = new CaseUpdate("update-INV-7-1", "INV-7", CaseUpdateKind.CreditNote, new Money(10_000), Day, "M-7");
        var after = CaseBalance.Forward(Held(), stored);

        var rest = CaseBalance.NextUpdate(after, new ItemFigures(new Money(100_000), new Money(25_000)), Day)!;

        Assert.Equal(("update-INV-7-2", new Money(15_000)), (rest.UpdateId, rest.Amount));
    }

    [Fact]
    public void An_update_stored_before_a_crash_is_met_by_its_number_even_when_the_figures_now_call_for_another_kind()
    {
        // Update 1 (a credit note of 250.00) was stored, then the process stopped before the case moved. Meanwhile the ERP
        // restored the amount and a payment of 100.00 was matched: the next look computes a direct payment, with the same id.
        var now = new ItemFigures(new Money(125_000), new Money(35_000));
        var computed = CaseBalance.NextUpdate(Held(), now, Day)!;
        var stored = new CaseUpdate("update-INV-7-1", "INV-7", CaseUpdateKind.CreditNote, new Money(25_000), Day, "M-7");
        Assert.Equal((CaseUpdateKind.DirectPayment, stored.UpdateId), (computed.Kind, computed.UpdateId));

        var c = CaseBalance.Forward(Held(), stored);
        var rest = new List<CaseUpdate>();
        while (CaseBalance.NextUpdate(c, now, Day) is { } update)
        {
            rest.Add(update);
            c = CaseBalance.Forward(c, update);
        }

        // The agency holds: 1,000.00 − 250.00 (stored credit) + 250.00 (credit undone) − 100.00 (payment) = 900.00, as the books.
        Assert.Equal([(CaseUpdateKind.CreditNote, new Money(-25_000)), (CaseUpdateKind.DirectPayment, new Money(10_000))], rest.Select(u => (u.Kind, u.Amount)));
        Assert.Equal(now.Remaining, c.Forwarded!.Outstanding);
    }

    [Theory]
    [InlineData(CaseStatus.Draft)]
    [InlineData(CaseStatus.Approved)]
    [InlineData(CaseStatus.Settled)]
    [InlineData(CaseStatus.WrittenOff)]
    [InlineData(CaseStatus.Closed)]
    public void Only_a_case_the_agency_holds_gets_updates(CaseStatus status)
    {
        var c = Held() with { Status = status };

        Assert.Null(CaseBalance.NextUpdate(c, new ItemFigures(new Money(1), new Money(0)), Day));
    }

    [Fact]
    public void A_case_without_hand_over_figures_gets_no_updates()
    {
        var c = Held() with { Forwarded = null };

        Assert.False(c.HeldByAgency());
        Assert.Null(CaseBalance.NextUpdate(c, new ItemFigures(new Money(1), new Money(0)), Day));
    }
}
