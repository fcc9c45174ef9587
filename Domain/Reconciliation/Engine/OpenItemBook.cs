using System.Runtime.InteropServices;
using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// The open items of one run with what is still open on each, and the indexes the rules look them up by: KID,
/// invoice number, customer, open amount. Items are addressed by their position in the input (an ordinal); every
/// answer that can hold several items is sorted by invoice id before anyone decides on it, so the input order
/// never shows in a result. Only the KID index is built up front; the others on first use (a run of KID payments
/// needs none of them), each from the whole book, so when they are built does not change what they hold.
/// </summary>
internal sealed class OpenItemBook
{
    /// <summary>Marks a key that more than one item has; the items are then in the matching "shared" dictionary.</summary>
    private const int Shared = -1;

    private const int None = -1;

    private readonly OpenItem[] _items;
    private readonly long[] _remaining;
    private readonly bool[] _overpaid;

    private readonly Dictionary<string, int> _byKid;
    private readonly Dictionary<string, List<int>> _sharedKids = new(StringComparer.Ordinal);

    private Dictionary<string, int>? _byNumber;
    private readonly Dictionary<string, List<int>> _sharedNumbers = new(StringComparer.Ordinal);

    // Customers: the first item of each, then a chain through _nextOfCustomer (no list per customer).
    private Dictionary<string, int>? _customerFirst;
    private int[]? _nextOfCustomer;

    // Open amounts: a doubly linked chain per amount, kept current as payments are applied once built.
    private Dictionary<long, int>? _amountFirst;
    private int[]? _amountNext;
    private int[]? _amountPrevious;

    private Dictionary<string, int>? _byInvoiceId;
    private Dictionary<string, string?>? _customerByNameKey;
    private Dictionary<string, string?>? _customerByNumber;

    public OpenItemBook(ClientId client, IReadOnlyList<OpenItem> items)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(items);
        var count = items.Count;
        _items = new OpenItem[count];
        _remaining = new long[count];
        _overpaid = new bool[count];
        _byKid = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var item = items[i] ?? throw new ArgumentException("an open item is null", nameof(items));
            // Tenancy: one run is one client's books; anything else is a caller's bug.
            if (!ReferenceEquals(item.Client, client) && item.Client != client)
            {
                throw new ArgumentException($"open item {item.InvoiceId} belongs to client {item.Client}, not {client}", nameof(items));
            }
            _items[i] = item;
            _remaining[i] = item.Amount.Ore;
        }
        for (var i = 0; i < count; i++)
        {
            if (_items[i].Kid is { } kid && Kid.IsWellFormed(kid, out _) && Kid.Verify(kid) != KidCheck.None)
            {
                Add(_byKid, _sharedKids, kid, i);
            }
        }
    }

    public int Count => _items.Length;

    public OpenItem Item(int ordinal) => _items[ordinal];

    public Money Remaining(int ordinal) => new(_remaining[ordinal]);

    public Money Settled(int ordinal) => new(_items[ordinal].Amount.Ore - _remaining[ordinal]);

    public bool IsOverpaid(int ordinal) => _overpaid[ordinal];

    /// <summary>Open: something is still to pay (or, for a credit note, still to offset).</summary>
    public bool IsOpen(int ordinal) => _items[ordinal].Amount.Ore >= 0 ? _remaining[ordinal] > 0 : _remaining[ordinal] < 0;

    /// <summary>Applies part of a payment to an item; <paramref name="surplus"/> marks a payment that brought more than was open.</summary>
    public void Apply(int ordinal, Money amount, bool surplus)
    {
        UnlinkAmount(ordinal);
        _remaining[ordinal] = checked(_remaining[ordinal] - amount.Ore);
        _overpaid[ordinal] |= surplus;
        LinkAmount(ordinal);
    }

    /// <summary>The items with this valid KID: none, one, or (shared KID) several sorted by invoice id.</summary>
    public Found ByKid(string kid) => Lookup(_byKid, _sharedKids, kid);

    /// <summary>The items with this invoice number (compared as <see cref="InvoiceNumbers.Normalise"/> does).</summary>
    public Found ByInvoiceNumber(string number) =>
        InvoiceNumbers.Normalise(number) is { } key ? Lookup(Numbers(), _sharedNumbers, key) : default;

    public int? ByInvoiceId(string invoiceId)
    {
        if (_byInvoiceId is null)
        {
            _byInvoiceId = new Dictionary<string, int>(_items.Length, StringComparer.Ordinal);
            for (var i = 0; i < _items.Length; i++)
            {
                _byInvoiceId.TryAdd(_items[i].InvoiceId, i);
            }
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
                if (IsOpen(i) && _items[i].Currency == currency)
                {
                    result.Add(i);
                }
            }
        }
        result.Sort(CompareByInvoiceId);
        return result;
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

    private Dictionary<string, int> Numbers()
    {
        if (_byNumber is null)
        {
            var index = new Dictionary<string, int>(_items.Length, StringComparer.Ordinal);
            for (var i = 0; i < _items.Length; i++)
            {
                if (InvoiceNumbers.Normalise(_items[i].InvoiceNumber) is { } number)
                {
                    Add(index, _sharedNumbers, number, i);
                }
            }
            _byNumber = index;
        }
        return _byNumber;
    }

    private int[] Customers(out Dictionary<string, int> first)
    {
        if (_customerFirst is null || _nextOfCustomer is null)
        {
            var heads = new Dictionary<string, int>(StringComparer.Ordinal);
            var next = new int[_items.Length];
            for (var i = 0; i < _items.Length; i++)
            {
                ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(heads, _items[i].CustomerId, out var known);
                next[i] = known ? head : None;
                head = i;
            }
            (_customerFirst, _nextOfCustomer) = (heads, next);
        }
        first = _customerFirst;
        return _nextOfCustomer;
    }

    private Dictionary<long, int> Amounts()
    {
        if (_amountFirst is null)
        {
            _amountNext = new int[_items.Length];
            _amountPrevious = new int[_items.Length];
            _amountFirst = new Dictionary<long, int>();
            for (var i = 0; i < _items.Length; i++)
            {
                _amountNext[i] = None;
                _amountPrevious[i] = None;
                LinkAmount(i);
            }
        }
        return _amountFirst;
    }

    private Dictionary<string, string?> NameIndex()
    {
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

    private static Found Lookup(Dictionary<string, int> index, Dictionary<string, List<int>> shared, string key)
    {
        if (!index.TryGetValue(key, out var ordinal))
        {
            return default;
        }
        return ordinal == Shared ? new Found(None, shared[key]) : new Found(ordinal, null);
    }

    private void Add(Dictionary<string, int> index, Dictionary<string, List<int>> shared, string key, int ordinal)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
        if (!exists)
        {
            slot = ordinal;
            return;
        }
        if (slot != Shared)
        {
            shared[key] = [slot];
            slot = Shared;
        }
        var list = shared[key];
        list.Add(ordinal);
        list.Sort(CompareByInvoiceId);
    }

    private void LinkAmount(int ordinal)
    {
        if (_amountFirst is null || !IsOpen(ordinal))
        {
            return;
        }
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_amountFirst, _remaining[ordinal], out var exists);
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
            _amountFirst[_remaining[ordinal]] = next;
        }
        else
        {
            _amountFirst.Remove(_remaining[ordinal]);
        }
        if (next != None)
        {
            _amountPrevious[next] = previous;
        }
        _amountNext[ordinal] = None;
        _amountPrevious[ordinal] = None;
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
