using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;
using Bankflow.Functions.Events;
using Bankflow.Functions.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Collection;

/// <summary>What one catch-up of a client did.</summary>
public sealed record CatchUp(int Queued, int Withdrawn);

/// <summary>
/// Brings the agency's figures of a client's cases in line with the open items: each case the agency holds gets the credit
/// notes and direct payments since its hand-over queued as case updates (<see cref="CaseBalance"/>), and a case not yet
/// handed over whose invoice has nothing left to collect is withdrawn. Runs before every agency pull, in the daily step and
/// before a write-off, so the agency never reads a balance older than the books at that moment.
/// <para>
/// Safe to run twice at once and to stop anywhere: an update is inserted once under its id (case and number), then the
/// case's forwarded balance moves by the update <em>as stored</em> with an ETag-conditional write. A run that stopped between
/// the two, or lost the race, finds the update there and moves the balance by it; nothing is forwarded twice.
/// </para>
/// </summary>
public sealed partial class CaseBalanceWatch(CollectionStore store, OpenItemStore items, MatchStore matches, IEventPublisher events, TimeProvider time,
    ILogger<CaseBalanceWatch> logger)
{
    // A case changes by a credit note and a payment at most between two looks; more rounds mean another writer keeps moving it.
    private const int MaxRounds = 8;

    public async Task<CatchUp> CatchUpAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var today = Bankflow.Domain.Sbanken.OsloBusinessDate.Today(time.GetUtcNow());
        var (queued, withdrawn) = (0, 0);
        IReadOnlyList<MatchDecision>? decisions = null;
        foreach (var stored in await store.ListCasesAsync(client, null, cancellationToken).ConfigureAwait(false))
        {
            var c = stored.Case;
            if (c.Status is not (CaseStatus.Draft or CaseStatus.Approved) && !c.HeldByAgency())
            {
                continue;
            }
            var item = await items.GetAsync(client, c.InvoiceId, cancellationToken).ConfigureAwait(false);
            if (c.Status is CaseStatus.Draft or CaseStatus.Approved)
            {
                withdrawn += await WithdrawIfNothingLeftAsync(client, stored, item, today, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                continue;
            }
            if (item is null)
            {
                // The ERP removed the invoice: that says nothing of why, so nothing is forwarded; the case waits for a person.
                LogItemGone(logger, client.Value, c.InvoiceId);
                continue;
            }
            if (item.Settled != c.Forwarded!.Settled)
            {
                decisions ??= await matches.ListAllAsync(client, cancellationToken).ConfigureAwait(false);
            }
            queued += await CatchUpCaseAsync(client, stored, c.InvoiceId, Figures(item, decisions), today, cancellationToken).ConfigureAwait(false);
        }
        return new CatchUp(queued, withdrawn);
    }

    /// <summary>Queues what one case lacks (used before a write-off, so the write-off's amount is the agency's balance too).</summary>
    public async Task<int> CatchUpCaseAsync(ClientId client, StoredOpenItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var decisions = await matches.ListAllAsync(client, cancellationToken).ConfigureAwait(false);
        var today = Bankflow.Domain.Sbanken.OsloBusinessDate.Today(time.GetUtcNow());
        return await CatchUpCaseAsync(client, null, item.Item.InvoiceId, Figures(item, decisions), today, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="listed">The case as just read, if it was (the first round needs no read of its own); later rounds read it again.</param>
    private async Task<int> CatchUpCaseAsync(ClientId client, StoredCase? listed, string invoiceId, ItemFigures now, DateOnly today, CancellationToken cancellationToken)
    {
        var queued = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var stored = round == 0 && listed is not null ? listed : await store.GetCaseAsync(client, invoiceId, cancellationToken).ConfigureAwait(false);
            if (stored is null || CaseBalance.NextUpdate(stored.Case, now, today) is not { } update)
            {
                return queued;
            }
            var kept = await store.AddUpdateAsync(client, stored.Case.AgencyId!, update, cancellationToken).ConfigureAwait(false);
            if (await store.TryUpdateCaseAsync(client, stored, CaseBalance.Forward(stored.Case, kept), cancellationToken).ConfigureAwait(false))
            {
                queued++;
                LogQueued(logger, client.Value, invoiceId, kept.UpdateId, kept.Amount.Ore);
            }
        }
        LogStillMoving(logger, client.Value, invoiceId, MaxRounds);
        return queued;
    }

    private static ItemFigures Figures(StoredOpenItem item, IReadOnlyList<MatchDecision>? decisions) =>
        new(item.Item.Amount, item.Settled, decisions is null ? null : LastPaymentDate(decisions, item.Item.InvoiceId));

    /// <summary>The booking date of the latest payment a standing match put against the invoice.</summary>
    public static DateOnly? LastPaymentDate(IEnumerable<MatchDecision> decisions, string invoiceId) =>
        decisions.Where(d => d.Decision != Decision.Rejected && d.Allocations.Any(a => a.InvoiceId == invoiceId))
            .Select(d => (DateOnly?)d.BookingDate)
            .Max();

    /// <summary>
    /// Closes a draft or approved case whose open item (null: the ERP removed it) has nothing left to collect, with the
    /// reason and a CollectionCaseChanged event; false when there is something left or the case changed meanwhile.
    /// </summary>
    public async Task<bool> WithdrawIfNothingLeftAsync(ClientId client, StoredCase stored, StoredOpenItem? item, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var reason = item is null ? "the ERP removed the invoice before hand-over"
            : item.Remaining <= Money.Zero ? "nothing left to collect before hand-over (paid or credited)"
            : null;
        if (reason is null)
        {
            return false;
        }
        var step = CaseLifecycle.Withdraw(stored.Case, today, reason);
        if (step.Refused || !await store.TryUpdateCaseAsync(client, stored, step.Case!, cancellationToken).ConfigureAwait(false))
        {
            return false; // changed meanwhile (approved, fetched): the next look judges it again
        }
        await events.PublishAsync(CollectionCaseChangedEvent.For(client, step.Case!, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        LogWithdrawn(logger, client.Value, stored.Case.InvoiceId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId}: case update {UpdateId} queued for invoice {InvoiceId} ({AmountOre} øre)")]
    private static partial void LogQueued(ILogger logger, string clientId, string invoiceId, string updateId, long amountOre);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId}: case {InvoiceId} withdrawn before hand-over, nothing left to collect")]
    private static partial void LogWithdrawn(ILogger logger, string clientId, string invoiceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: the invoice of case {InvoiceId}, held by the agency, is no longer among the open items; nothing forwarded")]
    private static partial void LogItemGone(ILogger logger, string clientId, string invoiceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: case {InvoiceId} kept changing over {Rounds} rounds; the next look continues")]
    private static partial void LogStillMoving(ILogger logger, string clientId, string invoiceId, int rounds);
}
