using Bankflow.Domain.Reconciliation;

namespace Bankflow.Functions.Reconciliation;

/// <summary>An open item's status in JSON, storage and the <c>status</c> query: open, partial, paid, overpaid.</summary>
public static class ItemStatusNames
{
    public static string WireName(this ItemStatus status) => status switch
    {
        ItemStatus.Open => "open",
        ItemStatus.Partial => "partial",
        ItemStatus.Paid => "paid",
        ItemStatus.Overpaid => "overpaid",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? text, out ItemStatus status)
    {
        foreach (var candidate in Enum.GetValues<ItemStatus>())
        {
            if (candidate.WireName() == text)
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}
