namespace Bankflow.Domain.Sbanken;

/// <summary>
/// Which days an account's fetch reads: every day from the reconciliation start date (or the requested
/// first day, whichever is later) through the requested last day that is not read yet. A missed morning
/// therefore catches up by itself, and a day already read is never read again.
/// </summary>
public static class FetchPlan
{
    /// <summary>Largest range one fetch covers; a longer backfill is read in several runs of this size.</summary>
    public const int MaxDaysPerFetch = 366;

    public static IReadOnlyList<DateOnly> DaysToRead(DateOnly startDate, DateOnly? requestedFrom, DateOnly through, IReadOnlySet<DateOnly> alreadyRead)
    {
        ArgumentNullException.ThrowIfNull(alreadyRead);
        var first = requestedFrom is { } f && f > startDate ? f : startDate;
        var days = new List<DateOnly>();
        for (var day = first; day <= through && days.Count < MaxDaysPerFetch; day = day.AddDays(1))
        {
            if (!alreadyRead.Contains(day))
            {
                days.Add(day);
            }
        }
        return days;
    }
}
