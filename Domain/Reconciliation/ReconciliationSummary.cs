namespace Bankflow.Domain.Reconciliation;

/// <summary>Counts of a run.</summary>
/// <param name="AutomationRate">Matched ÷ (matched + unmatched): the share of movements needing no person. Ignored ones count in neither.</param>
public sealed record ReconciliationSummary(int Entries, int Matched, int Unmatched, int Ignored, double AutomationRate);
