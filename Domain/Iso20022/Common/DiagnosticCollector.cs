using Bankflow.Domain.Diagnostics;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// Collects diagnostics with a bounded memory: the first <c>maxKept</c> are kept word for word, later ones are
/// only counted (a file with a million bad amounts must not need a million diagnostics in memory). Counts
/// are exact, so "is the file valid" never depends on the cap.
/// </summary>
public sealed class DiagnosticCollector(int maxKept = DiagnosticCollector.DefaultMaxKept)
{
    public const int DefaultMaxKept = 1000;

    private readonly List<Diagnostic> _kept = [];
    private int _suppressedErrors;
    private int _suppressedWarnings;

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    public bool HasErrors => ErrorCount > 0;

    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var error = diagnostic.Severity == Severity.Error;
        if (error)
        {
            ErrorCount++;
        }
        else
        {
            WarningCount++;
        }
        if (_kept.Count < maxKept)
        {
            _kept.Add(diagnostic);
        }
        else if (error)
        {
            _suppressedErrors++;
        }
        else
        {
            _suppressedWarnings++;
        }
    }

    /// <summary>The kept diagnostics, followed by one summary of those left out (an error when any left out was one).</summary>
    public IReadOnlyList<Diagnostic> ToList()
    {
        if (_suppressedErrors + _suppressedWarnings == 0)
        {
            return [.. _kept];
        }
        var summary = new Diagnostic(
            _suppressedErrors > 0 ? Severity.Error : Severity.Warning,
            $"{_suppressedErrors} more errors and {_suppressedWarnings} more warnings not listed (only the first {maxKept} are kept)");
        return [.. _kept, summary];
    }
}
