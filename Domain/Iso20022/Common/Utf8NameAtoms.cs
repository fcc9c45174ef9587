using System.Text;
using System.Xml;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// ASCII element names (as bytes) to the strings of an <see cref="XmlNameTable"/>, so that a parser gets the same
/// atomized string for a name that the name table holds and can compare names by reference. A small cache in front
/// of the name table: a camt file uses a few dozen names millions of times, and this saves decoding each one.
/// </summary>
internal sealed class Utf8NameAtoms(XmlNameTable table)
{
    private const int Buckets = 512;

    private readonly Entry?[] _entries = new Entry?[Buckets];

    private sealed class Entry(byte[] name, string atom, Entry? next)
    {
        public readonly byte[] Name = name;
        public readonly string Atom = atom;
        public readonly Entry? Next = next;
    }

    public string Get(ReadOnlySpan<byte> name)
    {
        var bucket = Hash(name) & (Buckets - 1);
        for (var e = _entries[bucket]; e is not null; e = e.Next)
        {
            if (name.SequenceEqual(e.Name))
            {
                return e.Atom;
            }
        }
        var atom = table.Add(Encoding.ASCII.GetString(name));
        _entries[bucket] = new Entry(name.ToArray(), atom, _entries[bucket]);
        return atom;
    }

    /// <summary>Length, first, middle and last byte: enough to tell ISO 20022 element names apart in 512 buckets.</summary>
    private static int Hash(ReadOnlySpan<byte> name)
    {
        unchecked
        {
            var hash = (uint)name.Length | ((uint)name[0] << 6) | ((uint)name[name.Length / 2] << 13) | ((uint)name[^1] << 20);
            return (int)((hash * 0x9E3779B1u) >> 23);
        }
    }
}
