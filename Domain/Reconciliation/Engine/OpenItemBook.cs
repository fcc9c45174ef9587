using System.Runtime.InteropServices;
using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// The open items of one run with what is still open on each, and the indexes the rules look them up by: KID,
/// invoice number, customer, name, open amount. Items are addressed by their position in the input (an ordinal);
/// every answer that can hold several items is sorted by invoice id before anyone decides on it, so the input
/// order never shows in a result.
/// <para>Built for a million items: what the hot rules read of an item (open amount, sign, currency) sits in one
/// small struct per item, and the KID and invoice-number indexes are flat 64-bit-keyed tables. The KID index is
/// built at once; the others on first use, or — when the caller says they will be needed — on another core while
/// the first rules run (a reader then waits until they are done; they are never written again).</para>
/// </summary>
internal sealed class OpenItemBook
{
    private const int None = -1;

    private readonly OpenItem[] _items;
    private readonly ItemState[] _state;
    private readonly Dictionary<string, int> _currencies = new(StringComparer.Ordinal);
    private readonly List<string> _currencyNames = [];

    private readonly KeyIndex _kids;
    private KeyIndex? _numbers;

    // Customers: the first item of each, then a chain through _nextOfCustomer (no list per customer).
    private Dictionary<string, int>? _customerFirst;
    private int[]? _nextOfCustomer;
    private Dictionary<string, string?>? _customerByNameKey;
    private Dictionary<string, string?>? _customerByNumber;

    // Open amounts: a doubly linked chain per amount, kept current as payments are applied once built.
    private Dictionary<long, int>? _amountFirst;
    private int[]? _amountNext;
    private int[]? _amountPrevious;

    private Dictionary<string, int>? _byInvoiceId;

    private readonly Task? _background;
    private readonly int[] _builders = [];
    private readonly Comparison<int> _compareByInvoiceId;

    /// <param name="indexesInBackground">Build the invoice-number, customer and name indexes now on another core (the run will need them).</param>
    public OpenItemBook(ClientId client, IReadOnlyList<OpenItem> items, bool indexesInBackground = false, bool customerNumbers = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(items);
        var count = items.Count;
        _compareByInvoiceId = CompareByInvoiceId;
        _items = new OpenItem[count];
        _state = new ItemState[count];
        for (var i = 0; i < count; i++)
        {
            var item = items[i] ?? throw new ArgumentException("an open item is null", nameof(items));
            // Tenancy: one run is one client's books; anything else is a caller's bug.
            if (!ReferenceEquals(item.Client, client) && item.Client != client)
            {
                throw new ArgumentException($"open item {item.InvoiceId} belongs to client {item.Client}, not {client}", nameof(items));
            }
            _items[i] = item;
            ref var currency = ref CollectionsMarshal.GetValueRefOrAddDefault(_currencies, item.Currency, out var known);
            if (!known)
            {
                currency = _currencyNames.Count;
                _currencyNames.Add(item.Currency);
            }
            _state[i] = new ItemState { Remaining = item.Amount.Ore, Amount = item.Amount.Ore, Currency = currency };
        }
        if (indexesInBackground)
        {
            // Two builders, one per core besides the caller's: invoice numbers; customers and their names.
            var numbers = Task.Run(() => Numbers());
            var customers = Task.Run(() =>
            {
                NameIndex();
                if (customerNumbers)
                {
                    CustomerByNumber("0");
                }
            });
            _background = Task.WhenAll(numbers, customers);
            _builders = [numbers.Id, customers.Id];
        }
        _kids = new KeyIndex(count);
        for (var i = 0; i < count; i++)
        {
            if (_items[i].Kid is { } kid && Kid.IsWellFormed(kid, out _) && Kid.Verify(kid) != KidCheck.None)
            {
                _kids.Add(kid, NumericKeys.TryKid(kid, out var key) ? key : 0, i, this);
            }
        }
    }

    public int Count => _items.Length;

    public OpenItem Item(int ordinal) => _items[ordinal];

    public Money Remaining(int ordinal) => new(_state[ordinal].Remaining);

    public Money Settled(int ordinal) => new(_state[ordinal].Amount - _state[ordinal].Remaining);

    public bool IsOverpaid(int ordinal) => _state[ordinal].Overpaid;

    /// <summary>A credit note (or an item of nothing): its amount is not above zero.</summary>
    public bool IsCreditNote(int ordinal) => _state[ordinal].Amount <= 0;

    /// <summary>Open: something is still to pay (or, for a credit note, still to offset).</summary>
    public bool IsOpen(int ordinal)
    {
        ref readonly var s = ref _state[ordinal];
        return s.Amount >= 0 ? s.Remaining > 0 : s.Remaining < 0;
    }

    /// <summary>The item is in <paramref name="currency"/>.</summary>
    public bool InCurrency(int ordinal, string currency)
    {
        // A compare of two short strings (usually the same instance): cheaper than hashing the code for a lookup.
        var name = _currencyNames[_state[ordinal].Currency];
        return ReferenceEquals(name, currency) || string.Equals(name, currency, StringComparison.Ordinal);
    }

    /// <summary>Applies part of a payment to an item; <paramref name="surplus"/> marks a payment that brought more than was open.</summary>
    public void Apply(int ordinal, Money amount, bool surplus)
    {
        UnlinkAmount(ordinal);
        ref var s = ref _state[ordinal];
        s.Remaining = checked(s.Remaining - amount.Ore);
        s.Overpaid |= surplus;
        LinkAmount(ordinal);
    }

    /// <summary>The items with this valid KID: none, one, or (shared KID) several sorted by invoice id.</summary>
    public Found ByKid(string kid) => _kids.Find(kid, NumericKeys.TryKid(kid, out var key) ? key : 0);

    /// <summary>The items with this invoice number (compared as <see cref="InvoiceNumbers.Normalise"/> does).</summary>
    public Found ByInvoiceNumber(string number)
    {
        if (InvoiceNumbers.Normalise(number) is not { } normalised)
        {
            return default;
        }
        return Numbers().Find(normalised, NumericKeys.TryNumber(normalised, out var key) ? key : 0);
    }

    public int? ByInvoiceId(string invoiceId)
    {
        if (_byInvoiceId is null)
        {
            var index = new Dictionary<string, int>(_items.Length, StringComparer.Ordinal);
            for (var i = 0; i < _items.Length; i++)
            {
                index.TryAdd(_items[i].InvoiceId, i);
            }
            _byInvoiceId = index;
        }
        return _byInvoiceId.TryGetValue(invoiceId, out var ordinal) ? ordinal : null;
    }

    /// <summary>The customer's name as its items give it (the item with the lowest invoice id, when they differ).</summary>
    public string CustomerName(string customerId)
    {
        string? name = null;
        string? invoiceId = null;
        var next = Customers(out var first);
        if (first.TryGetValue(customerId, out var i))
        {
            for (; i != None; i = next[i])
            {
                if (invoiceId is null || string.CompareOrdinal(_items[i].InvoiceId, invoiceId) < 0)
                {
                    invoiceId = _items[i].InvoiceId;
                    name = _items[i].CustomerName;
                }
            }
        }
        return name ?? customerId;
    }

    /// <summary>The customer's open items in <paramref name="currency"/>, sorted by invoice id.</summary>
    public List<int> OpenItemsOf(string customerId, string currency)
    {
        var result = new List<int>();
        var next = Customers(out var first);
        if (first.TryGetValue(customerId, out var i))
        {
            for (; i != None; i = next[i])
            {
                if (IsOpen(i) && InCurrency(i, currency))
                {
                    result.Add(i);
                }
            }
        }
        result.Sort(_compareByInvoiceId);
        return result;
    }

    /// <summary>
    /// The customer's open items in <paramref name="currency"/> into <paramref name="into"/>, sorted by invoice id;
    /// the count, or −1 when they do not fit (no list per call: this runs for every payment of a known customer).
    /// </summary>
    public int OpenItemsOf(string customerId, string currency, Span<int> into)
    {
        var count = 0;
        var next = Customers(out var first);
        if (first.TryGetValue(customerId, out var i))
        {
            for (; i != None; i = next[i])
            {
                if (IsOpen(i) && InCurrency(i, currency))
                {
                    if (count == into.Length)
                    {
                        return -1;
                    }
                    into[count++] = i;
                }
            }
        }
        into[..count].Sort(_compareByInvoiceId);
        return count;
    }

    /// <summary>Open items whose open amount is exactly <paramref name="amount"/> (any currency), in no particular order.</summary>
    public AmountChain WithOpenAmount(Money amount)
    {
        var first = Amounts();
        return new AmountChain(_amountNext!, first.TryGetValue(amount.Ore, out var head) ? head : None);
    }

    /// <summary>
    /// The customer whose name has this key (<see cref="CustomerNames.Key(string)"/>); null when no customer or
    /// more than one customer has it.
    /// </summary>
    public string? CustomerByName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var index = NameIndex();
        // Looked up by span: a payment's name is keyed without a string per payment.
        var buffer = name.Length <= CustomerNames.StackLimit ? stackalloc char[name.Length] : new char[name.Length];
        var length = CustomerNames.Key(name, buffer);
        return length > 0 && index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(buffer[..length], out var customer) ? customer : null;
    }

    /// <summary>The customer whose id is this number (leading zeros ignored); null when none or several.</summary>
    public string? CustomerByNumber(string number)
    {
        WaitForBackground();
        if (_customerByNumber is null)
        {
            Customers(out var first);
            var index = new Dictionary<string, string?>(first.Count, StringComparer.Ordinal);
            foreach (var id in first.Keys)
            {
                var key = id.TrimStart('0');
                index[key] = index.TryGetValue(key, out var other) && other != id ? null : id;
            }
            _customerByNumber = index;
        }
        return _customerByNumber.TryGetValue(number.TrimStart('0'), out var customer) ? customer : null;
    }

    public int CompareByInvoiceId(int a, int b) => string.CompareOrdinal(_items[a].InvoiceId, _items[b].InvoiceId);



    /// <summary>Builds every index, so that the book, no longer changed, can be read from several threads.</summary>
    public void PrepareForReading(bool customerNumbers)
    {
        Numbers();
        NameIndex();
        if (customerNumbers)
        {
            CustomerByNumber("0");
        }
        Amounts();
    }

    /// <summary>The background build, when there is one, is the only writer of the indexes it builds: wait for it before reading them.</summary>
    private void WaitForBackground()
    {
        // The background builders run these same methods: they must not wait for themselves (each builds what it
        // reads; they share nothing but the items).
        if (_background is { IsCompleted: false } background && (Task.CurrentId is not { } current || Array.IndexOf(_builders, current) < 0))
        {
            background.GetAwaiter().GetResult();
        }
    }

    private KeyIndex Numbers()
    {
        WaitForBackground();
        if (_numbers is null)
        {
            var index = new KeyIndex(_items.Length);
            for (var i = 0; i < _items.Length; i++)
            {
                if (InvoiceNumbers.Normalise(_items[i].InvoiceNumber) is { } number)
                {
                    index.Add(number, NumericKeys.TryNumber(number, out var key) ? key : 0, i, this);
                }
            }
            _numbers = index;
        }
        return _numbers;
    }

    private int[] Customers(out Dictionary<string, int> first)
    {
        WaitForBackground();
        if (_customerFirst is null || _nextOfCustomer is null)
        {
            // Customer ids that are digits (most ERPs number customers) are grouped through a flat 64-bit table
            // first: a million string-keyed dictionary updates are the slow part of this index.
            var numeric = new LongIntMap(_items.Length / 2);
            var heads = new Dictionary<string, int>(StringComparer.Ordinal);
            var next = new int[_items.Length];
            for (var i = 0; i < _items.Length; i++)
            {
                var id = _items[i].CustomerId;
                if (NumericKeys.TryKid(id, out var key) && !id.Contains('-', StringComparison.Ordinal))
                {
                    ref var slot = ref numeric.GetValueRefOrAddDefault(key, out var seen);
                    // Stored as ordinal + 1 of the customer's latest item.
                    next[i] = seen ? slot - 1 : None;
                    slot = i + 1;
                    if (!seen)
                    {
                        heads[id] = -1;
                    }
                    continue;
                }
                ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(heads, id, out var known);
                next[i] = known ? head : None;
                head = i;
            }
            if (numeric.Count > 0)
            {
                foreach (var id in heads.Keys.ToList())
                {
                    if (heads[id] == -1 && NumericKeys.TryKid(id, out var key) && numeric.TryGetValue(key, out var latest))
                    {
                        heads[id] = latest - 1;
                    }
                }
            }
            (_customerFirst, _nextOfCustomer) = (heads, next);
        }
        first = _customerFirst;
        return _nextOfCustomer;
    }

    private Dictionary<string, string?> NameIndex()
    {
        WaitForBackground();
        if (_customerByNameKey is not null)
        {
            return _customerByNameKey;
        }
        var next = Customers(out var first);
        var index = new Dictionary<string, string?>(first.Count, StringComparer.Ordinal);
        foreach (var (customer, head) in first)
        {
            // A customer's items almost always carry one name: each name is keyed once per run of equal names.
            string? previous = null;
            for (var i = head; i != None; i = next[i])
            {
                var name = _items[i].CustomerName;
                if (previous is not null && string.Equals(previous, name, StringComparison.Ordinal))
                {
                    continue;
                }
                previous = name;
                if (CustomerNames.Key(name) is not { } key)
                {
                    continue;
                }
                if (!index.TryAdd(key, customer) && index[key] is { } existing && existing != customer)
                {
                    index[key] = null;
                }
            }
        }
        return _customerByNameKey = index;
    }

    private Dictionary<long, int> Amounts()
    {
        if (_amountFirst is null)
        {
            _amountNext = new int[_items.Length];
            _amountPrevious = new int[_items.Length];
            var open = 0;
            for (var i = 0; i < _items.Length; i++)
            {
                open += IsOpen(i) ? 1 : 0;
            }
            _amountFirst = new Dictionary<long, int>(open);
            for (var i = 0; i < _items.Length; i++)
            {
                _amountNext[i] = None;
                _amountPrevious[i] = None;
                LinkAmount(i);
            }
        }
        return _amountFirst;
    }

    private void LinkAmount(int ordinal)
    {
        if (_amountFirst is null || !IsOpen(ordinal))
        {
            return;
        }
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_amountFirst, _state[ordinal].Remaining, out var exists);
        var next = exists ? first : None;
        _amountNext![ordinal] = next;
        _amountPrevious![ordinal] = None;
        if (next != None)
        {
            _amountPrevious[next] = ordinal;
        }
        first = ordinal;
    }

    private void UnlinkAmount(int ordinal)
    {
        if (_amountFirst is null || !IsOpen(ordinal))
        {
            return;
        }
        var previous = _amountPrevious![ordinal];
        var next = _amountNext![ordinal];
        if (previous != None)
        {
            _amountNext[previous] = next;
        }
        else if (next != None)
        {
            _amountFirst[_state[ordinal].Remaining] = next;
        }
        else
        {
            _amountFirst.Remove(_state[ordinal].Remaining);
        }
        if (next != None)
        {
            _amountPrevious[next] = previous;
        }
        _amountNext[ordinal] = None;
        _amountPrevious[ordinal] = None;
    }

    /// <summary>What the hot rules read of an item, together in 24 bytes.</summary>
    private struct ItemState
    {
        public long Remaining;
        public long Amount;
        public int Currency;
        public bool Overpaid;
    }

    /// <summary>
    /// One key per item: a 64-bit key when the key fits one (<see cref="NumericKeys"/>), else the string. A key
    /// several items share is kept with its items sorted by invoice id.
    /// </summary>
    private sealed class KeyIndex(int capacity)
    {
        private readonly LongIntMap _numeric = new(capacity);
        private readonly Dictionary<string, int> _text = new(StringComparer.Ordinal);
        private readonly List<List<int>> _shared = [];

        /// <param name="key">The 64-bit key, or 0 to key by <paramref name="text"/>.</param>
        public void Add(string text, ulong key, int ordinal, OpenItemBook book)
        {
            ref var slot = ref key != 0 ? ref _numeric.GetValueRefOrAddDefault(key, out var exists) : ref CollectionsMarshal.GetValueRefOrAddDefault(_text, text, out exists);
            // Stored: ordinal + 1 for one item, −(list index + 1) for several (0 never occurs once added).
            if (!exists)
            {
                slot = ordinal + 1;
                return;
            }
            if (slot > 0)
            {
                _shared.Add([slot - 1]);
                slot = -_shared.Count;
            }
            var list = _shared[-slot - 1];
            list.Add(ordinal);
            list.Sort(book.CompareByInvoiceId);
        }

        public Found Find(string text, ulong key)
        {
            int slot;
            var found = key != 0 ? _numeric.TryGetValue(key, out slot) : _text.TryGetValue(text, out slot);
            if (!found)
            {
                return default;
            }
            return slot > 0 ? new Found(slot - 1, null) : new Found(None, _shared[-slot - 1]);
        }
    }

    /// <summary>The items a key leads to, without allocating for the usual single one. default is "none".</summary>
    public readonly struct Found
    {
        // Ordinal + 1, so that default(Found) means no item.
        private readonly int _singlePlusOne;
        private readonly List<int>? _many;

        public Found(int single, List<int>? many)
        {
            _singlePlusOne = many is null ? single + 1 : 0;
            _many = many;
        }

        public int Count => _many?.Count ?? (_singlePlusOne == 0 ? 0 : 1);

        public int this[int index] => _many is not null ? _many[index]
            : index == 0 && _singlePlusOne != 0 ? _singlePlusOne - 1 : throw new ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>Walks the open items of one open amount without allocating.</summary>
    public struct AmountChain(int[] next, int first)
    {
        private int _next = first;

        public int Current { get; private set; } = None;

        public bool MoveNext()
        {
            if (_next == None)
            {
                return false;
            }
            Current = _next;
            _next = next[_next];
            return true;
        }

        public readonly AmountChain GetEnumerator() => this;
    }
}
