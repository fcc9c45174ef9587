using System.Globalization;
using Bankflow.Domain.Collection;

namespace Bankflow.Functions.Collection;

/// <summary>How collection objects look in answers (camelCase, amounts in øre, dates yyyy-MM-dd).</summary>
public static class CollectionViews
{
    public static object Integration(AgencyIntegration i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new
        {
            agencyId = i.AgencyId,
            clientKey = i.ClientKey.ToString("D"),
            mode = i.Mode == CollectionMode.Automatic ? "automatic" : "manual",
            mayCreateCases = i.MayCreateCases,
            active = i.Active,
            ownReminders = i.OwnReminders,
            reminderProfile = i.ReminderProfile is { } p ? new { reminders = p.Reminders, periodDays = p.PeriodDays } : null,
            ownCollectionNotice = i.OwnCollectionNotice,
            existingOpenCases = i.ExistingOpenCases,
        };
    }

    public static object Case(CollectionCase c) => CaseFields(c);

    /// <summary>One case for the accountant: the case's fields and every update queued for its agency, with whether it was pulled.</summary>
    public static object CaseWithUpdates(CollectionCase c, IReadOnlyList<(CaseUpdate Update, bool Pulled)> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var fields = CaseFields(c);
        fields["updates"] = updates.Select(u => new { update = Update(u.Update), pulled = u.Pulled }).ToArray();
        return fields;
    }

    private static Dictionary<string, object?> CaseFields(CollectionCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["invoiceId"] = c.InvoiceId,
            ["status"] = c.Status.WireName(),
            ["amount"] = c.Amount.Ore,
            ["draftedOn"] = Day(c.DraftedOn),
            ["approvedOn"] = c.ApprovedOn is { } a ? Day(a) : null,
            ["agencyId"] = c.AgencyId,
            ["caseNumber"] = c.CaseNumber,
            ["statusDate"] = c.StatusDate is { } d ? Day(d) : null,
            ["statusText"] = c.StatusText,
            // What the agency holds by our books: the hand-over's figures moved by every update queued since.
            ["agencyBalance"] = c.Forwarded?.Outstanding.Ore,
        };
    }

    public static object Fetched(HandedOverCase h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var item = h.Item.Item;
        return new
        {
            invoiceId = item.InvoiceId,
            invoiceNumber = item.InvoiceNumber,
            kid = item.Kid,
            debtor = new { customerId = item.CustomerId, name = item.CustomerName },
            amount = h.Item.Remaining.Ore,
            currency = item.Currency,
            invoiceDate = Day(item.InvoiceDate),
            dueDate = Day(item.DueDate),
            reminderDates = h.Dunning.ReminderDates.Select(Day).ToArray(),
            collectionNoticeDate = h.Dunning.CollectionNoticeDate is { } n ? Day(n) : null,
        };
    }

    public static object Update(CaseUpdate u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new
        {
            updateId = u.UpdateId,
            invoiceId = u.InvoiceId,
            caseNumber = u.CaseNumber,
            kind = u.Kind.WireName(),
            amount = u.Amount.Ore,
            date = Day(u.Date),
        };
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
