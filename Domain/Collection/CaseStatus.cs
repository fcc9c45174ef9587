namespace Bankflow.Domain.Collection;

/// <summary>
/// Where a collection case stands: Draft → Approved → HandedOver (the agency fetched it) → Registered (its case number
/// came back) → the agency's statuses → Settled, WrittenOff or Closed (the closed states: nothing changes them).
/// </summary>
public enum CaseStatus
{
    Draft,
    Approved,
    HandedOver,
    Registered,

    /// <summary>The agency sent the collection notice (inkassovarsel).</summary>
    NoticeSent,

    /// <summary>The agency sent the payment demand (betalingsoppfordring).</summary>
    PaymentDemand,

    /// <summary>A legal step: conciliation board (forliksråd), enforcement (utlegg).</summary>
    LegalStep,

    Settled,
    WrittenOff,
    Closed,
}

public static class CaseStatusNames
{
    private static readonly Dictionary<CaseStatus, string> Names = new()
    {
        [CaseStatus.Draft] = "draft", [CaseStatus.Approved] = "approved", [CaseStatus.HandedOver] = "handed-over",
        [CaseStatus.Registered] = "registered", [CaseStatus.NoticeSent] = "notice-sent", [CaseStatus.PaymentDemand] = "payment-demand",
        [CaseStatus.LegalStep] = "legal-step", [CaseStatus.Settled] = "settled", [CaseStatus.WrittenOff] = "written-off", [CaseStatus.Closed] = "closed",
    };

    public static string WireName(this CaseStatus status) => Names[status];

    public static bool TryParse(string? text, out CaseStatus status)
    {
        foreach (var (s, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static bool IsClosed(this CaseStatus status) => status is CaseStatus.Settled or CaseStatus.WrittenOff or CaseStatus.Closed;

    /// <summary>The statuses an agency may report with a status update (settlement comes as a settlement).</summary>
    public static bool IsAgencyStatus(this CaseStatus status) => status is CaseStatus.NoticeSent or CaseStatus.PaymentDemand or CaseStatus.LegalStep or CaseStatus.Closed;

    public static string AllNames => string.Join(", ", Names.Values);
}
