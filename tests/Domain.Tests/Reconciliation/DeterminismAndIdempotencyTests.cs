using Bankflow.Domain.Reconciliation;
using Bankflow.Testing.Reconciliation;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>The same inputs in any order give the same matches; running again with the matches changes nothing.</summary>
public sealed class DeterminismAndIdempotencyTests
{
    private static readonly GeneratedMonth Month = new ReconciliationMonthGenerator(2026).Generate();

    private static ReconciliationResult Run(IEnumerable<OpenItem> items, IEnumerable<BankMovement> movements, IReadOnlyList<Match>? existing = null) =>
        Reconciler.Run(Month.Input([.. items], [.. movements]) with { ExistingMatches = existing ?? [] });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Shuffled_input_gives_the_same_result(int seed)
    {
        var movements = BankMovements.From(Month.Entries);
        var expected = Run(Month.Items, movements).Fingerprint();
        var random = new Random(seed);

        var shuffled = Run(Month.Items.OrderBy(_ => random.Next()), movements.OrderBy(_ => random.Next()));

        Assert.Equal(expected, shuffled.Fingerprint());
    }

    [Fact]
    public void Running_again_with_its_own_matches_changes_nothing()
    {
        var movements = BankMovements.From(Month.Entries);
        var first = Run(Month.Items, movements);
        Assert.NotEmpty(first.NewMatches);

        var second = Run(Month.Items, movements, [.. first.Matches]);

        Assert.Empty(second.NewMatches);
        Assert.Equal(first.Fingerprint(), second.Fingerprint());
        Assert.Equal(
            first.Items.Select(i => $"{i.Item.InvoiceId} {i.Status} {i.Remaining.Ore}"),
            second.Items.Select(i => $"{i.Item.InvoiceId} {i.Status} {i.Remaining.Ore}"));
    }

    [Fact]
    public void Matches_of_an_earlier_day_are_kept_and_what_they_paid_stays_paid()
    {
        var movements = BankMovements.From(Month.Entries);
        var middle = movements.Select(m => m.BookingDate).Order().ElementAt(movements.Count / 2);
        var firstHalf = Run(Month.Items, movements.Where(m => m.BookingDate <= middle));

        var whole = Run(Month.Items, movements, [.. firstHalf.Matches]);

        foreach (var match in firstHalf.Matches)
        {
            var outcome = whole.Entries.Single(e => e.Movement.EntryId == match.EntryId);
            Assert.True(outcome.IsExisting);
            Assert.Same(match, outcome.Match);
        }
        // No item is paid twice over by the two runs: what is settled never exceeds the invoice (surplus is unapplied credit).
        Assert.All(whole.Items.Where(i => i.Item.Amount.Ore > 0), i => Assert.InRange(i.Settled.Ore, 0, i.Item.Amount.Ore));
    }
}
