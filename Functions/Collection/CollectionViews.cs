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

    public static object Case(CollectionCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new
        {
            invoiceId = c.InvoiceId,
            status = c.Status.WireName(),
            amount = c.Amount.Ore,
            draftedOn = Day(c.DraftedOn),
            approvedOn = c.ApprovedOn is { } a ? Day(a) : null,
            agencyId = c.AgencyId,
            caseNumber = c.CaseNumber,
            statusDate = c.StatusDate is { } d ? Day(d) : null,
            statusText = c.StatusText,
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
            kind = u.Kind switch { CaseUpdateKind.CreditNote => "credit-note", CaseUpdateKind.DirectPayment => "direct-payment", _ => "write-off" },
            amount = u.Amount.Ore,
            date = Day(u.Date),
        };
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
