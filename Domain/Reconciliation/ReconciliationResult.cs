using Bankflow.Domain.Reconciliation.Engine;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// What a run decided: every movement's outcome, the new matches, and where every open item stands. The run
/// keeps its decisions compactly; outcomes, matches and item settlements are written out on first read.
/// </summary>
public sealed class ReconciliationResult
{
    private readonly BankMovement[] _movements;
    private readonly OutcomeSlot[] _slots;
    private readonly IReadOnlyList<Match> _existing;
    private readonly MatchContext _context;
    private readonly bool _parallel;
    private readonly OpenItemBook _book;
    private IReadOnlyList<EntryOutcome>? _entries;
    private IReadOnlyList<ItemSettlement>? _items;

    internal ReconciliationResult(BankMovement[] movements, OutcomeSlot[] slots, IReadOnlyList<Match> existing, MatchContext context, bool parallel)
    {
        _movements = movements;
        _slots = slots;
        _existing = existing;
        _context = context;
        _parallel = parallel;
        _book = context.Book;
        int matched = 0, unmatched = 0, ignored = 0;
        foreach (var slot in slots)
        {
            switch (slot.Status)
            {
                case EntryStatus.Matched:
                    matched++;
                    break;
                case EntryStatus.Unmatched:
                    unmatched++;
                    break;
                default:
                    ignored++;
                    break;
            }
        }
        var decided = matched + unmatched;
        Summary = new ReconciliationSummary(slots.Length, matched, unmatched, ignored, decided == 0 ? 0 : Math.Round((double)matched / decided, 4));
    }

    public ReconciliationSummary Summary { get; }

    /// <summary>One per distinct movement, in the engine's canonical order (booking date, then a hash of the amount, then the entry id).</summary>
    public IReadOnlyList<EntryOutcome> Entries => _entries ??= BuildEntries();

    /// <summary>Every match among <see cref="Entries"/>, existing and new.</summary>
    public IEnumerable<Match> Matches => Entries.Where(e => e.Match is not null).Select(e => e.Match!);

    /// <summary>The matches this run made (the existing ones passed in are not repeated here).</summary>
    public IEnumerable<Match> NewMatches => Entries.Where(e => e.Match is not null && !e.IsExisting).Select(e => e.Match!);

    /// <summary>Every open item with what is settled and what remains, sorted by invoice id.</summary>
    public IReadOnlyList<ItemSettlement> Items => _items ??= BuildItems();

    private EntryOutcome[] BuildEntries()
    {
        // The unmatched are explained now, on the book as the run left it (on all cores for a large run).
        _context.Explain = true;
        _book.PrepareForReading(customerNumbers: _context.KidPrefix is not null);
        var unmatched = new List<int>();
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Detail is PendingPayment)
            {
                unmatched.Add(i);
            }
        }
        Reconciler.ForEach(unmatched, _parallel, i => _slots[i].Detail = UnmatchedExplainer.Explain((PendingPayment)_slots[i].Detail!, _context));
        var entries = new EntryOutcome[_slots.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var slot = ref _slots[i];
            var m = _movements[i];
            entries[i] = slot switch
            {
                { Compact: true } => new EntryOutcome(m, EntryStatus.Matched, slot.CompactMatch(m, _book.Item(slot.Ordinal)), null),
                { Detail: Match match } => new EntryOutcome(m, EntryStatus.Matched, match, null) { IsExisting = slot.Existing },
                { Detail: EntryOutcome outcome } => outcome,
                { Detail: string reason } => new EntryOutcome(m, slot.Status, null, reason),
                _ => throw new InvalidOperationException($"movement {m.EntryId} was left undecided"),
            };
        }
        return entries;
    }

    private List<ItemSettlement> BuildItems()
    {
        var payments = new Dictionary<string, List<ItemPayment>>(StringComparer.Ordinal);
        var matchesHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var match in Entries.Where(e => e.Match is not null).Select(e => e.Match!))
        {
            matchesHere.Add(match.EntryId);
            Add(match);
        }
        // Earlier matches of movements not in this run still paid their items.
        foreach (var match in _existing.Where(m => !matchesHere.Contains(m.EntryId)))
        {
            Add(match);
        }
        var ordinals = Enumerable.Range(0, _book.Count).ToArray();
        Array.Sort(ordinals, _book.CompareByInvoiceId);
        var items = new List<ItemSettlement>(ordinals.Length);
        foreach (var i in ordinals)
        {
            var item = _book.Item(i);
            var settled = _book.Settled(i);
            var status = _book.IsOverpaid(i) ? ItemStatus.Overpaid
                : _book.IsOpen(i) ? (settled == Money.Zero ? ItemStatus.Open : ItemStatus.Partial)
                : ItemStatus.Paid;
            items.Add(new ItemSettlement(item, settled, _book.Remaining(i), status, payments.TryGetValue(item.InvoiceId, out var list) ? list : []));
        }
        return items;

        void Add(Match match)
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
    }
}
