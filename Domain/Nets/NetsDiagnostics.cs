using Bankflow.Domain.Diagnostics;

namespace Bankflow.Domain.Nets;

/// <summary>
/// Collects the diagnostics of one file. Keeps at most <see cref="Limit"/> of them so that a badly broken
/// 30 MB file cannot grow memory without bound; the count of the rest is reported in one last diagnostic.
/// Errors are counted even when not kept, so <see cref="HasErrors"/> is always right.
/// </summary>
public sealed class NetsDiagnostics
{
    public const int Limit = 1000;

    private readonly List<Diagnostic> _kept = [];
    private long _dropped;
    private bool _droppedError;

    public long ErrorCount { get; private set; }

    public long WarningCount { get; private set; }

    public bool HasErrors => ErrorCount > 0;

    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (diagnostic.Severity == Severity.Error)
        {
            ErrorCount++;
        }
        else
        {
            WarningCount++;
        }
        if (_kept.Count < Limit)
        {
            _kept.Add(diagnostic);
            return;
        }
        _dropped++;
        _droppedError |= diagnostic.Severity == Severity.Error;
    }

    public void Error(int line, string recordType, string? field, string message, string? expected = null, string? found = null) =>
        Add(new Diagnostic(Severity.Error, message) { Line = line, RecordType = recordType, Field = field, Expected = expected, Found = found });

    public void Warning(int line, string recordType, string? field, string message, string? expected = null, string? found = null) =>
        Add(new Diagnostic(Severity.Warning, message) { Line = line, RecordType = recordType, Field = field, Expected = expected, Found = found });

    /// <summary>Everything kept, plus a summary of what was not.</summary>
    public IReadOnlyList<Diagnostic> ToList()
    {
        if (_dropped == 0)
        {
            return _kept.ToArray();
        }
        var list = new List<Diagnostic>(_kept)
        {
            new(_droppedError ? Severity.Error : Severity.Warning, $"{_dropped} more diagnostics not shown (only the first {Limit} are kept)"),
        };
        return list;
    }
}
