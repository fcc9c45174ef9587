namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// The order the engine looks at movements in, whatever order they came in: booking date, then a stable FNV-1a
/// hash of the entry id, then the entry id itself. Two payments of one day on one invoice are thus always
/// taken in the same order. (A hash rather than the id: sorting a million ids as strings costs several times more.)
/// </summary>
internal static class CanonicalOrder
{
    public static BankMovement[] Sort(IReadOnlyList<BankMovement> movements)
    {
        var sorted = new BankMovement[movements.Count];
        var keys = new ulong[movements.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            var m = movements[i] ?? throw new ArgumentException("a movement is null", nameof(movements));
            sorted[i] = m;
            keys[i] = Key(m);
        }
        // One 64-bit key per movement: sorting plain integers is several times faster than comparing records.
        Array.Sort(keys, sorted);
        // Equal keys (the same id twice, or a hash collision): order those runs by content, so input order never shows.
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || keys[i] != keys[start])
            {
                if (i - start > 1)
                {
                    Array.Sort(sorted, start, i - start, ContentComparer.Instance);
                }
                start = i;
            }
        }
        return sorted;
    }

    /// <summary>The booking date's day number in the top 20 bits (dates to year 2870), 44 bits of the entry id's hash below.</summary>
    private static ulong Key(BankMovement m) => ((ulong)(uint)m.BookingDate.DayNumber << 44) | (Hash(m.EntryId) >> 20);

    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }
        return hash;
    }

    /// <summary>Entry id, amount, channel, then the references: a total order on what matching reads.</summary>
    private sealed class ContentComparer : IComparer<BankMovement>
    {
        public static readonly ContentComparer Instance = new();

        public int Compare(BankMovement? x, BankMovement? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var c = string.CompareOrdinal(x.EntryId, y.EntryId);
            if (c == 0)
            {
                c = x.Amount.CompareTo(y.Amount);
            }
            if (c == 0)
            {
                c = x.Channel.CompareTo(y.Channel);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Kid, y.Kid);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Text, y.Text);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(x.CounterpartyName, y.CounterpartyName);
            }
            if (c == 0)
            {
                c = string.CompareOrdinal(x.CounterpartyAccount, y.CounterpartyAccount);
            }
            return c;
        }
    }
}
