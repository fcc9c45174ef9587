using System.Globalization;

namespace Bankflow.Testing.HostileInput;

/// <summary>
/// How big a hostile-input run is: the CI run by default; <c>BANKFLOW_FUZZ_COUNT</c> and <c>BANKFLOW_FUZZ_SEED</c> for a
/// larger or another one (<c>./bankflow fuzz --count N --seed S</c> sets them), <c>BANKFLOW_FUZZ_CASE</c> to rerun one
/// case by its number, <c>BANKFLOW_FUZZ_KEEP</c> (a directory) to keep the failing files for a closer look, and
/// <c>BANKFLOW_FUZZ_VERBOSE=1</c> to list every case with its verdict.
/// </summary>
public sealed record FuzzSettings(int Seed, int? Count, int? Case, string? KeepDirectory, bool Verbose = false)
{
    public static FuzzSettings FromEnvironment() => new(
        Int("BANKFLOW_FUZZ_SEED") ?? HostileCorpus.DefaultSeed,
        Int("BANKFLOW_FUZZ_COUNT"),
        Int("BANKFLOW_FUZZ_CASE"),
        Environment.GetEnvironmentVariable("BANKFLOW_FUZZ_KEEP") is { Length: > 0 } keep ? keep : null,
        Environment.GetEnvironmentVariable("BANKFLOW_FUZZ_VERBOSE") == "1");

    /// <summary>The cases of this run, made as they are enumerated: enumerate once.</summary>
    public IEnumerable<HostileCase> Cases()
    {
        var all = HostileCorpus.Generate(Seed, Count);
        return Case is { } number ? all.Where(c => c.Number == number).Take(1) : all;
    }

    /// <summary>How to run this corpus again, for failure messages.</summary>
    public string Reproduce(HostileCase hostile) =>
        string.Create(CultureInfo.InvariantCulture, $"BANKFLOW_FUZZ_SEED={Seed}{(Count is { } n ? $" BANKFLOW_FUZZ_COUNT={n}" : "")} BANKFLOW_FUZZ_CASE={hostile.Number}");

    /// <summary>Writes a failing case's bytes to <see cref="KeepDirectory"/> (when set); returns the path or null.</summary>
    public string? Keep(HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        if (KeepDirectory is null)
        {
            return null;
        }
        Directory.CreateDirectory(KeepDirectory);
        var path = Path.Combine(KeepDirectory, string.Create(CultureInfo.InvariantCulture, $"case-{Seed}-{hostile.Number:D5}.bin"));
        File.WriteAllBytes(path, hostile.Content);
        return path;
    }

    private static int? Int(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
