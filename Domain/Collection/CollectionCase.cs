using Bankflow.Domain.Values;

namespace Bankflow.Domain.Collection;

/// <summary>
/// An invoice under collection: the open item's invoice id is its key within the client. The agency is the one whose
/// integration could create cases when it was handed over; the case number is the agency's, from its receipt.
/// </summary>
public sealed record CollectionCase(string InvoiceId, CaseStatus Status, DateOnly DraftedOn)
{
    public string? AgencyId { get; init; }

    public string? CaseNumber { get; init; }

    public DateOnly? ApprovedOn { get; init; }

    public DateOnly? StatusDate { get; init; }

    public string? StatusText { get; init; }

    /// <summary>The open item's remaining amount when drafted; at hand-over, the amount handed over.</summary>
    public Money Amount { get; init; }

    /// <summary>The figures the agency knows (null before hand-over): what credit notes and direct payments are measured against.</summary>
    public ForwardedBalance? Forwarded { get; init; }
}

/// <summary>A lifecycle step's result: the case after it, or why it may not be taken.</summary>
public sealed record CaseStep(CollectionCase? Case, string? Refusal)
{
    public bool Refused => Refusal is not null;

    public static CaseStep Ok(CollectionCase c) => new(c, null);

    public static CaseStep No(string reason) => new(null, reason);
}

/// <summary>The case lifecycle's transitions; every illegal one is refused with the reason.</summary>
public static class CaseLifecycle
{
    public static CaseStep Approve(CollectionCase c, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Status == CaseStatus.Draft
            ? CaseStep.Ok(c with { Status = CaseStatus.Approved, ApprovedOn = on })
            : CaseStep.No($"only a draft can be approved; case {c.InvoiceId} is {c.Status.WireName()}");
    }

    /// <summary>
    /// The agency fetched the case with the open item as it is now: that remaining amount is what it collects, and the item's
    /// figures are kept so later credit notes and direct payments are forwarded as differences from them.
    /// </summary>
    public static CaseStep HandOver(CollectionCase c, string agencyId, ItemFigures item)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(item);
        if (c.Status != CaseStatus.Approved)
        {
            return CaseStep.No($"only an approved case can be handed over; case {c.InvoiceId} is {c.Status.WireName()}");
        }
        return item.Remaining > Money.Zero
            ? CaseStep.Ok(c with { Status = CaseStatus.HandedOver, AgencyId = agencyId, Amount = item.Remaining, Forwarded = new ForwardedBalance(item.InvoiceAmount, item.Settled, 0) })
            : CaseStep.No($"case {c.InvoiceId} has nothing left to collect (remaining {item.Remaining})");
    }

    /// <summary>
    /// A case not yet handed over leaves collection because nothing is left to collect: paid in full, credited, or the ERP
    /// removed the invoice. Closed with the reason; the agency never saw it.
    /// </summary>
    public static CaseStep Withdraw(CollectionCase c, DateOnly date, string reason)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Status is CaseStatus.Draft or CaseStatus.Approved
            ? CaseStep.Ok(c with { Status = CaseStatus.Closed, StatusDate = date, StatusText = reason })
            : CaseStep.No($"only a draft or approved case can be withdrawn; case {c.InvoiceId} is {c.Status.WireName()}");
    }

    /// <summary>The agency's receipt: its case number. The same number again is no change (a resent receipt).</summary>
    public static CaseStep Register(CollectionCase c, string agencyId, string caseNumber)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.AgencyId != agencyId)
        {
            return CaseStep.No($"case {c.InvoiceId} was not handed over to this agency");
        }
        if (c.Status == CaseStatus.HandedOver)
        {
            return CaseStep.Ok(c with { Status = CaseStatus.Registered, CaseNumber = caseNumber });
        }
        if (c.CaseNumber == caseNumber)
        {
            return CaseStep.Ok(c);
        }
        return CaseStep.No(c.CaseNumber is null
            ? $"case {c.InvoiceId} is {c.Status.WireName()}: a receipt comes after the hand-over"
            : $"case {c.InvoiceId} already has case number {c.CaseNumber}");
    }

    public static CaseStep ReportStatus(CollectionCase c, string agencyId, CaseStatus status, DateOnly date, string? text)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!status.IsAgencyStatus())
        {
            return CaseStep.No($"an agency reports notice-sent, payment-demand, legal-step or closed; {status.WireName()} is not one of them");
        }
        if (c.AgencyId != agencyId)
        {
            return CaseStep.No($"case {c.InvoiceId} was not handed over to this agency");
        }
        if (c.Status.IsClosed())
        {
            return CaseStep.No($"case {c.InvoiceId} is {c.Status.WireName()}: a closed case takes no status");
        }
        if (c.Status is CaseStatus.Draft or CaseStatus.Approved or CaseStatus.HandedOver)
        {
            return CaseStep.No($"case {c.InvoiceId} is {c.Status.WireName()}: send the receipt with the case number first");
        }
        return CaseStep.Ok(c with { Status = status, StatusDate = date, StatusText = text });
    }

    public static CaseStep Settle(CollectionCase c, string agencyId, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.AgencyId != agencyId)
        {
            return CaseStep.No($"case {c.InvoiceId} was not handed over to this agency");
        }
        if (c.Status.IsClosed())
        {
            return CaseStep.No($"case {c.InvoiceId} is {c.Status.WireName()}: a closed case takes no settlement");
        }
        if (c.Status is CaseStatus.Draft or CaseStatus.Approved or CaseStatus.HandedOver)
        {
            return CaseStep.No($"case {c.InvoiceId} is {c.Status.WireName()}: a settlement comes after the receipt with the case number");
        }
        return CaseStep.Ok(c with { Status = CaseStatus.Settled, StatusDate = date });
    }

    /// <summary>The accountant writes off (avskriver) an invoice under collection; a draft or approved one simply leaves collection.</summary>
    public static CaseStep WriteOff(CollectionCase c, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Status.IsClosed()
            ? CaseStep.No($"case {c.InvoiceId} is {c.Status.WireName()}: it cannot be written off")
            : CaseStep.Ok(c with { Status = CaseStatus.WrittenOff, StatusDate = date });
    }
}
