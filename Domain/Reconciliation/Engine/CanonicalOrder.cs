namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// The order the engine looks at movements in, whatever order they came in: booking date, then a stable hash of
/// the amount, then the entry id and the rest of the content. Two payments of one day on one invoice are thus
/// always taken in the same order. (Integers first: sorting a million ids as strings costs several times more.)
/// </summary>
internal static class CanonicalOrder
{
    public static BankMovement[] Sort(IReadOnlyList<BankMovement> movements) => Sort(movements, distinct: false, out _);

    /// <summary>
    /// Sorts; with <paramref name="distinct"/>, keeps one movement per entry id, booking date and amount: camt.053
    /// and camt.054 give one transaction the same id (of copies, the one with the most to match on is kept).
    /// Copies that disagree on the amount are all kept, to show up for a person.
    /// </summary>
    /// <param name="anyBatchTotal">Whether any movement is a lump sum (read on the way: saves the engine a pass).</param>
    public static BankMovement[] Sort(IReadOnlyList<BankMovement> movements, bool distinct, out bool anyBatchTotal)
    {
        anyBatchTotal = false;
        var sorted = new BankMovement[movements.Count];
        var keys = new ulong[movements.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            var m = movements[i] ?? throw new ArgumentException("a movement is null", nameof(movements));
            sorted[i] = m;
            keys[i] = Key(m);
            anyBatchTotal |= m.IsBatchTotal;
        }
        // One 64-bit key per movement: sorting plain integers is several times faster than comparing records.
        Array.Sort(keys, sorted);
        // Equal keys (the same id twice, or a hash collision): order those runs by content, so input order never
        // shows, and drop copies. Only equal keys can be copies, so other movements are not read again.
        var kept = 0;
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && keys[i] == keys[start])
            {
                continue;
            }
            if (i - start > 1)
            {
                Array.Sort(sorted, start, i - start, ContentComparer.Instance);
            }
            for (var k = start; k < i; k++)
            {
                var m = sorted[k];
                if (distinct && kept > start && sorted[kept - 1] is var last && last.EntryId == m.EntryId && last.Amount == m.Amount && last.BookingDate == m.BookingDate)
                {
                    if (Richness(m) > Richness(last))
                    {
                        sorted[kept - 1] = m;
                    }
                    continue;
                }
                sorted[kept++] = m;
            }
            start = i;
        }
        return kept == sorted.Length ? sorted : sorted[..kept];
    }

    /// <summary>How much a copy gives the rules to match on.</summary>
    private static int Richness(BankMovement m) =>
        (m.Kid is null ? 0 : 4) + m.References.Count * 2 + (m.Text is null ? 0 : 1) + (m.CounterpartyAccount is null ? 0 : 1) + (m.CounterpartyName is null ? 0 : 1);

    /// <summary>
    /// The booking date's day number in the top 20 bits (dates to year 2870), the amount folded into the 44 below.
    /// Only movements of one day and (nearly always) one amount compare equal; those alone are then ordered by
    /// entry id. The entry ids of the rest are never read, which on a million movements is most of the sort.
    /// </summary>
    private static ulong Key(BankMovement m) =>
        ((ulong)(uint)m.BookingDate.DayNumber << 44) | (unchecked((ulong)m.Amount.Ore * 0x9E3779B97F4A7C15UL) >> 20);

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
