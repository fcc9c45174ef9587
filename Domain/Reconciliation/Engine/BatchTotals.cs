using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>What <see cref="BatchTotals.Find"/> learned about lump sums (positions into the movements it was given).</summary>
/// <param name="IgnoredLumps">Lump sums whose payments are itemised among the movements: counted through those, never matched themselves.</param>
/// <param name="UnitemisedLumps">Lump sums whose payments are not here: they cannot be matched to invoices.</param>
/// <param name="Itemising">Itemised payments whose lump sum is also among the movements (the balance counts the lump, not them).</param>
internal sealed record BatchFindings(IReadOnlyDictionary<int, string> IgnoredLumps, IReadOnlyDictionary<int, string> UnitemisedLumps, IReadOnlySet<int> Itemising);

/// <summary>
/// A camt.053 lump sum (<see cref="BankMovement.IsBatchTotal"/>) and the payments behind it are the same money:
/// only one side may be counted. The payments are what matching needs, so the lump is set aside when they are
/// here: by the batch reference they share (camt.054), or — for a Nets OCR file, which carries no bank batch
/// reference — when the OCR payments of that account and day add up to exactly that day's lump sums.
/// </summary>
internal static class BatchTotals
{
    private static readonly BatchFindings None = new(new Dictionary<int, string>(), new Dictionary<int, string>(), new HashSet<int>());

    /// <param name="itemising">Collect <see cref="BatchFindings.Itemising"/> (the statement check needs it; matching does not).</param>
    /// <param name="anyBatchTotal">Whether any movement is a lump sum, when the caller knows; null to look.</param>
    public static BatchFindings Find(IReadOnlyList<BankMovement> movements, bool itemising = false, bool? anyBatchTotal = null)
    {
        // Most runs have no lump sum at all: then there is nothing to find.
        if (!(anyBatchTotal ?? movements.Any(m => m.IsBatchTotal)))
        {
            return None;
        }
        var itemisedBy = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var ocrByDay = new Dictionary<(string Account, DateOnly Date), OcrDay>();
        for (var i = 0; i < movements.Count; i++)
        {
            var m = movements[i];
            if (!m.IsBatchTotal && m.BatchReference is { } reference)
            {
                Add(itemisedBy, reference, i);
            }
            if (m.Channel is BankChannel.OcrGiro or BankChannel.AvtaleGiro)
            {
                ref var day = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(ocrByDay, (m.Account, m.BookingDate), out _);
                day.Sum += m.Amount;
                day.Count++;
                if (itemising)
                {
                    (day.Positions ??= []).Add(i);
                }
            }
        }
        var ignored = new Dictionary<int, string>();
        var unitemised = new Dictionary<int, string>();
        var itemised = new HashSet<int>();
        var lumpsByDay = new Dictionary<(string Account, DateOnly Date), List<int>>();
        for (var i = 0; i < movements.Count; i++)
        {
            var m = movements[i];
            if (!m.IsBatchTotal)
            {
                continue;
            }
            if (m.BatchReference is { } reference && itemisedBy.TryGetValue(reference, out var payments))
            {
                ignored[i] = $"lump sum of batch {reference}; its {payments.Count} itemised payments are matched one by one instead";
                if (itemising)
                {
                    itemised.UnionWith(payments);
                }
                continue;
            }
            Add(lumpsByDay, (m.Account, m.BookingDate), i);
        }
        foreach (var (day, lumps) in lumpsByDay)
        {
            var lumpTotal = Sum(movements, lumps);
            if (ocrByDay.TryGetValue(day, out var ocr) && ocr.Sum == lumpTotal)
            {
                foreach (var i in lumps)
                {
                    ignored[i] = $"lump sum of {day.Date:yyyy-MM-dd}; the Nets OCR payments of that day ({ocr.Count}, together {lumpTotal}) are matched one by one instead";
                }
                if (ocr.Positions is { } positions)
                {
                    itemised.UnionWith(positions);
                }
                continue;
            }
            foreach (var i in lumps)
            {
                unitemised[i] = "a lump sum whose payments are not itemised here: import the camt.054 or Nets OCR file that lists them (a lump sum is never matched to invoices itself)";
            }
        }
        return new BatchFindings(ignored, unitemised, itemised);
    }

    private static Money Sum(IReadOnlyList<BankMovement> movements, List<int> positions)
    {
        var sum = Money.Zero;
        foreach (var i in positions)
        {
            sum += movements[i].Amount;
        }
        return sum;
    }

    /// <summary>The OCR payments of one account and day.</summary>
    private struct OcrDay
    {
        public Money Sum;
        public int Count;
        public List<int>? Positions;
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> index, TKey key, int position)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(position);
    }
}
