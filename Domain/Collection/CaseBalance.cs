using Bankflow.Domain.Values;

namespace Bankflow.Domain.Collection;

/// <summary>
/// The invoice's figures as the agency knows them: taken from the open item at hand-over and moved by every credit-note or
/// direct-payment update queued since. <see cref="UpdateCount"/> numbers those updates, so each one's id is new.
/// </summary>
public sealed record ForwardedBalance(Money InvoiceAmount, Money Settled, int UpdateCount)
{
    /// <summary>What the agency is collecting: the invoice amount less what was paid against it.</summary>
    public Money Outstanding => InvoiceAmount - Settled;
}

/// <summary>
/// The open item now: the amount the ERP claims (it lowers it for a credit note) and what reconciliation settled against
/// it from bank payments, with the last such payment's booking date when known.
/// </summary>
public sealed record ItemFigures(Money InvoiceAmount, Money Settled, DateOnly? LastPaymentDate = null)
{
    public Money Remaining => InvoiceAmount - Settled;
}

/// <summary>
/// Keeps the agency's balance of a case in step with the client's books. Every difference between what was forwarded and the
/// open item now becomes one case update the agency pulls: a lowered invoice amount a credit note, more settled by
/// reconciliation a direct payment (the debtor paid the client, not the agency). A negative amount undoes part of an
/// earlier update: the ERP raised the amount again, or a person rejected a matched payment. Only figures are compared —
/// never a guess at which document caused them.
/// </summary>
public static class CaseBalance
{
    /// <summary>The agency holds the case (fetched, not closed) and its balance was taken at hand-over.</summary>
    public static bool HeldByAgency(this CollectionCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.AgencyId is not null && c.Forwarded is not null && !c.Status.IsClosed() && c.Status is not (CaseStatus.Draft or CaseStatus.Approved);
    }

    /// <summary>
    /// The next update to queue, or null when the agency's figures agree with the item's. The credit note comes first, so a
    /// credit note and a payment seen together are two updates, each with its own kind.
    /// </summary>
    public static CaseUpdate? NextUpdate(CollectionCase c, ItemFigures now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(now);
        if (!c.HeldByAgency())
        {
            return null;
        }
        var forwarded = c.Forwarded!;
        var sequence = forwarded.UpdateCount + 1;
        var credited = forwarded.InvoiceAmount - now.InvoiceAmount;
        if (credited != Money.Zero)
        {
            return new CaseUpdate(UpdateId(c.InvoiceId, sequence), c.InvoiceId, CaseUpdateKind.CreditNote, credited, today, c.CaseNumber);
        }
        var paid = now.Settled - forwarded.Settled;
        if (paid != Money.Zero)
        {
            return new CaseUpdate(UpdateId(c.InvoiceId, sequence), c.InvoiceId, CaseUpdateKind.DirectPayment, paid,
                now.LastPaymentDate ?? today, c.CaseNumber);
        }
        return null;
    }

    /// <summary>
    /// The case once <paramref name="queued"/> is with the agency. Applied to the update as stored, not as computed: when an
    /// earlier attempt stored this number's update with other figures, the balance follows what the agency will read.
    /// </summary>
    public static CollectionCase Forward(CollectionCase c, CaseUpdate queued)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(queued);
        var forwarded = c.Forwarded ?? throw new InvalidOperationException($"case {c.InvoiceId} has no forwarded balance");
        var moved = queued.Kind switch
        {
            CaseUpdateKind.CreditNote => forwarded with { InvoiceAmount = forwarded.InvoiceAmount - queued.Amount },
            CaseUpdateKind.DirectPayment => forwarded with { Settled = forwarded.Settled + queued.Amount },
            _ => forwarded,
        };
        return c with { Forwarded = moved with { UpdateCount = forwarded.UpdateCount + 1 } };
    }

    /// <summary>
    /// An update's id: the invoice and the update's number on the case, not its kind. A retry after a crash between storing
    /// update n and moving the case must meet that stored update even when the figures have changed meanwhile and it would
    /// now compute another kind: it then moves the case by the stored one, and the rest follows as update n + 1.
    /// </summary>
    public static string UpdateId(string invoiceId, int sequence) => $"update-{invoiceId}-{sequence}";
}
