using System.Text;

namespace Bankflow.Testing.HostileInput;

/// <summary>Mutations that know no format: cuts, flipped and foreign bytes, line surgery, sizes.</summary>
internal static class GenericMutations
{
    /// <summary>Bigger than the XML reader's token guard (1 MiB) and than any Nets line buffer (64 KiB).</summary>
    public const int HugeLineBytes = 2 * 1024 * 1024 + 17;

    public static IEnumerable<Mutation> All()
    {
        yield return Any("empty", (_, _) => []);
        yield return Any("whitespace-only", (_, _) => " \r\n\t\n  "u8.ToArray());
        yield return Any("truncate-random", (b, c) => b[..c.Random.Next(1, Math.Max(2, b.Length))]);
        yield return Any("truncate-half", (b, _) => b[..(b.Length / 2)]);
        yield return Any("truncate-last-byte", (b, _) => b[..^1]);
        yield return Any("first-16-bytes", (b, _) => b[..Math.Min(16, b.Length)]);
        yield return Any("truncate-after-first-line", (b, _) => b[..(Array.IndexOf(b, (byte)'\n') is var i and >= 0 ? i + 1 : b.Length / 3)]);
        yield return Any("bit-flip", (b, c) => FlipBits(b, c.Random, 1));
        yield return Any("bit-flips-16", (b, c) => FlipBits(b, c.Random, 16));
        yield return Any("random-bytes-8", (b, c) => RandomBytes(b, c.Random, 8));
        yield return Any("nul-byte", (b, c) => SetByte(b, c.Random, 0x00));
        yield return Any("nul-run", (b, c) => Insert(b, c.Random.Next(b.Length), new byte[64]));
        yield return Any("nul-interleaved", (b, _) => b.SelectMany(x => new[] { x, (byte)0 }).ToArray());
        yield return Any("byte-ff", (b, c) => SetByte(b, c.Random, 0xFF));
        yield return Any("c1-control-byte", (b, c) => SetByte(b, c.Random, (byte)c.Random.Next(0x80, 0xA0)));
        yield return Any("crlf-everywhere", (b, _) => Lines(b, _ => { }, "\r\n"));
        yield return Any("lf-everywhere", (b, _) => Lines(b, _ => { }, "\n"));
        yield return Any("mixed-line-ends", (b, c) => Lines(b, l =>
        {
            for (var i = 0; i < l.Count; i++)
            {
                l.Lines[i] = (l.Lines[i].Body, c.Random.Next(2) == 0 ? "\n"u8.ToArray() : "\r\n"u8.ToArray());
            }
        }));
        yield return Any("cr-only-line-ends", (b, _) => Lines(b, _ => { }, "\r"));
        yield return Any("no-line-ends", (b, _) => [.. b.Where(x => x is not ((byte)'\r' or (byte)'\n'))]);
        yield return Any("lone-cr-inside-line", (b, c) => Insert(b, c.Random.Next(b.Length), "\r"u8.ToArray()));
        yield return Any("doubled", (b, _) => [.. b, .. b]);
        yield return Any("garbage-appended", (b, c) => [.. b, .. Noise(c.Random, 1024)]);
        yield return Any("garbage-prepended", (b, c) => [.. Noise(c.Random, 16), .. b]);
        yield return Any("random-bytes-64k", (_, c) => Noise(c.Random, 64 * 1024));
        yield return Any("huge-line", (b, c) => InsertLine(b, c.Random, Enumerable.Repeat((byte)'A', HugeLineBytes).ToArray()));
        yield return Any("long-line-100k-digits", (b, c) => InsertLine(b, c.Random, Enumerable.Repeat((byte)'9', 100_000).ToArray()));
        yield return Any("swap-lines", (b, c) => Lines(b, l =>
        {
            if (l.Count >= 2)
            {
                var i = c.Random.Next(l.Count);
                var j = (i + 1 + c.Random.Next(l.Count - 1)) % l.Count;
                (l.Lines[i], l.Lines[j]) = (l.Lines[j], l.Lines[i]);
            }
        }));
        yield return Any("duplicate-line", (b, c) => Lines(b, l =>
        {
            var i = c.Random.Next(l.Count);
            l.Lines.Insert(i, l.Lines[i]);
        }));
        yield return Any("delete-line", (b, c) => Lines(b, l => l.Lines.RemoveAt(c.Random.Next(l.Count))));
        yield return Any("reverse-lines", (b, _) => Lines(b, l => l.Lines.Reverse()));
        yield return Any("shuffle-lines", (b, c) => Lines(b, l =>
        {
            var shuffled = l.Lines.OrderBy(_ => c.Random.Next()).ToList();
            l.Lines.Clear();
            l.Lines.AddRange(shuffled);
        }));
        yield return Any("blank-line-inserted", (b, c) => Lines(b, l => l.Lines.Insert(1 + c.Random.Next(Math.Max(1, l.Count - 1)), ([], l.Ending))));
        yield return Any("blank-lines-10k-appended", (b, _) => [.. b, .. Enumerable.Repeat((byte)'\n', 10_000)]);
        yield return Any("trailing-spaces", (b, _) => Lines(b, l =>
        {
            for (var i = 0; i < l.Count; i++)
            {
                l.Lines[i] = ([.. l.Lines[i].Body, .. "   "u8], l.Lines[i].Ending);
            }
        }));
        yield return Any("tab-for-space", (b, c) => ReplaceOne(b, c.Random, (byte)' ', (byte)'\t'));
        yield return Any("bidi-override", (b, c) => Insert(b, InsideLine(b, c.Random), Encoding.UTF8.GetBytes("\u202E")));
        yield return Any("emoji", (b, c) => Insert(b, InsideLine(b, c.Random), Encoding.UTF8.GetBytes("\U0001F4B8")));
        yield return Any("ascii-controls", (b, c) => Insert(b, InsideLine(b, c.Random), [0x01, 0x1B, 0x7F, 0x08]));
        yield return Any("spliced-with-other-kind", (b, c) =>
        {
            var others = c.Seeds.Where(s => s.Kind != c.Seed.Kind).ToList();
            var other = others[c.Random.Next(others.Count)].Content;
            return [.. b[..(b.Length / 2)], .. other[(other.Length / 2)..]];
        });
    }

    private static Mutation Any(string name, Func<byte[], MutationContext, byte[]> apply) => new(name, MutationScope.Any, apply);

    public static byte[] FlipBits(byte[] b, Random random, int count)
    {
        var copy = (byte[])b.Clone();
        for (var i = 0; i < count && copy.Length > 0; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }
        return copy;
    }

    private static byte[] RandomBytes(byte[] b, Random random, int count)
    {
        var copy = (byte[])b.Clone();
        for (var i = 0; i < count && copy.Length > 0; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }
        return copy;
    }

    public static byte[] SetByte(byte[] b, Random random, byte value)
    {
        var copy = (byte[])b.Clone();
        if (copy.Length > 0)
        {
            copy[random.Next(copy.Length)] = value;
        }
        return copy;
    }

    public static byte[] Insert(byte[] b, int at, byte[] what) => [.. b[..at], .. what, .. b[at..]];

    public static byte[] Noise(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A position inside a line (not next to a line ending), so a mutation lands in a record or a value.</summary>
    private static int InsideLine(byte[] b, Random random)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var at = random.Next(1, Math.Max(2, b.Length - 1));
            if (at < b.Length && b[at] is not ((byte)'\n' or (byte)'\r') && b[at - 1] is not ((byte)'\n' or (byte)'\r'))
            {
                return at;
            }
        }
        return b.Length / 2;
    }

    private static byte[] InsertLine(byte[] b, Random random, byte[] line)
    {
        var file = LineFile.Parse(b);
        file.Lines.Insert(random.Next(file.Count + 1), (line, file.Ending));
        return file.ToBytes();
    }

    private static byte[] ReplaceOne(byte[] b, Random random, byte from, byte to)
    {
        var positions = Enumerable.Range(0, b.Length).Where(i => b[i] == from).ToList();
        var copy = (byte[])b.Clone();
        if (positions.Count > 0)
        {
            copy[positions[random.Next(positions.Count)]] = to;
        }
        return copy;
    }

    /// <summary>Edits the file as lines; with <paramref name="ending"/> every line ends with it instead of its own.</summary>
    private static byte[] Lines(byte[] b, Action<LineFile> edit, string? ending = null)
    {
        var file = LineFile.Parse(b);
        if (file.Count > 0)
        {
            edit(file);
        }
        if (ending is not null)
        {
            var bytes = Encoding.ASCII.GetBytes(ending);
            for (var i = 0; i < file.Count; i++)
            {
                file.Lines[i] = (file.Lines[i].Body, file.Lines[i].Ending.Length == 0 ? [] : bytes);
            }
        }
        return file.ToBytes();
    }
}
