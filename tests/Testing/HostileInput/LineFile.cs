namespace Bankflow.Testing.HostileInput;

/// <summary>A file as lines, each with the line ending it had (none for a last line without one), for line mutations.</summary>
internal sealed class LineFile
{
    private LineFile(List<(byte[] Body, byte[] Ending)> lines) => Lines = lines;

    public List<(byte[] Body, byte[] Ending)> Lines { get; }

    public int Count => Lines.Count;

    public static LineFile Parse(byte[] content)
    {
        var lines = new List<(byte[], byte[])>();
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != '\n')
            {
                continue;
            }
            var cr = i > start && content[i - 1] == '\r';
            lines.Add((content[start..(cr ? i - 1 : i)], cr ? "\r\n"u8.ToArray() : "\n"u8.ToArray()));
            start = i + 1;
        }
        if (start < content.Length)
        {
            lines.Add((content[start..], []));
        }
        return new LineFile(lines);
    }

    /// <summary>The usual line ending of the file ("\n" when it has none).</summary>
    public byte[] Ending => Lines.FirstOrDefault(l => l.Ending.Length > 0).Ending ?? "\n"u8.ToArray();

    /// <summary>Index of a random line whose body satisfies <paramref name="predicate"/>, or -1.</summary>
    public int Pick(Random random, Func<byte[], bool> predicate)
    {
        var candidates = Enumerable.Range(0, Lines.Count).Where(i => predicate(Lines[i].Body)).ToList();
        return candidates.Count == 0 ? -1 : candidates[random.Next(candidates.Count)];
    }

    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        for (var i = 0; i < Lines.Count; i++)
        {
            var (body, ending) = Lines[i];
            output.Write(body);
            // A line moved before others must still end: only the last line may go without an ending.
            output.Write(ending.Length == 0 && i < Lines.Count - 1 ? Ending : ending);
        }
        return output.ToArray();
    }
}
