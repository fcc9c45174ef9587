using Bankflow.Testing;

namespace Bankflow.Infra.Tests;

/// <summary>
/// infra/bicep run through the Bicep CLI once per test run: <c>bicep build</c> of every template into
/// ARM JSON (what Azure actually receives, and what the consistency tests read) and <c>bicep lint</c>.
/// Both take every file at once (<c>--pattern</c>): one CLI start each instead of one per file.
/// </summary>
internal static class CompiledBicep
{
    public static readonly string SourceDir = Path.Combine(RepositoryPaths.Root, "infra", "bicep");

    private static readonly string OutputDir = Path.Combine(AppContext.BaseDirectory, "bicep-out");

    private static readonly Lazy<BicepRun> BuildRun = new(() =>
    {
        if (Directory.Exists(OutputDir))
        {
            Directory.Delete(OutputDir, recursive: true);
        }
        Directory.CreateDirectory(OutputDir);
        return BicepCli.Run(SourceDir, "build", "--pattern", "**/*.bicep", "--outdir", OutputDir, "--no-restore");
    });

    private static readonly Lazy<BicepRun> LintRun = new(() => BicepCli.Run(SourceDir, "lint", "--pattern", "**/*.bicep", "--no-restore"));

    public static BicepRun Build => BuildRun.Value;

    public static BicepRun Lint => LintRun.Value;

    /// <summary>Every .bicep file under infra/bicep, as paths relative to it with forward slashes (main.bicep, modules/x.bicep).</summary>
    public static IReadOnlyList<string> SourceFiles =>
        [.. Directory.EnumerateFiles(SourceDir, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SourceDir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>The compiled templates that exist, by the relative path of their .bicep source.</summary>
    public static IReadOnlyList<string> CompiledFiles
    {
        get
        {
            _ = Build;
            return [.. Directory.EnumerateFiles(OutputDir, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.ChangeExtension(Path.GetRelativePath(OutputDir, f), ".bicep").Replace('\\', '/'))
                .Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The ARM JSON that <c>bicep build</c> made of <paramref name="bicepPath"/> (e.g. "modules/storage.bicep").</summary>
    public static ArmTemplate Template(string bicepPath)
    {
        var build = Build;
        var json = Path.Combine(OutputDir, Path.ChangeExtension(bicepPath, ".json"));
        Assert.True(File.Exists(json), $"bicep build made no {Path.GetFileName(json)} for {bicepPath}\n{build.Transcript}");
        return ArmTemplate.Load(json, bicepPath);
    }

    /// <summary>Every compiled template.</summary>
    public static IReadOnlyList<ArmTemplate> AllTemplates => [.. SourceFiles.Select(Template)];
}
