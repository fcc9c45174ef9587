using Bankflow.Domain.Banking;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Statements;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Bank reconciliation: closing balance against opening + booked movements; differences with what explains them.</summary>
public sealed class StatementReconciliationTests
{
    private static readonly StatementBalances March10 = new(Given.Account, "S-10", Given.Day, Given.Day, new Money(1_000_000), new Money(1_150_000), "NOK");

    private static BankMovement On053(string id, long ore, DateOnly? day = null) =>
        new(id, BankChannel.Camt053, Given.Account, day ?? Given.Day, new Money(ore), "NOK");

    [Fact]
    public void Balance_agrees_when_opening_plus_movements_is_closing()
    {
        var check = Assert.Single(StatementReconciliation.Check([March10], [On053("a", 200_000), On053("b", -50_000), On053("other-day", 7, Given.Day.AddDays(1))]));

        Assert.True(check.Agrees);
        Assert.Equal(150_000, check.Booked.Ore);
        Assert.Equal(2, check.Counted.Count);
        Assert.Equal($"account {Given.Account} 2026-03-10–2026-03-10: opening 10000.00 + booked 1500.00 = closing 11500.00", check.Summary);
    }

    [Fact]
    public void Lump_sum_is_counted_and_its_itemised_payments_are_not()
    {
        var lump = On053("lump", 150_000) with { IsBatchTotal = true, BatchReference = "B1" };
        var items = new[] { Given.Payment("i1", 100_000) with { BatchReference = "B1" }, Given.Payment("i2", 50_000) with { BatchReference = "B1" } };

        var check = Assert.Single(StatementReconciliation.Check([March10], [lump, .. items]));

        Assert.True(check.Agrees);
        Assert.Equal("lump", Assert.Single(check.Counted).EntryId);
    }

    [Fact]
    public void Movement_counted_twice_explains_the_difference()
    {
        // An OCR payment whose lump sum the bank did not mark as a batch: the books hold it twice.
        var check = Assert.Single(StatementReconciliation.Check([March10], [On053("lump", 150_000), Given.Payment("ocr:1:1:1", 150_000, kid: Given.Kid("77"))]));

        Assert.False(check.Agrees);
        Assert.Equal(-150_000, check.Difference.Ore);
        Assert.Equal(["lump", "ocr:1:1:1"], check.Explanations.Select(e => e.Movement.EntryId).Order(StringComparer.Ordinal));
        Assert.All(check.Explanations, e => Assert.Contains("the bank's balance does not include", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Movement_booked_the_next_day_explains_the_difference()
    {
        var check = Assert.Single(StatementReconciliation.Check([March10], [On053("a", 100_000), On053("late", 50_000, Given.Day.AddDays(1))]));

        Assert.Equal(50_000, check.Difference.Ore);
        var explanation = Assert.Single(check.Explanations);
        Assert.Equal("late", explanation.Movement.EntryId);
        Assert.Equal("booked 2026-03-11, outside the period, but its 500.00 is in the bank's balance", explanation.Reason);
    }

    [Fact]
    public void Movements_from_other_files_that_together_make_the_difference()
    {
        var check = Assert.Single(StatementReconciliation.Check(
            [March10],
            [On053("a", 150_000), Given.Payment("ocr:1", 30_000, kid: Given.Kid("1")), Given.Payment("ocr:2", 20_000, kid: Given.Kid("2"))]));

        Assert.Equal(-50_000, check.Difference.Ore);
        Assert.Equal(["ocr:1", "ocr:2"], check.Explanations.Select(e => e.Movement.EntryId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unexplained_difference_says_a_file_may_be_missing()
    {
        var check = Assert.Single(StatementReconciliation.Check([March10], [On053("a", 100_000)]));

        Assert.Empty(check.Explanations);
        Assert.EndsWith("no movement held explains it: a file may be missing", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_balances_from_a_generated_camt053()
    {
        var bytes = Testing.Camt.CamtGenerator.WriteBytes(new Testing.Camt.CamtGeneratorOptions(Seed: 7, EntriesPerStatement: 30));
        var reader = new CamtReader(new MemoryStream(bytes));
        var statements = new List<StatementBalances>();
        var entries = new List<BankEntry>();
        foreach (var item in reader.Read())
        {
            if (item is CamtEntryItem e)
            {
                entries.AddRange(CamtBankEntryMapper.Map(CamtMessageKind.Statement, e.Statement, e.Entry));
            }
            else if (item is CamtStatementEnd end)
            {
                statements.Add(StatementBalances.Of(end.Statement)!);
            }
        }

        var check = Assert.Single(StatementReconciliation.Check(statements, BankMovements.From(entries)));

        Assert.True(check.Agrees, check.Summary);
    }
}
