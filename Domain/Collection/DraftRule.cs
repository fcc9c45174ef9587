using Bankflow.Domain.Values;

namespace Bankflow.Domain.Collection;

/// <summary>An open item as the draft rule sees it, with the client's own dunning dates for it when it sent any.</summary>
/// <param name="Remaining">What is still unpaid, in øre.</param>
/// <param name="ReminderDates">When the client's own reminders (purringer) were sent, if it sends them.</param>
/// <param name="CollectionNoticeDate">When the client itself sent the collection notice (inkassovarsel), if it did.</param>
public sealed record DraftCandidate(string InvoiceId, DateOnly DueDate, Money Remaining, IReadOnlyList<DateOnly> ReminderDates, DateOnly? CollectionNoticeDate);

public enum DraftVerdict
{
    Draft,

    /// <summary>Not overdue, paid, a credit, or already a case.</summary>
    NotEligible,

    /// <summary>Overdue, but a period still runs (reminders, or inkassoloven § 9's 14 days) or a date is not known.</summary>
    NotYet,
}

public sealed record DraftDecision(DraftVerdict Verdict, string Reason);

/// <summary>
/// Which overdue invoices become collection drafts on an Oslo business date:
/// <list type="bullet">
/// <item>only an unpaid (open or partly paid) invoice whose due date is before the date and that is no case yet;</item>
/// <item>without own reminders (recommended): on the first day after the due date — the agency's first letter is the notice;</item>
/// <item>with a reminder profile: when the profile's last reminder was sent and its period has run unpaid;</item>
/// <item>when the client sent its own collection notice (inkassovarsel): inkassoloven § 9 lets collection steps follow only
/// when the notice's payment period of at least 14 days has run, so not before 14 days after the notice; without a known
/// notice date the invoice waits.</item>
/// </list>
/// </summary>
public static class DraftRule
{
    /// <summary>Inkassoloven § 9 first paragraph: the collection notice gives the debtor at least 14 days to pay.</summary>
    public const int NoticePeriodDays = 14;

    public static DraftDecision Decide(DraftCandidate item, AgencyIntegration integration, DateOnly today, bool alreadyCase)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(integration);
        if (alreadyCase)
        {
            return new(DraftVerdict.NotEligible, "already a collection case");
        }
        if (item.Remaining <= Money.Zero)
        {
            return new(DraftVerdict.NotEligible, "nothing is unpaid");
        }
        if (item.DueDate >= today)
        {
            return new(DraftVerdict.NotEligible, $"due {item.DueDate:yyyy-MM-dd}, not overdue on {today:yyyy-MM-dd}");
        }
        if (integration.OwnReminders)
        {
            if (integration.ReminderProfile is not { } profile)
            {
                return new(DraftVerdict.NotYet, "the client sends its own reminders but has no reminder profile");
            }
            if (item.ReminderDates.Count < profile.Reminders)
            {
                return new(DraftVerdict.NotYet, $"{item.ReminderDates.Count} of {profile.Reminders} reminders sent");
            }
            var runsOut = item.ReminderDates.Max().AddDays(profile.PeriodDays);
            if (today <= runsOut)
            {
                return new(DraftVerdict.NotYet, $"the last reminder's period runs to {runsOut:yyyy-MM-dd}");
            }
        }
        if (integration.OwnCollectionNotice)
        {
            if (item.CollectionNoticeDate is not { } notice)
            {
                return new(DraftVerdict.NotYet, "the client sends its own collection notice, and no notice date is known for this invoice (inkassoloven § 9)");
            }
            var earliest = notice.AddDays(NoticePeriodDays);
            if (today < earliest)
            {
                return new(DraftVerdict.NotYet, $"collection notice sent {notice:yyyy-MM-dd}: inkassoloven § 9 gives 14 days, so not before {earliest:yyyy-MM-dd}");
            }
        }
        return new(DraftVerdict.Draft, $"overdue since {item.DueDate.AddDays(1):yyyy-MM-dd}");
    }
}
