using System.Text.RegularExpressions;

namespace Bankflow.Infra.Tests;

/// <summary>One finished <c>bicep</c> call: its exit code, what it printed, and the diagnostics in that.</summary>
internal sealed partial record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>
    /// Diagnostics in the CLI's default format, one a line on stderr:
    /// <c>/path/file.bicep(93,22) : Warning rule-or-code: message [link]</c>.
    /// </summary>
    public IReadOnlyList<BicepDiagnostic> Diagnostics =>
        [.. DiagnosticRegex().Matches(StandardError).Select(m => new BicepDiagnostic(
            m.Groups["file"].Value,
            int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups["level"].Value,
            m.Groups["code"].Value,
            m.Groups["message"].Value.Trim()))];

    /// <summary>Errors and warnings; informational diagnostics (level Info) are left out.</summary>
    public IReadOnlyList<BicepDiagnostic> Problems => [.. Diagnostics.Where(d => d.Level is "Error" or "Warning")];

    /// <summary>Everything the CLI said, for assertion messages.</summary>
    public string Transcript =>
        $"bicep {Command} (exit {ExitCode})\n--- stderr ---\n{StandardError.TrimEnd()}\n--- stdout ---\n{StandardOutput.TrimEnd()}";

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),\d+\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticRegex();
}

/// <summary>One compiler or linter diagnostic.</summary>
internal sealed record BicepDiagnostic(string File, int Line, string Level, string Code, string Message);
