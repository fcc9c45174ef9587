namespace Bankflow.Domain.Reconciliation;

/// <summary>Counts of a run.</summary>
/// <param name="AutomationRate">Matched ÷ (matched + unmatched): the share of movements needing no person. Ignored ones count in neither.</param>
public sealed record ReconciliationSummary(int Entries, int Matched, int Unmatched, int Ignored, double AutomationRate)
{
    public static ReconciliationSummary Of(IReadOnlyList<EntryOutcome> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int matched = 0, unmatched = 0, ignored = 0;
        foreach (var e in entries)
        {
            switch (e.Status)
            {
                case EntryStatus.Matched:
                    matched++;
                    break;
                case EntryStatus.Unmatched:
                    unmatched++;
                    break;
                default:
                    ignored++;
                    break;
            }
        }
        var decided = matched + unmatched;
        return new ReconciliationSummary(entries.Count, matched, unmatched, ignored, decided == 0 ? 0 : Math.Round((double)matched / decided, 4));
    }
}
