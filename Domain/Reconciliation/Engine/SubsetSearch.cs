namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>The outcome of a bounded subset-sum search.</summary>
/// <param name="Solutions">Positions (into the searched amounts) of each subset found, ascending; at most the number asked for.</param>
/// <param name="Exhausted">The step budget ran out before the search finished: the answer is not known, so nothing may be decided.</param>
internal sealed record SubsetResult(IReadOnlyList<int[]> Solutions, bool Exhausted);

/// <summary>
/// Which subsets of a few amounts (øre, exact) add up to a target. Depth-first, largest amounts first, pruned by
/// what the remaining amounts can still add or take away (credit notes are negative); stops at the second
/// solution (two answers already mean "do not decide") or when a step budget is spent, so a customer with
/// many open items costs a bounded, small amount of time.
/// </summary>
internal static class SubsetSearch
{
    public const int DefaultBudget = 1 << 16;

    /// <param name="amounts">At most 62 amounts (the caller caps far lower).</param>
    public static SubsetResult Find(long[] amounts, long target, int maxSolutions = 2, int budget = DefaultBudget)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var n = amounts.Length;
        if (n > 62)
        {
            throw new ArgumentOutOfRangeException(nameof(amounts), "at most 62 amounts");
        }
        // Largest magnitude first: the sums cross the target early and prune more.
        var order = new int[n];
        var magnitudes = new long[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            // Negated so that an ascending sort puts the largest first; ties keep their input order below.
            magnitudes[i] = -Math.Abs(amounts[i]);
        }
        Array.Sort(magnitudes, order);
        // Array.Sort is not stable: equal magnitudes are put back in input order, so the search path is fixed.
        for (var i = 1; i < n; i++)
        {
            for (var j = i; j > 0 && magnitudes[j - 1] == magnitudes[j] && order[j - 1] > order[j]; j--)
            {
                (order[j - 1], order[j]) = (order[j], order[j - 1]);
            }
        }
        var values = new long[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = amounts[order[i]];
        }
        // What the values from position k on can still add (positives) or subtract (negatives).
        var canAdd = new long[n + 1];
        var canTake = new long[n + 1];
        for (var k = n - 1; k >= 0; k--)
        {
            canAdd[k] = canAdd[k + 1] + Math.Max(values[k], 0);
            canTake[k] = canTake[k + 1] + Math.Min(values[k], 0);
        }
        var solutions = new List<int[]>();
        var steps = 0;
        var exhausted = false;
        Search(0, 0, 0UL);
        return new SubsetResult(solutions, exhausted);

        void Search(int k, long sum, ulong chosen)
        {
            if (solutions.Count >= maxSolutions || exhausted)
            {
                return;
            }
            if (++steps > budget)
            {
                exhausted = true;
                return;
            }
            if (k == n)
            {
                if (chosen != 0 && sum == target)
                {
                    solutions.Add(Positions(chosen));
                }
                return;
            }
            if (target - sum > canAdd[k] || target - sum < canTake[k])
            {
                return;
            }
            Search(k + 1, sum + values[k], chosen | (1UL << k));
            Search(k + 1, sum, chosen);
        }

        int[] Positions(ulong chosen)
        {
            var positions = new List<int>();
            for (var k = 0; k < n; k++)
            {
                if ((chosen & (1UL << k)) != 0)
                {
                    positions.Add(order[k]);
                }
            }
            positions.Sort();
            return [.. positions];
        }
    }
}
