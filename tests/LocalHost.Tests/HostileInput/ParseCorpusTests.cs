using System.Diagnostics;
using System.Text.Json;
using Bankflow.LocalHost.Parse;
using Bankflow.Testing.HostileInput;
using Xunit.Abstractions;

namespace Bankflow.LocalHost.Tests.HostileInput;

/// <summary>
/// Every file of the hostile-input corpus through <c>bankflow parse</c> (ParseCommand, in process): a verdict for
/// each — exit 0 or 1 with a JSON document on stdout, never an exception and never more than
/// <see cref="PerFile"/> — and every diagnostic saying where (line, column or element path). The unmutated seeds
/// are the controls: they must parse valid. Larger runs: see <see cref="FuzzSettings"/>.
/// </summary>
[Trait("Category", "HostileInput")]
public sealed class ParseCorpusTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan PerFile = TimeSpan.FromSeconds(5);

    private readonly string _dir = Directory.CreateTempSubdirectory("bankflow-hostile-parse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record ParseRun(int Exit, byte[] Stdout, string Stderr, TimeSpan Elapsed);

    [Fact]
    public void Every_corpus_file_gets_a_verdict_in_time_and_every_diagnostic_says_where()
    {
        var settings = FuzzSettings.FromEnvironment();
        var count = 0;
        var failures = new List<string>();
        var verdicts = new Dictionary<string, int>(StringComparer.Ordinal);
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        foreach (var hostile in settings.Cases())
        {
            count++;
            var path = Path.Combine(_dir, $"case-{hostile.Number:D5}.bin");
            File.WriteAllBytes(path, hostile.Content);
            var problem = Check(hostile, path, verdicts, ref slowest, out var verdict);
            if (settings.Verbose)
            {
                output.WriteLine($"{hostile}: {verdict}");
            }
            if (settings.Case is not null)
            {
                settings.Keep(hostile); // one case rerun: keep it for `./bankflow parse`, whatever its verdict
            }
            if (problem is not null)
            {
                var kept = settings.Keep(hostile);
                failures.Add($"{hostile}: {problem} [{settings.Reproduce(hostile)}{(kept is null ? "" : $", file {kept}")}]");
            }
            File.Delete(path);
        }
        Assert.True(count > 0, "no case of this run (BANKFLOW_FUZZ_CASE beyond the count?)");
        output.WriteLine($"{count} files (seed {settings.Seed}, {HostileCorpus.Catalogue.Count} mutations) parsed in {total.Elapsed.TotalSeconds:F1} s, slowest {slowest.TotalMilliseconds:F0} ms; "
            + string.Join(", ", verdicts.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}: {v.Value}")));
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} files failed:\n" + string.Join("\n", failures.Take(40)));
    }

    private static string? Check(HostileCase hostile, string path, Dictionary<string, int> verdicts, ref TimeSpan slowest, out string verdict)
    {
        verdict = "none";
        var run = Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            using var stdout = new MemoryStream();
            using var stderr = new StringWriter();
            var exit = ParseCommand.Run([path], stdout, stderr);
            return new ParseRun(exit, stdout.ToArray(), stderr.ToString(), watch.Elapsed);
        });
        try
        {
            if (!run.Wait(PerFile))
            {
                return $"hang: no verdict after {PerFile.TotalSeconds:F0} s";
            }
        }
        catch (AggregateException ex)
        {
            var inner = ex.InnerException!;
            return $"crash: {inner.GetType().FullName}: {inner.Message} at {inner.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }
        var result = run.Result;
        slowest = result.Elapsed > slowest ? result.Elapsed : slowest;
        if (result.Exit is not (0 or 1))
        {
            return $"exit {result.Exit} (0 valid or 1 invalid expected for a readable file): {result.Stderr}";
        }
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(result.Stdout);
            json = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return $"stdout is not one JSON document ({ex.Message})";
        }
        var format = json.TryGetProperty("format", out var f) ? f.GetString() ?? "?" : "?";
        verdict = $"{format} {(result.Exit == 0 ? "valid" : "invalid")}";
        verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + 1;
        if (hostile.IsUnmutated && result.Exit != 0)
        {
            return $"the unmutated seed is not valid: {result.Stderr}";
        }
        if (result.Exit == 1 && result.Stderr.Length == 0)
        {
            return "invalid without a diagnostic on stderr";
        }
        if (!json.TryGetProperty("diagnostics", out var diagnostics))
        {
            return "no diagnostics array";
        }
        foreach (var d in diagnostics.EnumerateArray())
        {
            var located = d.TryGetProperty("line", out _) || d.TryGetProperty("path", out _);
            var message = d.GetProperty("message").GetString() ?? "";
            if (!located && !Whereabouts.IsAboutTheWholeFile(message) && !IsOverflowSummary(message))
            {
                return $"a diagnostic names no line and no element: {d.GetRawText()}";
            }
        }
        return null;
    }

    /// <summary>"N more errors and M more warnings not listed": a count of diagnostics left out, each of which was located.</summary>
    private static bool IsOverflowSummary(string message) => message.EndsWith("are kept)", StringComparison.Ordinal);
}
