using System.Buffers.Binary;
using System.Text;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// Short UTF-8 values to strings, remembering the last string made for each of 1,024 slots: a bank file repeats
/// the same short values (currency, CRDT/DBIT, BOOK, dates, codes) hundreds of thousands of times, and handing out
/// one string for them saves an allocation each. Values longer than 32 bytes are decoded every time.
/// </summary>
internal sealed class Utf8ValueCache
{
    private const int Slots = 1024;
    private const int MaxLength = 32;

    private readonly string?[] _strings = new string?[Slots];
    private readonly byte[] _keys = new byte[Slots * MaxLength];
    private readonly byte[] _lengths = new byte[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > MaxLength)
        {
            return utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);
        }
        var slot = Slot(utf8);
        var key = _keys.AsSpan(slot * MaxLength, utf8.Length);
        if (_lengths[slot] == utf8.Length && _strings[slot] is { } cached && utf8.SequenceEqual(key))
        {
            return cached;
        }
        var value = Encoding.UTF8.GetString(utf8);
        utf8.CopyTo(key);
        _lengths[slot] = (byte)utf8.Length;
        _strings[slot] = value;
        return value;
    }

    /// <summary>A hash of the first and last eight bytes and the length (the values are short and mostly differ there).</summary>
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        unchecked
        {
            ulong head, tail;
            if (utf8.Length >= 8)
            {
                head = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
                tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]);
            }
            else
            {
                head = 0;
                foreach (var b in utf8)
                {
                    head = (head << 8) | b;
                }
                tail = 0;
            }
            var hash = ((head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length) * 0x165667B19E3779F9UL;
            return (int)(hash >> 54);
        }
    }
}
