using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Values;
using Bankflow.Functions.Events;
using Bankflow.Functions.Remittance;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// One reconciliation run of a client: the committed bank entries no decision holds yet, against the open items with every
/// earlier decision as the engine's <see cref="ReconciliationInput.ExistingMatches"/> (entries whose match a person rejected
/// are kept out: they stay with a person). New matches are written insert-only, unmatched and ignored entries with their
/// reasons, the items' settlement as the engine leaves it; then every decision and outcome whose event is not out yet is
/// published. Runs of one client never overlap (<see cref="ReconciliationLock"/>). A run with nothing new writes nothing
/// and publishes nothing.
/// </summary>
public sealed partial class ReconcileClientUseCase(
    OpenItemStore items,
    MatchStore matches,
    OutcomeStore outcomes,
    CommittedEntries entries,
    AgreementStore agreements,
    PaymentBatchStore batches,
    ReconciliationLock runLock,
    IEventPublisher events,
    TimeProvider time,
    ILogger<ReconcileClientUseCase> logger)
{
    public async Task<ReconcileRun> RunAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!await items.AnyAsync(client, cancellationToken).ConfigureAwait(false))
        {
            LogNoOpenItems(logger, client.Value);
            return ReconcileRun.NoOpenItems;
        }
        var lease = await runLock.TryAcquireAsync(client, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogBusy(logger, client.Value);
            return ReconcileRun.Busy;
        }
        try
        {
            var run = await RunHoldingLeaseAsync(client, cancellationToken).ConfigureAwait(false);
            LogRun(logger, client.Value, run.Looked, run.NewMatches, run.Unmatched, run.Ignored, run.ItemsUpdated, run.EventsPublished);
            return run;
        }
        finally
        {
            // Not the request's token: a cancelled run still gives its lease back.
            await runLock.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<ReconcileRun> RunHoldingLeaseAsync(ClientId client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var storedItems = await items.ListAllAsync(client, cancellationToken).ConfigureAwait(false);
        var decisions = await matches.ListAllAsync(client, cancellationToken).ConfigureAwait(false);
        var known = (await outcomes.ListAllAsync(client, cancellationToken).ConfigureAwait(false)).ToDictionary(o => o.MatchId, StringComparer.Ordinal);
        var bankEntries = await entries.ReadAsync(client, cancellationToken).ConfigureAwait(false);
        var plan = LedgerPlan.From((await agreements.ListAsync(client, cancellationToken).ConfigureAwait(false)).Select(a => a.Agreement));
        var own = await OwnPaymentsAsync(client, cancellationToken).ConfigureAwait(false);

        var openItems = storedItems.Select(s => s.Item).ToList();
        var byInvoice = openItems.ToDictionary(i => i.InvoiceId, StringComparer.Ordinal);
        var decided = decisions.Select(d => d.EntryId).ToHashSet(StringComparer.Ordinal);
        var byEntry = new Dictionary<string, BankEntry>(StringComparer.Ordinal);
        foreach (var entry in bankEntries)
        {
            byEntry.TryAdd(entry.EntryId, entry);
        }
        var movements = BankMovements.From(byEntry.Values.Where(e => !decided.Contains(e.EntryId)));
        var result = Reconciler.Run(new ReconciliationInput(client, openItems, movements)
        {
            ExistingMatches = [.. decisions.Where(d => d.Decision != Decision.Rejected).Select(d => d.ToMatch(byInvoice))],
            OwnPayments = own,
        });

        var added = new List<MatchDecision>();
        int unmatched = 0, ignored = 0, conflicts = 0;
        foreach (var outcome in result.Entries.Where(e => !e.IsExisting))
        {
            var entry = byEntry[outcome.Movement.EntryId];
            if (outcome.Match is { } match)
            {
                var decision = Decided(client, entry, outcome.Movement, match, plan, now);
                if (!await matches.TryAddAsync(decision, cancellationToken).ConfigureAwait(false))
                {
                    conflicts++;
                    continue;
                }
                added.Add(decision);
                if (known.Remove(decision.MatchId))
                {
                    await outcomes.DeleteAsync(client, decision.MatchId, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            var record = Outcome(client, entry, outcome, now);
            if (record.Ignored)
            {
                ignored++;
            }
            else
            {
                unmatched++;
            }
            await SaveIfChangedAsync(record, known, cancellationToken).ConfigureAwait(false);
        }
        // A rejection writes its outcome itself; this heals one that died in between.
        foreach (var rejected in decisions.Where(d => d.Decision == Decision.Rejected))
        {
            await SaveIfChangedAsync(RejectedOutcome(rejected, rejected.RejectedAt ?? now), known, cancellationToken).ConfigureAwait(false);
        }

        var before = storedItems.ToDictionary(s => s.Item.InvoiceId, StringComparer.Ordinal);
        var changed = result.Items.Where(s => Differs(s, before[s.Item.InvoiceId])).ToList();
        if (changed.Count > 0)
        {
            await items.SaveSettlementsAsync(client, changed, now, cancellationToken).ConfigureAwait(false);
        }

        var published = await PublishPendingAsync(client, decisions.Where(d => !d.Published && d.Decision != Decision.Rejected).Concat(added), known.Values, cancellationToken).ConfigureAwait(false);
        return new ReconcileRun(ReconcileRunState.Ran, movements.Count, added.Count, unmatched, ignored, changed.Count, published, conflicts);
    }

    /// <summary>The settlement differs from what is stored (or the item was never settled by a run).</summary>
    private static bool Differs(ItemSettlement settlement, StoredOpenItem stored) =>
        stored.ReconciledAt is null || stored.Settled != settlement.Settled || stored.Status != settlement.Status;

    private async Task SaveIfChangedAsync(EntryOutcomeRecord record, Dictionary<string, EntryOutcomeRecord> known, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(record.MatchId, out var before))
        {
            if (before.SameVerdictAs(record))
            {
                return;
            }
            // One PaymentUnmatched per verdict kind: a changed reason or new candidates are not announced again.
            record = record with { Published = record.Ignored || (before.Published && !before.Ignored && before.RejectedByPerson == record.RejectedByPerson) };
        }
        await outcomes.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        known[record.MatchId] = record;
    }

    private async Task<int> PublishPendingAsync(ClientId client, IEnumerable<MatchDecision> pendingMatches, IEnumerable<EntryOutcomeRecord> current, CancellationToken cancellationToken)
    {
        var count = 0;
        // In booking order, so the ERP reads them as the bank booked them.
        foreach (var decision in pendingMatches.OrderBy(d => d.BookingDate).ThenBy(d => d.EntryId, StringComparer.Ordinal))
        {
            await events.PublishAsync(PaymentMatchedEvent.From(decision), cancellationToken).ConfigureAwait(false);
            await matches.MarkPublishedAsync(client, decision.MatchId, cancellationToken).ConfigureAwait(false);
            count++;
        }
        foreach (var outcome in current.Where(o => !o.Published && !o.Ignored).OrderBy(o => o.BookingDate).ThenBy(o => o.EntryId, StringComparer.Ordinal).ToList())
        {
            await events.PublishAsync(PaymentUnmatchedEvent.From(outcome), cancellationToken).ConfigureAwait(false);
            await outcomes.MarkPublishedAsync(client, outcome.MatchId, cancellationToken).ConfigureAwait(false);
            count++;
        }
        return count;
    }

    /// <summary>The payments the client sent through Bankflow: money out with their end-to-end id is theirs, not a customer's.</summary>
    private async Task<IReadOnlyList<OwnPayment>> OwnPaymentsAsync(ClientId client, CancellationToken cancellationToken)
    {
        var list = new List<OwnPayment>();
        foreach (var (header, _, _, _) in await batches.ListAsync(client, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (await batches.GetAsync(client, header.Batch.BatchId, cancellationToken).ConfigureAwait(false) is { } batch)
            {
                list.AddRange(batch.Batch.Payments.Select(p => new OwnPayment(p.EndToEndId, batch.Batch.BatchId, p.CreditorName, p.Amount, null)));
            }
        }
        return list;
    }

    private static MatchDecision Decided(ClientId client, BankEntry entry, BankMovement movement, Match match, LedgerPlan plan, DateTimeOffset now) =>
        new(client, entry.EntryId, Decision.Auto, match.Rule)
        {
            Account = entry.Account,
            BookingDate = entry.BookingDate,
            Amount = entry.Amount,
            Currency = entry.Currency,
            Evidence = match.Evidence,
            Explanation = match.Explanation,
            Unapplied = match.Unapplied,
            Allocations = [.. match.Allocations.Select(a => new DecidedAllocation(a.Item.InvoiceId, a.Item.CustomerId, a.Item.CustomerName, a.Item.InvoiceNumber, a.Amount, a.RemainingAfter))],
            OwnPayment = match.OwnPayment,
            CounterpartyName = entry.CounterpartyName,
            PostingJson = PostingJson.Write(PostingProposals.For(match, movement, plan)),
            DecidedAt = now,
        };

    private static EntryOutcomeRecord Outcome(ClientId client, BankEntry entry, EntryOutcome outcome, DateTimeOffset now) =>
        new(client, entry.EntryId, outcome.Status == EntryStatus.Ignored)
        {
            Account = entry.Account,
            BookingDate = entry.BookingDate,
            Amount = entry.Amount,
            Currency = entry.Currency,
            CounterpartyName = entry.CounterpartyName,
            Text = entry.Text,
            Reason = outcome.Explanation,
            Candidates = [.. outcome.Candidates.Select(c => new StoredCandidate([.. c.Items.Select(i => i.InvoiceId)], c.Open.Ore, Strength(c.Strength), c.WhyNotCertain))],
            UpdatedAt = now,
            // Ignored entries (counted elsewhere) announce nothing.
            Published = outcome.Status == EntryStatus.Ignored,
        };

    /// <summary>The outcome of an entry whose match a person rejected: unmatched, left to a person, announced once.</summary>
    public static EntryOutcomeRecord RejectedOutcome(MatchDecision rejected, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var on = (rejected.RejectedAt ?? at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new EntryOutcomeRecord(rejected.Client, rejected.EntryId, Ignored: false)
        {
            Account = rejected.Account,
            BookingDate = rejected.BookingDate,
            Amount = rejected.Amount,
            Currency = rejected.Currency,
            CounterpartyName = rejected.CounterpartyName,
            Reason = $"rejected by a person on {on}; it is not matched automatically again. The engine had said: {rejected.Explanation}",
            UpdatedAt = rejected.RejectedAt ?? at,
            RejectedByPerson = true,
        };
    }

    public static string Strength(CandidateStrength strength) => strength switch
    {
        CandidateStrength.AmountOnly => "amount-only",
        CandidateStrength.CustomerOnly => "customer-only",
        CandidateStrength.Ambiguous => "ambiguous",
        CandidateStrength.NamedButDiffers => "named-but-differs",
        _ => throw new ArgumentOutOfRangeException(nameof(strength)),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of client {ClientId}: no open items yet; nothing to match")]
    private static partial void LogNoOpenItems(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of client {ClientId} is running elsewhere; this request waits")]
    private static partial void LogBusy(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of client {ClientId}: {Looked} entries looked at, {NewMatches} matched, {Unmatched} unmatched, {Ignored} ignored; {ItemsUpdated} items updated, {Events} events")]
    private static partial void LogRun(ILogger logger, string clientId, int looked, int newMatches, int unmatched, int ignored, int itemsUpdated, int events);
}
