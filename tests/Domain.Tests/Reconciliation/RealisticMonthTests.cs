using Bankflow.Domain.Reconciliation;
using Bankflow.Testing.Reconciliation;
using Xunit.Abstractions;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>
/// A generated realistic month (partial, combined and over-payments, typing slips, unknown payers, ambiguous
/// twins, fees, own payments, OCR lump sums): the generator knows the truth of every entry, so every match can
/// be checked. Wrong matches must be none; the automation rate is recorded in docs/benchmarks.md.
/// </summary>
public sealed class RealisticMonthTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2026)]
    [InlineData(7)]
    [InlineData(31337)]
    public void No_wrong_match_in_a_generated_month(int seed)
    {
        var month = new ReconciliationMonthGenerator(seed).Generate();

        var result = Reconciler.Run(month.Input());
        var score = month.Score(result);

        output.WriteLine($"seed {seed}: {score.Entries} entries, {score.Matched} matched, {score.Unmatched} unmatched, {score.Ignored} ignored, automation rate {score.AutomationRate:P1}, wrong {score.Wrong.Count}");
        foreach (var (scenario, (matched, total)) in score.ByScenario)
        {
            output.WriteLine($"  {scenario,-28} {matched,5} / {total,5}");
        }
        Assert.Empty(score.Wrong);
        Assert.True(score.Entries > 1_000, "a month of a few hundred customers");
        // Regression floor, well under what the rules reach (docs/benchmarks.md gives the figure).
        Assert.InRange(score.AutomationRate, 0.70, 1.0);
        Assert.All(result.Entries.Where(e => e.Status == EntryStatus.Unmatched), e => Assert.False(string.IsNullOrEmpty(e.Explanation)));
        Assert.All(result.Entries, e => Assert.InRange(e.Candidates.Count, 0, 3));
    }

    [Fact]
    public void Every_scenario_a_rule_can_decide_is_decided_somewhere_in_the_month()
    {
        var month = new ReconciliationMonthGenerator(2026).Generate();

        var score = month.Score(Reconciler.Run(month.Input()));

        foreach (var scenario in new[] { "kid-full", "kid-partial", "kid-overpaid", "text", "combined-listed", "combined-no-reference", "no-reference-known-payer", "rest-after-partial", "fee", "own-payment" })
        {
            Assert.True(score.ByScenario[scenario].Matched > 0, $"{scenario}: none matched");
        }
        // What no rule may decide stays unmatched (or, for lump sums, set aside).
        foreach (var scenario in new[] { "twins", "no-reference-unknown-payer", "not-an-invoice", "not-an-invoice-same-amount", "ocr-lump-sum" })
        {
            Assert.True(score.ByScenario[scenario].Matched == 0, $"{scenario}: {score.ByScenario[scenario].Matched} matched");
        }
    }
}
