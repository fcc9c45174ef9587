namespace Bankflow.Testing.HostileInput;

/// <summary>Which seeds a mutation applies to.</summary>
public enum MutationScope
{
    /// <summary>Every kind: bytes, lines and encodings know no format.</summary>
    Any,

    /// <summary>OCR giro and AvtaleGiro: 80-character records.</summary>
    Nets,

    /// <summary>camt.053, camt.054 and pain.002.</summary>
    Xml,
}

/// <summary>What a mutation gets besides the bytes: the seed it started from, its own random numbers, every seed (for splicing).</summary>
public sealed record MutationContext(SeedFile Seed, Random Random, IReadOnlyList<SeedFile> Seeds);

/// <summary>One way to damage a file. <see cref="Only"/> narrows the scope to some kinds (e.g. pain.002 status codes).</summary>
public sealed record Mutation(string Name, MutationScope Scope, Func<byte[], MutationContext, byte[]> Apply, IReadOnlyList<SeedKind>? Only = null)
{
    public bool AppliesTo(SeedFile seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (Only is not null)
        {
            return Only.Contains(seed.Kind);
        }
        return Scope switch
        {
            MutationScope.Nets => seed.IsNets,
            MutationScope.Xml => seed.IsXml,
            _ => true,
        };
    }
}
