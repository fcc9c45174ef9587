using Bankflow.Domain.Collection;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Values;
using Bankflow.Functions.Events;
using Bankflow.Functions.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Collection;

/// <summary>A case as handed to the agency: the invoice, the debtor, and the dunning dates the law's periods run from.</summary>
public sealed record HandedOverCase(StoredOpenItem Item, CollectionCase Case, DunningDates Dunning);

/// <summary>A booked settlement: the case, the posting proposal (as stored JSON), the open item awaiting the net payment.</summary>
public sealed record BookedSettlement(string SettlementId, CollectionCase Case, string PostingProposalJson, string NetOpenItemId, bool Duplicate);

/// <summary>The agency's side: fetch approved cases, receipts, statuses, settlements and pulled case updates.</summary>
public sealed partial class AgencyService(CollectionStore store, CollectionService cases, CaseBalanceWatch watch, OpenItemStore items, OpenItemService openItems,
    IEventPublisher events, TimeProvider time, ILogger<AgencyService> logger)
{
    /// <summary>
    /// Hands the client's approved cases to the agency: each one's change Approved → HandedOver is conditional on its ETag,
    /// so of two concurrent fetches each case goes to exactly one.
    /// </summary>
    public async Task<CollectionOutcome<IReadOnlyList<HandedOverCase>>> FetchAsync(AgencyCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!call.Integration.MayCreateCases)
        {
            return CollectionOutcome<IReadOnlyList<HandedOverCase>>.Fail(OutcomeKind.Forbidden,
                "this integration may not create new cases: it may update statuses and send settlements for its existing cases");
        }
        var dunning = await store.ListDunningAsync(call.Client, cancellationToken).ConfigureAwait(false);
        var handed = new List<HandedOverCase>();
        foreach (var stored in await store.ListCasesAsync(call.Client, CaseStatus.Approved, cancellationToken).ConfigureAwait(false))
        {
            var item = await items.GetAsync(call.Client, stored.Case.InvoiceId, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                continue; // the ERP removed the invoice since it was approved: nothing to hand over
            }
            var step = CaseLifecycle.HandOver(stored.Case, call.AgencyId, new ItemFigures(item.Item.Amount, item.Settled));
            if (step.Refused)
            {
                // Paid or credited in full since it was approved: it leaves collection without the agency ever seeing it.
                await watch.WithdrawIfNothingLeftAsync(call.Client, stored, item, cases.OsloBusinessDay(), cancellationToken).ConfigureAwait(false);
                continue;
            }
            var next = step.Case!;
            if (await store.TryUpdateCaseAsync(call.Client, stored, next, cancellationToken).ConfigureAwait(false))
            {
                await cases.PublishChangeAsync(call.Client, next, cancellationToken).ConfigureAwait(false);
                handed.Add(new HandedOverCase(item, next, dunning.TryGetValue(next.InvoiceId, out var d) ? d : new DunningDates([], null)));
            }
        }
        LogFetched(logger, call.AgencyId, call.Client.Value, handed.Count);
        return CollectionOutcome<IReadOnlyList<HandedOverCase>>.Ok([.. handed.OrderBy(h => h.Case.InvoiceId, StringComparer.Ordinal)]);
    }

    public Task<CollectionOutcome<CollectionCase>> ReceiptAsync(AgencyCall call, string invoiceId, string caseNumber, CancellationToken cancellationToken) =>
        cases.ChangeCaseAsync(call.Client, invoiceId, c => CaseLifecycle.Register(c, call.AgencyId, caseNumber), cancellationToken);

    public Task<CollectionOutcome<CollectionCase>> StatusAsync(AgencyCall call, string invoiceId, CaseStatus status, DateOnly date, string? text, CancellationToken cancellationToken) =>
        cases.ChangeCaseAsync(call.Client, invoiceId, c => CaseLifecycle.ReportStatus(c, call.AgencyId, status, date, text), cancellationToken);

    /// <summary>
    /// Books a settlement once: the settlement id's conditional insert decides; the steps after it (case settled, invoice
    /// out of the open items, the net payment's open item, the event) are each idempotent, so a repeat of a settlement
    /// whose first attempt stopped half-way finishes it, and a repeat of a finished one changes nothing.
    /// </summary>
    public async Task<CollectionOutcome<BookedSettlement>> SettleAsync(AgencyCall call, AgencySettlement settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(settlement);
        var registration = await cases.GetRegistrationAsync(call.Client, cancellationToken).ConfigureAwait(false);
        var stored = await store.GetCaseAsync(call.Client, settlement.InvoiceId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Case.AgencyId != call.AgencyId || registration is null)
        {
            return CollectionOutcome<BookedSettlement>.Fail(OutcomeKind.NotFound, "no collection case of your agency for that invoice id", "invoiceId");
        }
        var item = await items.GetAsync(call.Client, settlement.InvoiceId, cancellationToken).ConfigureAwait(false);
        var (proposal, refusal) = SettlementPosting.Propose(settlement, registration.PostingAccounts(), item?.Item.CustomerId ?? "", item?.Item.CustomerName ?? "");
        if (refusal is not null)
        {
            return CollectionOutcome<BookedSettlement>.Fail(OutcomeKind.Invalid, refusal, "net");
        }
        var recorded = await store.TryAddSettlementAsync(call.Client, settlement.SettlementId, settlement.InvoiceId, call.AgencyId, PostingJson.Write(proposal!),
            time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (!recorded.Added && recorded.InvoiceId != settlement.InvoiceId)
        {
            return CollectionOutcome<BookedSettlement>.Fail(OutcomeKind.Conflict, $"settlement {settlement.SettlementId} was booked for another invoice", "settlementId");
        }
        if (recorded.Added || stored.Case.Status != CaseStatus.Settled)
        {
            var settled = CaseLifecycle.Settle(stored.Case, call.AgencyId, settlement.Date);
            if (settled.Refused)
            {
                if (recorded.Added)
                {
                    // Nothing else was written; the settlement row goes so a corrected case can be settled under the same id.
                    await store.DeleteSettlementAsync(call.Client, settlement.SettlementId, cancellationToken).ConfigureAwait(false);
                }
                return CollectionOutcome<BookedSettlement>.Fail(OutcomeKind.Conflict, settled.Refusal!);
            }
            if (!await store.TryUpdateCaseAsync(call.Client, stored, settled.Case!, cancellationToken).ConfigureAwait(false))
            {
                return CollectionOutcome<BookedSettlement>.Fail(OutcomeKind.Conflict, "the case changed meanwhile; send the settlement again");
            }
            stored = stored with { Case = settled.Case! };
        }
        var netItemId = "collection-" + settlement.SettlementId;
        // The settlement's posting credits the customer ledger: the invoice is no longer open. The agency's net payment is.
        await items.DeleteAsync(call.Client, settlement.InvoiceId, cancellationToken).ConfigureAwait(false);
        if (settlement.Net > Money.Zero)
        {
            var reference = settlement.PaymentReference;
            var kid = reference is { Length: >= 2 and <= 25 } && reference.All(char.IsAsciiDigit) ? reference : null;
            await openItems.UpsertAsync(call.Client,
            [
                new OpenItem(call.Client, netItemId, "agency:" + call.AgencyId, "collection agency " + call.AgencyId, reference, kid, settlement.Net, item?.Item.Currency ?? "NOK",
                    settlement.Date, settlement.Date),
            ], cancellationToken).ConfigureAwait(false);
        }
        await events.PublishAsync(new CollectionSettledEvent($"{call.Client.Value}:collection-settled:{settlement.SettlementId}", CollectionSettledEvent.Type, call.Client.Value,
            call.AgencyId, settlement.SettlementId, settlement.InvoiceId, stored.Case.CaseNumber, settlement.Date, settlement.Principal.Ore, settlement.Interest.Ore,
            settlement.Commission.Ore, settlement.Fees.Ore, settlement.Net.Ore, netItemId, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        LogSettled(logger, call.AgencyId, call.Client.Value, settlement.SettlementId, !recorded.Added);
        var booked = new BookedSettlement(settlement.SettlementId, stored.Case, recorded.ProposalJson!, netItemId, !recorded.Added);
        return recorded.Added ? CollectionOutcome<BookedSettlement>.Created(booked) : CollectionOutcome<BookedSettlement>.Ok(booked);
    }

    /// <summary>
    /// The agency's updates not pulled before. Credit notes and direct payments are looked for first, so the pull carries
    /// every change the books hold at this moment, not only those the daily step saw.
    /// </summary>
    public async Task<IReadOnlyList<CaseUpdate>> PullUpdatesAsync(AgencyCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await watch.CatchUpAsync(call.Client, cancellationToken).ConfigureAwait(false);
        return await store.PullUpdatesAsync(call.Client, call.AgencyId, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agency {AgencyId} fetched {Count} cases of client {ClientId}")]
    private static partial void LogFetched(ILogger logger, string agencyId, string clientId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agency {AgencyId}: settlement {SettlementId} of client {ClientId} booked (repeat: {Repeat})")]
    private static partial void LogSettled(ILogger logger, string agencyId, string clientId, string settlementId, bool repeat);
}
