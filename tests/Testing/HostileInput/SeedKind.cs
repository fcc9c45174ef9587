namespace Bankflow.Testing.HostileInput;

/// <summary>The kinds of valid file the hostile-input corpus starts from.</summary>
public enum SeedKind
{
    OcrGiro,
    AvtaleGiro,
    Camt053,
    Camt054,
    Pain002,
}

/// <summary>A valid file the corpus mutates; <see cref="Name"/> says how it was made (for failure messages).</summary>
public sealed record SeedFile(string Name, SeedKind Kind, byte[] Content)
{
    public bool IsNets => Kind is SeedKind.OcrGiro or SeedKind.AvtaleGiro;

    public bool IsXml => !IsNets;
}

/// <summary>One file of the corpus: which seed, which mutations (in order), and the bytes they made.</summary>
/// <param name="Number">Position in the corpus (stable for a given seed and count): the way to name a case.</param>
public sealed record HostileCase(int Number, SeedFile Seed, string Mutation, byte[] Content)
{
    /// <summary>True for a seed left as it is: the control case, which must parse valid and be imported.</summary>
    public bool IsUnmutated => Mutation == HostileCorpus.Unmutated;

    public string Name => $"#{Number:D4} {Seed.Name} ∘ {Mutation}";

    public override string ToString() => $"{Name} ({Content.Length:N0} bytes)";
}
