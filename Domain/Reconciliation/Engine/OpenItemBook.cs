using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// The open items of one run with what is still open on each, and the indexes the rules look them up by: KID,
/// invoice number, customer, open amount. Items are addressed by their position in the input (an ordinal); every
/// answer that can hold several items is sorted by invoice id before anyone decides on it, so the input order
/// never shows in a result.
/// </summary>
internal sealed class OpenItemBook
{
    /// <summary>Marks a key that more than one item has; the items are then in the duplicates dictionary.</summary>
    private const int Shared = -1;

    private const int None = -1;

    private readonly OpenItem[] _items;
    private readonly long[] _remaining;
    private readonly long[] _settled;
    private readonly bool[] _overpaid;

    private readonly Dictionary<string, int> _byKid;
    private readonly Dictionary<string, List<int>> _sharedKids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byNumber;
    private readonly Dictionary<string, List<int>> _sharedNumbers = new(StringComparer.Ordinal);

    // Customers: the first item of each, then a chain through _nextOfCustomer (no list per customer).
    private readonly Dictionary<string, int> _customerFirst;
    private readonly int[] _nextOfCustomer;

    // Open amounts: a doubly linked chain per amount, kept current as payments are applied.
    private readonly Dictionary<long, int> _amountFirst;
    private readonly int[] _amountNext;
    private readonly int[] _amountPrevious;

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
        _settled = new long[count];
        _overpaid = new bool[count];
        _byKid = new Dictionary<string, int>(count, StringComparer.Ordinal);
        _byNumber = new Dictionary<string, int>(count, StringComparer.Ordinal);
        _customerFirst = new Dictionary<string, int>(StringComparer.Ordinal);
        _nextOfCustomer = new int[count];
        _amountFirst = new Dictionary<long, int>(count);
        _amountNext = new int[count];
        _amountPrevious = new int[count];
        for (var i = 0; i < count; i++)
        {
            var item = items[i] ?? throw new ArgumentException("an open item is null", nameof(items));
            // Tenancy: one run is one client's books; anything else is a caller's bug.
            if (item.Client != client)
            {
                throw new ArgumentException($"open item {item.InvoiceId} belongs to client {item.Client}, not {client}", nameof(items));
            }
            _items[i] = item;
            _remaining[i] = item.Amount.Ore;
            if (item.Kid is { } kid && Kid.IsWellFormed(kid, out _) && Kid.Verify(kid) != KidCheck.None)
            {
                Add(_byKid, _sharedKids, kid, i);
            }
            if (InvoiceNumbers.Normalise(item.InvoiceNumber) is { } number)
            {
                Add(_byNumber, _sharedNumbers, number, i);
            }
            ref var first = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_customerFirst, item.CustomerId, out var known);
            _nextOfCustomer[i] = known ? first : None;
            first = i;
            _amountNext[i] = None;
            _amountPrevious[i] = None;
            LinkAmount(i);
        }
    }

    public int Count => _items.Length;

    public OpenItem Item(int ordinal) => _items[ordinal];

    public Money Remaining(int ordinal) => new(_remaining[ordinal]);

    public Money Settled(int ordinal) => new(_settled[ordinal]);

    public bool IsOverpaid(int ordinal) => _overpaid[ordinal];

    /// <summary>Open: something is still to pay (or, for a credit note, still to offset).</summary>
    public bool IsOpen(int ordinal) => _items[ordinal].Amount.Ore >= 0 ? _remaining[ordinal] > 0 : _remaining[ordinal] < 0;

    /// <summary>Applies part of a payment to an item; <paramref name="surplus"/> marks a payment that brought more than was open.</summary>
    public void Apply(int ordinal, Money amount, bool surplus)
    {
        UnlinkAmount(ordinal);
        _remaining[ordinal] = checked(_remaining[ordinal] - amount.Ore);
        _settled[ordinal] = checked(_settled[ordinal] + amount.Ore);
        _overpaid[ordinal] |= surplus;
        LinkAmount(ordinal);
    }

    /// <summary>The items with this valid KID: none, one, or (shared KID) several sorted by invoice id.</summary>
    public Found ByKid(string kid) => Lookup(_byKid, _sharedKids, kid);

    /// <summary>The items with this invoice number (compared as <see cref="InvoiceNumbers.Normalise"/> does).</summary>
    public Found ByInvoiceNumber(string number) =>
        InvoiceNumbers.Normalise(number) is { } key ? Lookup(_byNumber, _sharedNumbers, key) : default;

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

    public bool HasCustomer(string customerId) => _customerFirst.ContainsKey(customerId);

    /// <summary>The customer's name as its items give it (the item with the lowest invoice id, when they differ).</summary>
    public string CustomerName(string customerId)
    {
        string? name = null;
        string? invoiceId = null;
        if (_customerFirst.TryGetValue(customerId, out var i))
        {
            for (; i != None; i = _nextOfCustomer[i])
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
        if (_customerFirst.TryGetValue(customerId, out var i))
        {
            for (; i != None; i = _nextOfCustomer[i])
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
    public AmountChain WithOpenAmount(Money amount) =>
        new(this, _amountFirst.TryGetValue(amount.Ore, out var first) ? first : None);

    /// <summary>
    /// The customer whose name has this key (<see cref="CustomerNames.Key"/>); null when no customer or more
    /// than one customer has it.
    /// </summary>
    public string? CustomerByName(string? name)
    {
        if (CustomerNames.Key(name) is not { } key)
        {
            return null;
        }
        if (_customerByNameKey is null)
        {
            // Built on first use: many runs never need a payer's name.
            _customerByNameKey = new Dictionary<string, string?>(StringComparer.Ordinal);
            var keyOfName = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var item in _items)
            {
                if (!keyOfName.TryGetValue(item.CustomerName, out var itemKey))
                {
                    itemKey = CustomerNames.Key(item.CustomerName);
                    keyOfName[item.CustomerName] = itemKey;
                }
                if (itemKey is null)
                {
                    continue;
                }
                if (_customerByNameKey.TryGetValue(itemKey, out var existing))
                {
                    if (existing is not null && existing != item.CustomerId)
                    {
                        _customerByNameKey[itemKey] = null;
                    }
                }
                else
                {
                    _customerByNameKey[itemKey] = item.CustomerId;
                }
            }
        }
        return _customerByNameKey.TryGetValue(key, out var customer) ? customer : null;
    }

    /// <summary>The customer whose id is this number (leading zeros ignored); null when none or several.</summary>
    public string? CustomerByNumber(string number)
    {
        if (_customerByNumber is null)
        {
            _customerByNumber = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var id in _customerFirst.Keys)
            {
                var key = id.TrimStart('0');
                _customerByNumber[key] = _customerByNumber.TryGetValue(key, out var other) && other != id ? null : id;
            }
        }
        return _customerByNumber.TryGetValue(number.TrimStart('0'), out var customer) ? customer : null;
    }

    public int CompareByInvoiceId(int a, int b) => string.CompareOrdinal(_items[a].InvoiceId, _items[b].InvoiceId);

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
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
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
        if (!IsOpen(ordinal))
        {
            return;
        }
        ref var first = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_amountFirst, _remaining[ordinal], out var exists);
        var next = exists ? first : None;
        _amountNext[ordinal] = next;
        _amountPrevious[ordinal] = None;
        if (next != None)
        {
            _amountPrevious[next] = ordinal;
        }
        first = ordinal;
    }

    private void UnlinkAmount(int ordinal)
    {
        if (!IsOpen(ordinal))
        {
            return;
        }
        var previous = _amountPrevious[ordinal];
        var next = _amountNext[ordinal];
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
    public struct AmountChain(OpenItemBook book, int first)
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
            _next = book._amountNext[_next];
            return true;
        }

        public readonly AmountChain GetEnumerator() => this;
    }
}
