namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>The outcome of a bounded subset-sum search.</summary>
/// <param name="Solutions">Positions (into the searched amounts) of each subset found, ascending; at most the number asked for.</param>
/// <param name="Exhausted">The step budget ran out before the search finished: the answer is not known, so nothing may be decided.</param>
internal sealed record SubsetResult(IReadOnlyList<int[]> Solutions, bool Exhausted)
{
    public static readonly SubsetResult NoneFound = new([], false);
}

/// <summary>
/// Which subsets of a few amounts (øre, exact) add up to a target. Depth-first, largest amounts first, pruned by
/// what the remaining amounts can still add or take away (credit notes are negative); stops at the second
/// solution (two answers already mean "do not decide") or when a step budget is spent, so a customer with
/// many open items costs a bounded, small amount of time. Works on the stack: it runs for every payment
/// from a known customer that nothing else matched.
/// </summary>
internal static class SubsetSearch
{
    public const int DefaultBudget = 1 << 16;

    public const int MaxAmounts = 62;

    public static SubsetResult Find(ReadOnlySpan<long> amounts, long target, int maxSolutions = 2, int budget = DefaultBudget)
    {
        var n = amounts.Length;
        if (n > MaxAmounts)
        {
            throw new ArgumentOutOfRangeException(nameof(amounts), $"at most {MaxAmounts} amounts");
        }
        // Largest magnitude first: the sums cross the target early and prune more. Ties keep input order, so
        // the search path (and which solutions a budget reaches) never depends on the sort.
        Span<int> order = stackalloc int[n];
        for (var i = 0; i < n; i++)
        {
            var j = i;
            for (; j > 0 && Math.Abs(amounts[order[j - 1]]) < Math.Abs(amounts[i]); j--)
            {
                order[j] = order[j - 1];
            }
            order[j] = i;
        }
        Span<long> values = stackalloc long[n];
        Span<long> canAdd = stackalloc long[n + 1];
        Span<long> canTake = stackalloc long[n + 1];
        for (var i = 0; i < n; i++)
        {
            values[i] = amounts[order[i]];
        }
        // What the values from position k on can still add (positives) or subtract (negatives).
        canAdd[n] = 0;
        canTake[n] = 0;
        for (var k = n - 1; k >= 0; k--)
        {
            canAdd[k] = canAdd[k + 1] + Math.Max(values[k], 0);
            canTake[k] = canTake[k + 1] + Math.Min(values[k], 0);
        }
        var searcher = new Searcher(order, values, canAdd, canTake, target, maxSolutions, budget);
        searcher.Search(0, 0, 0UL);
        return searcher.Solutions is null && !searcher.Exhausted ? SubsetResult.NoneFound : new SubsetResult(searcher.Solutions ?? [], searcher.Exhausted);
    }

    private ref struct Searcher(Span<int> order, Span<long> values, Span<long> canAdd, Span<long> canTake, long target, int maxSolutions, int budget)
    {
        private readonly Span<int> _order = order;
        private readonly Span<long> _values = values;
        private readonly Span<long> _canAdd = canAdd;
        private readonly Span<long> _canTake = canTake;
        private int _steps;

        public List<int[]>? Solutions { get; private set; }

        public bool Exhausted { get; private set; }

        public void Search(int k, long sum, ulong chosen)
        {
            if ((Solutions?.Count ?? 0) >= maxSolutions || Exhausted)
            {
                return;
            }
            if (++_steps > budget)
            {
                Exhausted = true;
                return;
            }
            var n = _values.Length;
            if (k == n)
            {
                if (chosen != 0 && sum == target)
                {
                    (Solutions ??= []).Add(Positions(chosen));
                }
                return;
            }
            if (target - sum > _canAdd[k] || target - sum < _canTake[k])
            {
                return;
            }
            Search(k + 1, sum + _values[k], chosen | (1UL << k));
            Search(k + 1, sum, chosen);
        }

        private readonly int[] Positions(ulong chosen)
        {
            var positions = new int[System.Numerics.BitOperations.PopCount(chosen)];
            var count = 0;
            for (var k = 0; k < _values.Length; k++)
            {
                if ((chosen & (1UL << k)) != 0)
                {
                    positions[count++] = _order[k];
                }
            }
            Array.Sort(positions);
            return positions;
        }
    }
}
