using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Bankflow.Domain.Nets;

/// <summary>
/// Fixed-width ASCII digit fields eight bytes at a time (SWAR: one 64-bit word holds eight digits): the
/// check that all are digits and the conversion to a number each take a few word operations instead of a
/// loop per digit. This runs for every numeric field of every transaction. The word is read little-endian,
/// so the first (most significant) digit is the lowest byte whatever the machine.
/// </summary>
internal static class NetsDigits
{
    private const ulong AsciiZeros = 0x3030303030303030;
    private const ulong HighNibbles = 0xF0F0F0F0F0F0F0F0;
    private const ulong PlusSix = 0x0606060606060606;
    private const ulong AllThrees = 0x3333333333333333;

    /// <summary>Longest field <see cref="Parse"/> takes: 18 digits always fit in a long.</summary>
    public const int MaxDigits = 18;

    /// <summary>
    /// True when positions offset..offset+length-1 are all '0'–'9'. Same answer as
    /// <c>IndexOfAnyExceptInRange('0', '9') &lt; 0</c>, which it falls back to when the field starts too near
    /// the beginning of the span to read whole words ending inside it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AreDigits(ReadOnlySpan<byte> line, int offset, int length)
    {
        var end = offset + length;
        if (end < 8 || offset < 0 || end > line.Length)
        {
            return line.Slice(offset, length).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
        }
        var i = offset;
        for (; i + 8 <= end; i += 8)
        {
            if (!AreEightDigits(Load(line, i)))
            {
                return false;
            }
        }
        var rest = end - i;
        return rest == 0 || AreEightDigits(ZeroPrefix(Load(line, end - 8), rest));
    }

    /// <summary>
    /// The value of a field already known to be digits (see <see cref="AreDigits"/>), at most
    /// <see cref="MaxDigits"/> long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Parse(ReadOnlySpan<byte> line, int offset, int length)
    {
        var end = offset + length;
        var words = (length + 7) / 8;
        if (length > MaxDigits || offset < 0 || end > line.Length || end - (8 * words) < 0)
        {
            return ParseSlowly(line.Slice(offset, length));
        }
        // At most 18 digits: the largest intermediate is 99 × 10^16 + (10^16 − 1) < long.MaxValue, so the
        // unchecked arithmetic below cannot overflow.
        unchecked
        {
            return words switch
            {
                1 => EightDigits(ZeroPrefix(Load(line, end - 8), length)),
                2 => (EightDigits(ZeroPrefix(Load(line, end - 16), length - 8)) * 100_000_000L) + EightDigits(Load(line, end - 8)),
                _ => (((EightDigits(ZeroPrefix(Load(line, end - 24), length - 16)) * 100_000_000L) + EightDigits(Load(line, end - 16))) * 100_000_000L)
                    + EightDigits(Load(line, end - 8)),
            };
        }
    }

    private static long ParseSlowly(ReadOnlySpan<byte> digits)
    {
        // As the per-digit loop this replaces: the caller has checked the digits; unchecked as before.
        long value = 0;
        unchecked
        {
            foreach (var b in digits)
            {
                value = (value * 10) + (b - '0');
            }
        }
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load(ReadOnlySpan<byte> line, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(line.Slice(offset, 8));

    /// <summary>Replaces the first 8 − <paramref name="keep"/> bytes (the lowest) by '0', leaving the last <paramref name="keep"/> (1–8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ZeroPrefix(ulong word, int keep)
    {
        if (keep >= 8)
        {
            return word;
        }
        var mask = (1UL << (8 * (8 - keep))) - 1;
        return (word & ~mask) | (AsciiZeros & mask);
    }

    /// <summary>
    /// Each byte is a digit when its high nibble is 3 and adding 6 keeps it there. A byte of 0xFA or more
    /// carries into the next byte when 6 is added, but such a byte fails on its own high nibble (0xF), so the
    /// word fails either way; the addition is unchecked on purpose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreEightDigits(ulong word) =>
        ((word & HighNibbles) | (unchecked((word + PlusSix) & HighNibbles) >> 4)) == AllThrees;

    /// <summary>
    /// Eight ASCII digits to their value: pairs, then quads, then the eight, each step one multiply that adds
    /// a lane times 10^k to its neighbour (the classic SWAR digit parse). The multiplications wrap past bit 63
    /// by design, only the masked lanes are kept: unchecked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long EightDigits(ulong word)
    {
        unchecked
        {
            word = ((word & 0x0F0F0F0F0F0F0F0F) * ((10UL << 8) + 1)) >> 8;
            word = ((word & 0x00FF00FF00FF00FF) * ((100UL << 16) + 1)) >> 16;
            return (long)((((word & 0x0000FFFF0000FFFF) * ((10000UL << 32) + 1)) >> 32) & 0xFFFFFFFF);
        }
    }
}
