using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>What a run decided: every movement's outcome, the new matches, and where every open item stands.</summary>
public sealed class ReconciliationResult
{
    private readonly OpenItemBook _book;
    private readonly IReadOnlyList<Match> _allMatches;
    private IReadOnlyList<ItemSettlement>? _items;

    internal ReconciliationResult(IReadOnlyList<EntryOutcome> entries, IReadOnlyList<Match> newMatches, IReadOnlyList<Match> allMatches, OpenItemBook book)
    {
        Entries = entries;
        NewMatches = newMatches;
        _allMatches = allMatches;
        _book = book;
        Summary = ReconciliationSummary.Of(entries);
    }

    /// <summary>One per distinct movement, in the engine's canonical order (booking date, then a stable hash of the entry id).</summary>
    public IReadOnlyList<EntryOutcome> Entries { get; }

    /// <summary>The matches this run made (the existing ones passed in are not repeated here).</summary>
    public IReadOnlyList<Match> NewMatches { get; }

    /// <summary>Every match among <see cref="Entries"/>, existing and new.</summary>
    public IEnumerable<Match> Matches => Entries.Where(e => e.Match is not null).Select(e => e.Match!);

    public ReconciliationSummary Summary { get; }

    /// <summary>Every open item with what is settled and what remains, sorted by invoice id. Built on first use.</summary>
    public IReadOnlyList<ItemSettlement> Items => _items ??= BuildItems();

    private List<ItemSettlement> BuildItems()
    {
        var payments = new Dictionary<string, List<ItemPayment>>(StringComparer.Ordinal);
        foreach (var match in _allMatches)
        {
            foreach (var allocation in match.Allocations)
            {
                if (!payments.TryGetValue(allocation.Item.InvoiceId, out var list))
                {
                    payments[allocation.Item.InvoiceId] = list = [];
                }
                list.Add(new ItemPayment(match.EntryId, allocation.Amount, match));
            }
        }
        var ordinals = Enumerable.Range(0, _book.Count).ToArray();
        Array.Sort(ordinals, _book.CompareByInvoiceId);
        var items = new List<ItemSettlement>(ordinals.Length);
        foreach (var i in ordinals)
        {
            var item = _book.Item(i);
            var remaining = _book.Remaining(i);
            var settled = _book.Settled(i);
            var status = _book.IsOverpaid(i) ? ItemStatus.Overpaid
                : _book.IsOpen(i) ? (settled == Money.Zero ? ItemStatus.Open : ItemStatus.Partial)
                : ItemStatus.Paid;
            items.Add(new ItemSettlement(item, settled, remaining, status, payments.TryGetValue(item.InvoiceId, out var list) ? list : []));
        }
        return items;
    }
}
