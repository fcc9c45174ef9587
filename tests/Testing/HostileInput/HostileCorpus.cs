namespace Bankflow.Testing.HostileInput;

/// <summary>
/// The hostile-input corpus: valid seeds from <see cref="CorpusSeeds"/>, each also left as it is (the controls), then
/// every mutation of the <see cref="Catalogue"/> applied to a seed of every kind it fits (the systematic part, the
/// CI-sized run), then — when a larger count is asked for — random seeds under one to three stacked random mutations.
/// Everything follows from the seed: the same seed and count give the same files, byte for byte, on any machine.
/// </summary>
public static class HostileCorpus
{
    public const string Unmutated = "unmutated";

    /// <summary>The seed of the CI run.</summary>
    public const int DefaultSeed = 1105;

    public static IReadOnlyList<Mutation> Catalogue { get; } =
        [.. GenericMutations.All(), .. EncodingMutations.All(), .. NetsMutations.All(), .. XmlMutations.All()];

    /// <summary>
    /// The corpus for <paramref name="seed"/>: the controls and the systematic part, extended or cut to <paramref name="count"/>
    /// when given. Made one case at a time as it is enumerated (a large run never holds its files all at once).
    /// </summary>
    public static IEnumerable<HostileCase> Generate(int seed, int? count = null)
    {
        var seeds = CorpusSeeds.Create(seed);
        var made = 0;
        foreach (var file in seeds)
        {
            yield return new HostileCase(++made, file, Unmutated, file.Content);
        }
        var rotation = new Dictionary<SeedKind, int>();
        foreach (var mutation in Catalogue)
        {
            foreach (var kind in Enum.GetValues<SeedKind>())
            {
                var ofKind = seeds.Where(s => s.Kind == kind && mutation.AppliesTo(s)).ToList();
                if (ofKind.Count == 0)
                {
                    continue;
                }
                if (count is { } cut && made >= cut)
                {
                    yield break;
                }
                // Rotate through the seeds of a kind, so each mutation meets LF and CRLF, pretty and one-line files; a
                // mutation that finds nothing to change in one seed (no amount in a status report) tries the next.
                var next = rotation.GetValueOrDefault(kind);
                rotation[kind] = next + 1;
                var number = made + 1;
                for (var attempt = 0; attempt < ofKind.Count; attempt++)
                {
                    var file = ofKind[(next + attempt) % ofKind.Count];
                    var content = mutation.Apply(file.Content, new MutationContext(file, CaseRandom(seed, number), seeds));
                    if (!content.AsSpan().SequenceEqual(file.Content))
                    {
                        made++;
                        yield return new HostileCase(number, file, mutation.Name, content);
                        break;
                    }
                }
            }
        }
        while (count is { } wanted && made < wanted)
        {
            var number = ++made;
            var random = CaseRandom(seed, number);
            var file = seeds[random.Next(seeds.Count)];
            var applicable = Catalogue.Where(m => m.AppliesTo(file)).ToList();
            var content = file.Content;
            var names = new List<string>();
            for (var n = 1 + random.Next(3); n > 0 && content.Length <= MaxStackedInput; n--)
            {
                var mutation = applicable[random.Next(applicable.Count)];
                try
                {
                    content = mutation.Apply(content, new MutationContext(file, random, seeds));
                    names.Add(mutation.Name);
                }
                catch (Exception ex) when (names.Count > 0 && ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
                {
                    // A mutation made for the seed's format may not find its way in bytes an earlier one scrambled: skip it.
                }
            }
            yield return new HostileCase(number, file, string.Join(" + ", names), content);
        }
    }

    /// <summary>A stack of random mutations goes on only while the file is smaller than this (files stay a few MB at most).</summary>
    private const int MaxStackedInput = 1024 * 1024;

    /// <summary>Each case's own random numbers: a case is the same whatever else the run holds.</summary>
    private static Random CaseRandom(int seed, int number) => new(unchecked((seed * 7919) + (number * 104_729)));
}
