using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bankflow.Domain.Nets;

/// <summary>
/// A short ISO-8859-1 text field (KID, free text, payer name …) held inline, up to 40 bytes, so that a
/// record is a plain value and reading a file allocates nothing per record. <see cref="ToString"/>
/// makes the string when a caller needs one.
/// </summary>
public readonly struct NetsText : IEquatable<NetsText>
{
    public const int Capacity = 40;

    private readonly Bytes40 _bytes;
    private readonly byte _length;

    private NetsText(ReadOnlySpan<byte> latin1)
    {
        if (latin1.Length > Capacity)
        {
            throw new ArgumentException($"text longer than {Capacity} bytes", nameof(latin1));
        }
        latin1.CopyTo(_bytes);
        _length = (byte)latin1.Length;
    }

    public static NetsText Empty => default;

    /// <summary>From ISO-8859-1 bytes, kept as they are.</summary>
    public static NetsText FromLatin1(ReadOnlySpan<byte> latin1) => new(latin1);

    /// <summary>From text; every character must be ISO-8859-1 (U+0000–U+00FF), at most 40.</summary>
    public static NetsText From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> bytes = stackalloc byte[Capacity];
        if (text.Length > Capacity)
        {
            throw new ArgumentException($"text longer than {Capacity} characters", nameof(text));
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                throw new ArgumentException($"'{text[i]}' is not an ISO-8859-1 character", nameof(text));
            }
            bytes[i] = (byte)text[i];
        }
        return new NetsText(bytes[..text.Length]);
    }

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    /// <summary>The bytes; call on a variable (the span points into it).</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Span => ((ReadOnlySpan<byte>)_bytes)[.._length];

    public int CopyTo(Span<byte> destination)
    {
        Span.CopyTo(destination);
        return _length;
    }

    /// <summary>ISO-8859-1 decoding is one byte to one char.</summary>
    public override string ToString() => _length == 0 ? "" : Encoding.Latin1.GetString(Span);

    public bool Equals(NetsText other) => Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => obj is NetsText other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    public static bool operator ==(NetsText left, NetsText right) => left.Equals(right);

    public static bool operator !=(NetsText left, NetsText right) => !left.Equals(right);

    [InlineArray(Capacity)]
    private struct Bytes40
    {
        private byte _element;
    }
}
