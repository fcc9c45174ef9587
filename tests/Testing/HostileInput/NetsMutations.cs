using System.Globalization;
using System.Text;

namespace Bankflow.Testing.HostileInput;

/// <summary>
/// Mutations of Nets records (FORMATS.md §1.2 positions, 1-based): counts and sums in the ends that no longer add
/// up, fields with the wrong characters, records swapped, doubled, dropped or out of place, and lines of the wrong length.
/// </summary>
internal static class NetsMutations
{
    public static IEnumerable<Mutation> All()
    {
        yield return Nets("end-transaction-count+1", (b, c) => Field(b, c, "89", 9, 8, v => Add(v, 1)));
        yield return Nets("end-record-count-1", (b, c) => Field(b, c, "89", 17, 8, v => Add(v, -1)));
        yield return Nets("end-total+1-ore", (b, c) => Field(b, c, "89", 25, 17, v => Add(v, 1)));
        yield return Nets("assignment-end-count+1", (b, c) => Field(b, c, "88", 9, 8, v => Add(v, 1)));
        yield return Nets("assignment-end-records+1", (b, c) => Field(b, c, "88", 17, 8, v => Add(v, 1)));
        yield return Nets("assignment-end-total-1-ore", (b, c) => Field(b, c, "88", 25, 17, v => Add(v, -1)));
        yield return Nets("assignment-end-date-later", (b, c) => Field(b, c, "88", 48, 6, _ => "311299"));
        yield return Nets("amount-letters", (b, c) => Field(b, c, "30", 33, 17, _ => "0000000012345ABCD"));
        yield return Nets("amount-all-nines", (b, c) => Field(b, c, "30", 33, 17, _ => new string('9', 17)));
        yield return Nets("amount-blank", (b, c) => Field(b, c, "30", 33, 17, _ => new string(' ', 17)));
        yield return Nets("amounts-all-nines-everywhere", (b, _) => EveryLine(b, "30", l => Set(l, 33, "99999999999999999")));
        yield return Nets("sign-plus", (b, c) => Field(b, c, "30", 32, 1, _ => "+"));
        yield return Nets("date-feb-30", (b, c) => Field(b, c, "30", 16, 6, _ => "300226"));
        yield return Nets("date-zero", (b, c) => Field(b, c, "30", 16, 6, _ => "000000"));
        yield return Nets("date-nines", (b, c) => Field(b, c, "30", 16, 6, _ => "999999"));
        yield return Nets("kid-letters", (b, c) => Field(b, c, "30", 50, 25, _ => "ABCDEFGHIJ".PadLeft(25)));
        yield return Nets("kid-blank", (b, c) => Field(b, c, "30", 50, 25, _ => new string(' ', 25)));
        yield return Nets("kid-left-aligned", (b, c) => Field(b, c, "30", 50, 25, v => v.Trim().PadRight(25)));
        yield return Nets("transaction-number-zero", (b, c) => Field(b, c, "30", 9, 7, _ => "0000000"));
        yield return Nets("transaction-number-max", (b, c) => Field(b, c, "30", 9, 7, _ => "9999999"));
        yield return Nets("assignment-number-letters", (b, c) => Field(b, c, "20", 18, 7, _ => "00000X1"));
        yield return Nets("account-check-digit-wrong", (b, c) => Field(b, c, "20", 25, 11, v => v[..10] + (char)('0' + (v[10] - '0' + 1) % 10)));
        yield return Nets("service-code-swapped", (b, c) => Field(b, c, null, 3, 2, v => v == "09" ? "21" : "09"));
        yield return Nets("record-type-99", (b, c) => Field(b, c, "30", 7, 2, _ => "99"));
        yield return Nets("transaction-type-99", (b, c) => Field(b, c, "30", 5, 2, _ => "99"));
        yield return Nets("transaction-type-00", (b, c) => Field(b, c, "31", 5, 2, _ => "00"));
        yield return Nets("format-code-lowercase", (b, c) => Field(b, c, null, 1, 2, _ => "ny"));
        yield return Nets("filler-not-zero", (b, c) => Field(b, c, null, 80, 1, _ => "X"));
        yield return Nets("latin1-letter-in-digits", (b, c) => Field(b, c, "89", 30, 1, _ => "Ø"));
        yield return Nets("c1-controls-in-record", (b, c) => Field(b, c, null, 60, 3, _ => "\u0085\u0090\u009F"));
        yield return Nets("nul-in-record", (b, c) => Field(b, c, null, 40, 1, _ => "\0"));
        yield return Nets("line-79-characters", (b, c) => Line(b, c, null, l => l[..79]));
        yield return Nets("line-81-characters", (b, c) => Line(b, c, null, l => [.. l, (byte)'0']));
        yield return Nets("line-spaces-after-80", (b, c) => Line(b, c, null, l => [.. l, .. "    "u8]));
        yield return Nets("swap-item1-item2", (b, c) => Lines(b, c, (file, r) =>
        {
            var i = file.Pick(r, l => Type(l) == "30");
            if (i >= 0 && i + 1 < file.Count)
            {
                (file.Lines[i], file.Lines[i + 1]) = (file.Lines[i + 1], file.Lines[i]);
            }
        }));
        yield return Nets("duplicate-transaction", (b, c) => Lines(b, c, (file, r) =>
        {
            var i = file.Pick(r, l => Type(l) == "30");
            if (i >= 0 && i + 1 < file.Count)
            {
                file.Lines.InsertRange(i + 2, [file.Lines[i], file.Lines[i + 1]]);
            }
        }));
        yield return Nets("drop-item2", (b, c) => Lines(b, c, (file, r) => Remove(file, r, "31")));
        yield return Nets("drop-transmission-start", (b, c) => Lines(b, c, (file, r) => Remove(file, r, "10")));
        yield return Nets("drop-transmission-end", (b, c) => Lines(b, c, (file, r) => Remove(file, r, "89")));
        yield return Nets("drop-assignment-start", (b, c) => Lines(b, c, (file, r) => Remove(file, r, "20")));
        yield return Nets("drop-assignment-end", (b, c) => Lines(b, c, (file, r) => Remove(file, r, "88")));
        yield return Nets("transmission-start-twice", (b, c) => Lines(b, c, (file, _) => file.Lines.Insert(1, file.Lines[0])));
        yield return Nets("record-after-transmission-end", (b, c) => Lines(b, c, (file, r) =>
        {
            var i = file.Pick(r, l => Type(l) == "30");
            if (i >= 0)
            {
                file.Lines.Add((file.Lines[i].Body, file.Ending));
            }
        }));
        yield return Nets("assignment-start-before-end", (b, c) => Lines(b, c, (file, r) =>
        {
            var i = file.Pick(r, l => Type(l) == "20");
            if (i >= 0)
            {
                var start = file.Lines[i];
                file.Lines.RemoveAt(i);
                file.Lines.Insert(Math.Max(0, file.Count - 1), start);
            }
        }));
        yield return Nets("assignment-repeated", (b, c) => Lines(b, c, (file, _) =>
        {
            var start = file.Lines.FindIndex(l => Type(l.Body) == "20");
            var end = file.Lines.FindIndex(l => Type(l.Body) == "88");
            if (start >= 0 && end > start)
            {
                file.Lines.InsertRange(end + 1, file.Lines.GetRange(start, end - start + 1));
            }
        }));
        yield return Nets("records-sorted", (b, c) => Lines(b, c, (file, _) =>
        {
            var sorted = file.Lines.OrderBy(l => Type(l.Body), StringComparer.Ordinal).ToList();
            file.Lines.Clear();
            file.Lines.AddRange(sorted);
        }));
    }

    private static Mutation Nets(string name, Func<byte[], MutationContext, byte[]> apply) => new(name, MutationScope.Nets, apply);

    /// <summary>Record type, positions 7–8 ("" for a line too short to have one).</summary>
    private static string Type(byte[] line) => line.Length >= 8 ? Encoding.Latin1.GetString(line, 6, 2) : "";

    private static string Add(string digits, long delta) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Max(0, value + delta).ToString(CultureInfo.InvariantCulture).PadLeft(digits.Length, '0')[^digits.Length..]
            : digits;

    private static byte[] Set(byte[] line, int position, string value)
    {
        var copy = (byte[])line.Clone();
        var bytes = Encoding.Latin1.GetBytes(value);
        if (position - 1 + bytes.Length <= copy.Length)
        {
            bytes.CopyTo(copy, position - 1);
        }
        return copy;
    }

    /// <summary>Rewrites a field of one random record of <paramref name="recordType"/> (any record when null).</summary>
    private static byte[] Field(byte[] b, MutationContext c, string? recordType, int position, int length, Func<string, string> change) =>
        Line(b, c, recordType, l => l.Length < position - 1 + length ? l : Set(l, position, change(Encoding.Latin1.GetString(l, position - 1, length))));

    private static byte[] Line(byte[] b, MutationContext c, string? recordType, Func<byte[], byte[]> change) => Lines(b, c, (file, r) =>
    {
        var i = file.Pick(r, l => l.Length >= 8 && (recordType is null || Type(l) == recordType));
        if (i >= 0)
        {
            file.Lines[i] = (change(file.Lines[i].Body), file.Lines[i].Ending);
        }
    });

    private static byte[] EveryLine(byte[] b, string recordType, Func<byte[], byte[]> change)
    {
        var file = LineFile.Parse(b);
        for (var i = 0; i < file.Count; i++)
        {
            if (Type(file.Lines[i].Body) == recordType)
            {
                file.Lines[i] = (change(file.Lines[i].Body), file.Lines[i].Ending);
            }
        }
        return file.ToBytes();
    }

    private static void Remove(LineFile file, Random random, string recordType)
    {
        var i = file.Pick(random, l => Type(l) == recordType);
        if (i >= 0)
        {
            file.Lines.RemoveAt(i);
        }
    }

    private static byte[] Lines(byte[] b, MutationContext c, Action<LineFile, Random> edit)
    {
        var file = LineFile.Parse(b);
        edit(file, c.Random);
        return file.ToBytes();
    }
}
