using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;

namespace Bankflow.Domain.Nets.Reading;

/// <summary>What reading a whole Nets file found, besides what the visitor was given.</summary>
/// <param name="Format">OcrGiro when any service 09 assignment was seen, else AvtaleGiro when service 21 was, else OcrGiro.</param>
/// <param name="Transactions">OCR transactions + AvtaleGiro claims + agreements read.</param>
/// <param name="SignedTotal">Σ signed amounts read (øre); Int128 so that no file can overflow it.</param>
/// <param name="LineEnding">The dominant line ending (LF when the file has a single line without one).</param>
public sealed record NetsReadSummary(
    BankFileFormat Format,
    IReadOnlyList<Diagnostic> Diagnostics,
    long Records,
    long Transactions,
    Int128 SignedTotal,
    NetsLineEnding LineEnding,
    bool EndsWithNewline)
{
    public bool IsValid => !Diagnostics.Any(d => d.Severity == Severity.Error);
}
