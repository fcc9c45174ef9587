using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Camt;

public sealed class StatementContinuityTests
{
    private static StatementSnapshot Day(string account, long? sequence, int day, long opening, long closing) =>
        new(account, $"{account}.{day}", sequence, new DateOnly(2024, 5, day), new Money(opening), new Money(closing), "NOK");

    [Fact]
    public void Consecutive_statements_that_join_up_give_no_findings_in_any_input_order()
    {
        var statements = new[] { Day("A", 3, 3, 300, 250), Day("A", 1, 1, 100, 200), Day("A", 2, 2, 200, 300) };
        Assert.Empty(StatementContinuity.Check(statements));
    }

    [Fact]
    public void Opening_that_differs_from_the_previous_closing_is_a_balance_break_with_the_difference()
    {
        var finding = Assert.Single(StatementContinuity.Check([Day("A", 1, 1, 100, 200), Day("A", 2, 2, 250, 300)]));
        Assert.Equal(ContinuityBreak.BalanceMismatch, finding.Kind);
        Assert.Equal("A.1", finding.PreviousStatementId);
        Assert.Equal("A.2", finding.NextStatementId);
        Assert.Equal("2.00", finding.Expected);
        Assert.Equal("2.50", finding.Found);
        Assert.Contains("difference 0.50", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gap_and_repeat_in_sequence_numbers_are_found()
    {
        var gap = Assert.Single(StatementContinuity.Check([Day("A", 1, 1, 100, 200), Day("A", 4, 2, 200, 300)]));
        Assert.Equal(ContinuityBreak.SequenceGap, gap.Kind);
        Assert.Equal("2", gap.Expected);
        Assert.Equal("4", gap.Found);
        Assert.Contains("2 statement(s) missing", gap.Message, StringComparison.Ordinal);

        var repeat = Assert.Single(StatementContinuity.Check([Day("A", 1, 1, 100, 200), Day("A", 1, 1, 200, 200)]));
        Assert.Equal(ContinuityBreak.SequenceRepeated, repeat.Kind);
    }

    [Fact]
    public void Accounts_are_checked_separately_and_without_sequence_numbers_by_date()
    {
        var findings = StatementContinuity.Check([
            Day("A", null, 2, 200, 300), Day("B", 7, 1, 5, 6), Day("A", null, 1, 100, 200), Day("B", 8, 2, 7, 8)]);
        var finding = Assert.Single(findings);
        Assert.Equal("B", finding.Account);
        Assert.Equal(ContinuityBreak.BalanceMismatch, finding.Kind);
    }

    [Fact]
    public void Snapshot_takes_PRCD_when_there_is_no_OPBD()
    {
        var statement = new CamtStatement(
            1, "S", 5, null, new CamtAccount("NO9386011117947", null, null, "NOK"),
            [new CamtBalance("PRCD", new Money(-500), "NOK", new DateOnly(2024, 5, 23)), new CamtBalance("CLBD", new Money(700), "NOK", new DateOnly(2024, 5, 24))],
            "/Document", 1);

        var snapshot = StatementSnapshot.From(statement);

        Assert.Equal(new StatementSnapshot("86011117947", "S", 5, new DateOnly(2024, 5, 24), new Money(-500), new Money(700), "NOK"), snapshot);
    }
}
