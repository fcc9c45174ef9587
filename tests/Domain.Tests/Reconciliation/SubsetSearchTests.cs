using Bankflow.Domain.Reconciliation.Engine;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>The bounded subset-sum behind rule 3.</summary>
public sealed class SubsetSearchTests
{
    [Fact]
    public void Finds_the_only_subset()
    {
        var result = SubsetSearch.Find([500, 300, 900, 250], 1_150);

        Assert.False(result.Exhausted);
        Assert.Equal([2, 3], Assert.Single(result.Solutions));
    }

    [Fact]
    public void Stops_at_the_second_solution()
    {
        var result = SubsetSearch.Find([100, 100, 100, 100, 100, 100], 200);

        Assert.Equal(2, result.Solutions.Count);
    }

    [Fact]
    public void Negative_amounts_take_part()
    {
        var result = SubsetSearch.Find([1_000, -200, 550], 800);

        Assert.Equal([0, 1], Assert.Single(result.Solutions));
    }

    [Fact]
    public void Budget_spent_means_unknown()
    {
        // 2^20 subsets of amounts that never add up to the target: pruning cannot help with an odd target and even amounts near it.
        var amounts = Enumerable.Range(1, 20).Select(i => (long)i * 2).ToArray();

        var result = SubsetSearch.Find(amounts, 211, budget: 1_000);

        Assert.True(result.Exhausted);
        Assert.Empty(result.Solutions);
    }

    [Fact]
    public void Exact_in_ore_over_large_amounts()
    {
        var result = SubsetSearch.Find([99_999_999_999, 1, 100_000_000_000], 100_000_000_000);

        Assert.Equal(2, result.Solutions.Count);
    }
}
