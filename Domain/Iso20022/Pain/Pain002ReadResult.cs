using Bankflow.Domain.Diagnostics;

namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>A read pain.002: the report (null when the file could not be read at all) and every finding about it.</summary>
public sealed record Pain002ReadResult(Pain002Report? Report, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Report is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}
