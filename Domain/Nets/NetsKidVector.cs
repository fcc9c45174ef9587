using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets;

/// <summary>
/// A right-aligned KID field (FORMATS.md §1.1) read with one 32-byte vector ending at the field's last byte:
/// its shape (blanks, then digits, the last may be '-') and its MOD10/MOD11 check digits in the same pass,
/// instead of a trim, a scan and a loop per digit. Gives exactly the answers of <see cref="NetsFields.Kid"/>'s
/// per-byte path and <see cref="NetsKidCheck.Verify"/> (the tests compare them); used only where AVX2 is
/// there and the field fits (≤ 31 bytes, at least 32 bytes of line up to its end).
/// </summary>
internal static class NetsKidVector
{
    /// <summary>What the field holds.</summary>
    public enum Shape
    {
        Blank,
        Kid,
        Damaged,
    }

    public static bool Applies(int end, int length, int lineLength) =>
        Avx2.IsSupported && length <= Lanes - 1 && end >= Lanes && end <= lineLength;

    private const int Lanes = 32;

    /// <summary>
    /// Reads the field of <paramref name="length"/> bytes ending before offset <paramref name="end"/>; for a
    /// <see cref="Shape.Kid"/>, <paramref name="first"/> is the offset of its first character and
    /// <paramref name="check"/> the check-digit verdict.
    /// </summary>
    public static Shape Read(ReadOnlySpan<byte> line, int end, int length, out int first, out KidCheck check)
    {
        first = 0;
        check = KidCheck.None;
        var bytes = Vector256.Create(line.Slice(end - Lanes, Lanes));
        // Lane i is line[end − 32 + i]; the field is lanes 32 − length … 31, the check character lane 31.
        var fieldBits = uint.MaxValue << (Lanes - length);
        var blankBits = Vector256.Equals(bytes, Vector256.Create((byte)' ')).ExtractMostSignificantBits() & fieldBits;
        if (blankBits == fieldBits)
        {
            return Shape.Blank;
        }
        var digits = bytes - Vector256.Create((byte)'0');
        var digitBits = Vector256.LessThanOrEqual(digits, Vector256.Create((byte)9)).ExtractMostSignificantBits();
        var lane = BitOperations.TrailingZeroCount(fieldBits & ~blankBits);
        // Lanes lane … 30: the KID before its check character; none when the KID is one character long.
        var bodyBits = 0x7FFF_FFFFu & ~((1u << lane) - 1);
        var last = bytes.GetElement(Lanes - 1);
        if ((digitBits & bodyBits) != bodyBits || !((digitBits >> 31) != 0 || (last == '-' && lane < Lanes - 1)))
        {
            return Shape.Damaged;
        }
        first = end - Lanes + lane;
        if (Lanes - lane < Kid.MinLength)
        {
            return Shape.Kid;
        }
        // Every lane outside the body counts as 0. Lane 30 is the digit next to the check character: Luhn doubles
        // lanes 30, 28 …, MOD11 weighs lane 30 by 2, then 3 … 7, 2 … leftwards. Per lane at most 2 × 9 and 9 × 7,
        // so bytes do not wrap; the sums of absolute differences against zero add them up in 64-bit lanes.
        var body = digits & Vector256.GreaterThanOrEqual(LaneIndex, Vector256.Create((byte)lane)) & BeforeCheckCharacter;
        var doubled = body & DoubledLanes;
        var luhn = body + doubled - (Vector256.GreaterThan(doubled, Vector256.Create((byte)4)) & Vector256.Create((byte)9));
        var weighted = body * Mod11Weights;
        var sum10 = (int)Vector256.Sum(Avx2.SumAbsoluteDifferences(luhn, Vector256<byte>.Zero).AsUInt64());
        var sum11 = (int)Vector256.Sum(Avx2.SumAbsoluteDifferences(weighted, Vector256<byte>.Zero).AsUInt64());
        check = NetsKidCheck.FromSums(sum10, sum11, last);
        return Shape.Kid;
    }

    private static readonly Vector256<byte> LaneIndex = Vector256.Create(Bytes(i => (byte)i));

    private static readonly Vector256<byte> BeforeCheckCharacter = Vector256.Create(Bytes(i => i < Lanes - 1 ? (byte)0xFF : (byte)0));

    private static readonly Vector256<byte> DoubledLanes = Vector256.Create(Bytes(i => i < Lanes - 1 && (Lanes - 2 - i) % 2 == 0 ? (byte)0xFF : (byte)0));

    private static readonly Vector256<byte> Mod11Weights = Vector256.Create(Bytes(i => i < Lanes - 1 ? (byte)(2 + ((Lanes - 2 - i) % 6)) : (byte)0));

    private static byte[] Bytes(Func<int, byte> lane) => [.. Enumerable.Range(0, Lanes).Select(lane)];
}
