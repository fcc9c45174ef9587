using System.Security.Cryptography;
using Bankflow.Testing.HostileInput;

namespace Bankflow.Domain.Tests.HostileInput;

/// <summary>The corpus generator itself: reproducible from its seed, and as wide as it claims (every mutation used, ≥ 300 files).</summary>
public sealed class HostileCorpusTests
{
    [Fact]
    public void The_same_seed_and_count_give_the_same_files_and_another_seed_other_files()
    {
        static List<string> Hashes(int seed) =>
            [.. HostileCorpus.Generate(seed, 700).Select(c => $"{c.Number} {c.Mutation} {Convert.ToHexString(SHA256.HashData(c.Content))}")];

        var first = Hashes(11);

        Assert.Equal(700, first.Count);
        Assert.Equal(first, Hashes(11));
        Assert.NotEqual(first, Hashes(12));
    }

    [Fact]
    public void The_CI_run_uses_every_mutation_on_every_kind_it_fits_and_holds_more_than_300_mutated_files()
    {
        var cases = HostileCorpus.Generate(HostileCorpus.DefaultSeed)
            .Select(c => (c.Number, c.Seed.Kind, c.Mutation, Changed: c.IsUnmutated || !c.Content.AsSpan().SequenceEqual(c.Seed.Content)))
            .ToList();

        var mutated = cases.Where(c => c.Mutation != HostileCorpus.Unmutated).ToList();
        Assert.True(mutated.Count >= 300, $"{mutated.Count} mutated files");
        Assert.All(cases, c => Assert.True(c.Changed, $"#{c.Number} {c.Mutation} left its seed as it was"));
        Assert.Equal(HostileCorpus.Catalogue.Select(m => m.Name).Order(StringComparer.Ordinal), mutated.Select(c => c.Mutation).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<SeedKind>().Length, cases.Where(c => c.Mutation == HostileCorpus.Unmutated).Select(c => c.Kind).Distinct().Count());
        Assert.Equal(cases.Count, cases.Select(c => c.Number).Distinct().Count());
    }
}
