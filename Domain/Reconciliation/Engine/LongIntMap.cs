namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// A map from non-zero 64-bit keys to ints, open addressing with linear probing in one flat array of
/// key-and-value slots: a lookup usually reads one cache line, where a <see cref="Dictionary{TKey, TValue}"/>
/// of strings reads a bucket, an entry and the key string. The book's KID and invoice-number indexes use it
/// (a million lookups are most of a large run's time). Insert and look up only; no removal.
/// </summary>
internal sealed class LongIntMap
{
    private Slot[] _slots;
    private int _shift;
    private int _count;

    public LongIntMap(int capacity)
    {
        var size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }
        _slots = new Slot[size];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public int Count => _count;

    public bool TryGetValue(ulong key, out int value)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Index(key); ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.Key == key)
            {
                value = slot.Value;
                return true;
            }
            if (slot.Key == 0)
            {
                value = 0;
                return false;
            }
        }
    }

    /// <summary>The value's slot for <paramref name="key"/>, added (as 0) when absent.</summary>
    public ref int GetValueRefOrAddDefault(ulong key, out bool exists)
    {
        if (key == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(key), "0 marks an empty slot");
        }
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }
        var mask = _slots.Length - 1;
        for (var i = Index(key); ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key)
            {
                exists = true;
                return ref slot.Value;
            }
            if (slot.Key == 0)
            {
                slot.Key = key;
                _count++;
                exists = false;
                return ref slot.Value;
            }
        }
    }

    // Fibonacci hashing: the top bits of key × 2^64/φ spread consecutive numbers (invoice numbers are) evenly.
    private int Index(ulong key) => (int)(unchecked(key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _shift--;
        _count = 0;
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                GetValueRefOrAddDefault(slot.Key, out _) = slot.Value;
            }
        }
    }

    private struct Slot
    {
        public ulong Key;
        public int Value;
    }
}
