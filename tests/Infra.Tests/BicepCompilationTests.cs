using System.Text.RegularExpressions;

namespace Bankflow.Infra.Tests;

/// <summary>
/// Every template under infra/bicep goes through the Bicep CLI (NuGet package
/// Azure.Bicep.CommandLine.linux-x64): <c>bicep build</c> and <c>bicep lint</c> with the default rule
/// set, and neither may report an error or a warning. A warning is not waved through: either the
/// template changes, or the line carries a <c>#disable-next-line</c> with a comment saying why the
/// rule is wrong there.
/// </summary>
public sealed partial class BicepCompilationTests
{
    [Fact]
    public void Every_template_builds_to_ARM_JSON_without_errors_or_warnings()
    {
        var build = CompiledBicep.Build;

        Assert.True(build.ExitCode == 0 && build.Problems.Count == 0, build.Transcript);
        Assert.Contains("main.bicep", CompiledBicep.SourceFiles);
        Assert.Equal(CompiledBicep.SourceFiles, CompiledBicep.CompiledFiles);
    }

    [Fact]
    public void Every_template_passes_the_linter_without_errors_or_warnings()
    {
        var lint = CompiledBicep.Lint;

        Assert.True(lint.ExitCode == 0 && lint.Problems.Count == 0, lint.Transcript);
    }

    [Fact]
    public void The_diagnostics_reader_understands_the_CLI_format()
    {
        // Guards the two tests above: a reader that found nothing in real output would pass anything.
        var run = new BicepRun("lint", 1, "", string.Join('\n',
            "/w/infra/bicep/modules/eventgrid.bicep(93,22) : Warning use-secure-value-for-secure-inputs: Property 'endpointUrl' expects a secure value. [https://aka.ms/bicep/linter-diagnostics#use-secure-value-for-secure-inputs]",
            "/w/infra/bicep/main.bicep(215,72) : Error BCP181: This expression is being used in an argument of the function \"listKeys\". [https://aka.ms/bicep/core-diagnostics#BCP181]",
            "/w/infra/bicep/main.bicep(3,1) : Info some-rule: a hint"));

        Assert.Equal(3, run.Diagnostics.Count);
        Assert.Equal(new[] { "Warning", "Error" }, run.Problems.Select(p => p.Level));
        Assert.Equal(("BCP181", 215), (run.Problems[1].Code, run.Problems[1].Line));
    }

    [Fact]
    public void Every_module_is_a_local_file_so_building_needs_no_registry_or_network()
    {
        // Registry (br:, br/alias:) and template-spec (ts:) modules would have to be restored from
        // the internet, which the build machines cannot reach; the CLI runs with --no-restore.
        var references = CompiledBicep.SourceFiles
            .SelectMany(file => ModuleReferenceRegex().Matches(File.ReadAllText(Path.Combine(CompiledBicep.SourceDir, file)))
                .Select(m => (File: file, Target: m.Groups["target"].Value)))
            .ToList();

        Assert.True(references.Count >= 8, $"expected the module declarations of main.bicep, found {references.Count}");
        Assert.All(references, r =>
        {
            Assert.DoesNotMatch(@"^(br|ts)[:/]", r.Target);
            var resolved = Path.GetFullPath(Path.Combine(CompiledBicep.SourceDir, Path.GetDirectoryName(r.File)!, r.Target));
            Assert.True(File.Exists(resolved), $"{r.File} uses '{r.Target}', which is not a file");
        });
    }

    /// <summary><c>module x '…' =</c> and <c>import … from '…'</c>.</summary>
    [GeneratedRegex(@"^\s*(?:module\s+\w+|import\s.+?\sfrom)\s+'(?<target>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReferenceRegex();
}
