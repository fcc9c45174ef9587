using System.Text.Json;
using Bankflow.Domain.Collection;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Values;
using Bankflow.Functions.Events;
using Bankflow.Functions.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Collection;

/// <summary>The accountant's settings for an integration; null fields of a change leave the setting as it is.</summary>
public sealed record IntegrationSettings(CollectionMode? Mode, bool? MayCreateCases, bool? OwnReminders, ReminderProfile? ReminderProfile, bool ClearReminderProfile,
    bool? OwnCollectionNotice, int? ExistingOpenCases);

/// <summary>The accountant's side of collection: registration, integrations and their rules, dunning dates, cases.</summary>
public sealed partial class CollectionService(CollectionStore store, OpenItemStore items, CaseBalanceWatch watch, IEventPublisher events, TimeProvider time,
    ILogger<CollectionService> logger)
{
    public async Task<RegistrationDocument> RegisterAsync(ClientId client, CollectionRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var document = RegistrationDocument.From(registration, time.GetUtcNow());
        await store.SaveRegistrationAsync(client, CollectionStore.Serialize(document), document.RegisteredAt, cancellationToken).ConfigureAwait(false);
        LogRegistered(logger, client.Value);
        return document;
    }

    public async Task<RegistrationDocument?> GetRegistrationAsync(ClientId client, CancellationToken cancellationToken) =>
        await store.GetRegistrationJsonAsync(client, cancellationToken).ConfigureAwait(false) is { } json
            ? JsonSerializer.Deserialize<RegistrationDocument>(json, JsonSerializerOptions.Web)
            : null;

    public async Task<CollectionOutcome<AgencyIntegration>> CreateIntegrationAsync(ClientId client, string agencyId, IntegrationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var integration = Apply(new AgencyIntegration(agencyId, Guid.NewGuid(), CollectionMode.Manual, false, false), settings);
        var all = await store.ListIntegrationsAsync(client, cancellationToken).ConfigureAwait(false);
        if (all.Any(i => i.AgencyId == agencyId))
        {
            return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Conflict, $"the client already has an integration with agency {agencyId}; change it with PATCH");
        }
        if (IntegrationRules.SwitchConflict(integration, all) is { } conflict)
        {
            return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Conflict, conflict, "mayCreateCases");
        }
        return await store.TryAddIntegrationAsync(client, integration, cancellationToken).ConfigureAwait(false)
            ? CollectionOutcome<AgencyIntegration>.Created(integration)
            : CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Conflict, $"the client already has an integration with agency {agencyId}; change it with PATCH");
    }

    public Task<CollectionOutcome<AgencyIntegration>> ChangeIntegrationAsync(ClientId client, string agencyId, IntegrationSettings settings, CancellationToken cancellationToken) =>
        UpdateIntegrationAsync(client, agencyId, (current, all) =>
        {
            var changed = Apply(current, settings);
            return IntegrationRules.SwitchConflict(changed, all) is { } conflict ? (null, conflict) : (changed, null);
        }, cancellationToken);

    public async Task<CollectionOutcome<AgencyIntegration>> ActivateAsync(ClientId client, string agencyId, CancellationToken cancellationToken)
    {
        if (await store.GetRegistrationJsonAsync(client, cancellationToken).ConfigureAwait(false) is null)
        {
            return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Precondition, "register the client for collection first (PUT …/collection/registration)");
        }
        return await UpdateIntegrationAsync(client, agencyId, (current, _) =>
            IntegrationRules.ActivationRefusal(current) is { } refusal ? (null, refusal) : (current with { Active = true }, null), cancellationToken).ConfigureAwait(false);
    }

    public async Task<CollectionOutcome<AgencyIntegration>> DeactivateAsync(ClientId client, string agencyId, CancellationToken cancellationToken)
    {
        var cases = (await store.ListCasesAsync(client, null, cancellationToken).ConfigureAwait(false)).Select(c => c.Case).ToList();
        return await UpdateIntegrationAsync(client, agencyId, (current, _) =>
            IntegrationRules.EndRefusal(agencyId, cases) is { } refusal ? (null, refusal) : (current with { Active = false, MayCreateCases = false }, null), cancellationToken).ConfigureAwait(false);
    }

    public async Task<CollectionOutcome<AgencyIntegration>> DeleteIntegrationAsync(ClientId client, string agencyId, CancellationToken cancellationToken)
    {
        var stored = await store.GetIntegrationAsync(client, agencyId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.NotFound, $"the client has no integration with agency {agencyId}");
        }
        var cases = (await store.ListCasesAsync(client, null, cancellationToken).ConfigureAwait(false)).Select(c => c.Case);
        if (IntegrationRules.EndRefusal(agencyId, cases) is { } refusal)
        {
            return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Conflict, refusal);
        }
        return await store.TryDeleteIntegrationAsync(client, stored, cancellationToken).ConfigureAwait(false)
            ? CollectionOutcome<AgencyIntegration>.Ok(stored.Integration)
            : CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Conflict, "the integration changed meanwhile; read it and try again");
    }

    private async Task<CollectionOutcome<AgencyIntegration>> UpdateIntegrationAsync(ClientId client, string agencyId,
        Func<AgencyIntegration, IReadOnlyList<AgencyIntegration>, (AgencyIntegration? Changed, string? Refusal)> change, CancellationToken cancellationToken)
    {
        // Two tries: a concurrent change of the same integration makes the conditional write fail once; the rule is judged again.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var stored = await store.GetIntegrationAsync(client, agencyId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.NotFound, $"the client has no integration with agency {agencyId}");
            }
            var all = await store.ListIntegrationsAsync(client, cancellationToken).ConfigureAwait(false);
            var (changed, refusal) = change(stored.Integration, all);
            if (refusal is not null)
            {
                return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Conflict, refusal);
            }
            if (await store.TryUpdateIntegrationAsync(client, stored, changed!, cancellationToken).ConfigureAwait(false))
            {
                return CollectionOutcome<AgencyIntegration>.Ok(changed!);
            }
        }
        return CollectionOutcome<AgencyIntegration>.Fail(OutcomeKind.Conflict, "the integration changed meanwhile; read it and try again");
    }

    private static AgencyIntegration Apply(AgencyIntegration i, IntegrationSettings s) => i with
    {
        Mode = s.Mode ?? i.Mode,
        MayCreateCases = s.MayCreateCases ?? i.MayCreateCases,
        OwnReminders = s.OwnReminders ?? i.OwnReminders,
        ReminderProfile = s.ClearReminderProfile ? null : s.ReminderProfile ?? i.ReminderProfile,
        OwnCollectionNotice = s.OwnCollectionNotice ?? i.OwnCollectionNotice,
        ExistingOpenCases = s.ExistingOpenCases ?? i.ExistingOpenCases,
    };

    public async Task<CollectionOutcome<DunningDates>> SaveDunningAsync(ClientId client, string invoiceId, DunningDates dates, CancellationToken cancellationToken)
    {
        if (await items.GetAsync(client, invoiceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return CollectionOutcome<DunningDates>.Fail(OutcomeKind.NotFound, "no open item with that invoice id for this client");
        }
        await store.SaveDunningAsync(client, invoiceId, dates, cancellationToken).ConfigureAwait(false);
        return CollectionOutcome<DunningDates>.Ok(dates);
    }

    /// <summary>
    /// The daily step for one client on an Oslo business date: overdue open items → drafts (the draft rule, with the
    /// integration that may create new cases); in Automatic mode each new draft approved at once. Idempotent: an invoice is a
    /// case once (conditional insert), so a second run the same day drafts nothing new. First the cases already there are
    /// caught up (<see cref="CaseBalanceWatch"/>): credit notes and direct payments queued for the agency, drafts with
    /// nothing left to collect withdrawn.
    /// </summary>
    public async Task<(int Drafted, int Approved)> RunDailyAsync(ClientId client, DateOnly today, CancellationToken cancellationToken)
    {
        await watch.CatchUpAsync(client, cancellationToken).ConfigureAwait(false);
        var integration = (await store.ListIntegrationsAsync(client, cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.Active && i.MayCreateCases);
        if (integration is null)
        {
            return (0, 0);
        }
        var cases = (await store.ListCasesAsync(client, null, cancellationToken).ConfigureAwait(false)).Select(c => c.Case.InvoiceId).ToHashSet(StringComparer.Ordinal);
        var dunning = await store.ListDunningAsync(client, cancellationToken).ConfigureAwait(false);
        var (drafted, approved) = (0, 0);
        foreach (var stored in await items.ListAllAsync(client, cancellationToken).ConfigureAwait(false))
        {
            var item = stored.Item;
            var dates = dunning.TryGetValue(item.InvoiceId, out var d) ? d : new DunningDates([], null);
            var candidate = new DraftCandidate(item.InvoiceId, item.DueDate, stored.Remaining, dates.ReminderDates, dates.CollectionNoticeDate);
            if (DraftRule.Decide(candidate, integration, today, cases.Contains(item.InvoiceId)).Verdict != DraftVerdict.Draft)
            {
                continue;
            }
            var c = new CollectionCase(item.InvoiceId, CaseStatus.Draft, today) { Amount = stored.Remaining };
            if (integration.Mode == CollectionMode.Automatic)
            {
                c = CaseLifecycle.Approve(c, today).Case!;
            }
            if (await store.TryAddCaseAsync(client, c, cancellationToken).ConfigureAwait(false))
            {
                drafted++;
                approved += c.Status == CaseStatus.Approved ? 1 : 0;
            }
        }
        LogDaily(logger, client.Value, today, drafted, approved);
        return (drafted, approved);
    }

    public async Task<CollectionOutcome<CollectionCase>> ApproveAsync(ClientId client, string invoiceId, CancellationToken cancellationToken)
    {
        var today = OsloBusinessDay();
        return await ChangeCaseAsync(client, invoiceId, c => CaseLifecycle.Approve(c, today), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the invoice off: the case closes as written off, the agency gets a case update when it holds it, and a posting is proposed.</summary>
    public async Task<CollectionOutcome<(CollectionCase Case, PostingProposal Proposal)>> WriteOffAsync(ClientId client, string invoiceId, DateOnly? date, CancellationToken cancellationToken)
    {
        var registration = await GetRegistrationAsync(client, cancellationToken).ConfigureAwait(false);
        var item = await items.GetAsync(client, invoiceId, cancellationToken).ConfigureAwait(false);
        if (registration is null || item is null)
        {
            return new(registration is null ? OutcomeKind.Precondition : OutcomeKind.NotFound, default,
                registration is null ? "register the client for collection first" : "no open item with that invoice id for this client");
        }
        var on = date ?? OsloBusinessDay();
        // What the agency has not heard of yet goes first, so the write-off's amount is the balance it holds.
        await watch.CatchUpCaseAsync(client, item, cancellationToken).ConfigureAwait(false);
        var changed = await ChangeCaseAsync(client, invoiceId, c => CaseLifecycle.WriteOff(c, on), cancellationToken).ConfigureAwait(false);
        if (changed.Kind != OutcomeKind.Ok)
        {
            return new(changed.Kind, default, changed.Reason);
        }
        var c = changed.Value!;
        if (c.AgencyId is { } agency)
        {
            await store.AddUpdateAsync(client, agency, new CaseUpdate("write-off-" + OpenItemStore.RowKey(invoiceId), invoiceId, CaseUpdateKind.WriteOff, item.Remaining, on, c.CaseNumber),
                cancellationToken).ConfigureAwait(false);
        }
        var proposal = SettlementPosting.WriteOff(invoiceId, item.Item.CustomerId, item.Item.CustomerName, item.Remaining, on, registration.PostingAccounts());
        return CollectionOutcome<(CollectionCase, PostingProposal)>.Ok((c, proposal));
    }

    internal async Task<CollectionOutcome<CollectionCase>> ChangeCaseAsync(ClientId client, string invoiceId, Func<CollectionCase, CaseStep> step, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await store.GetCaseAsync(client, invoiceId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return CollectionOutcome<CollectionCase>.Fail(OutcomeKind.NotFound, "no collection case for that invoice id");
            }
            var next = step(stored.Case);
            if (next.Refused)
            {
                return CollectionOutcome<CollectionCase>.Fail(OutcomeKind.Conflict, next.Refusal!);
            }
            if (next.Case == stored.Case || await store.TryUpdateCaseAsync(client, stored, next.Case!, cancellationToken).ConfigureAwait(false))
            {
                if (next.Case != stored.Case)
                {
                    await PublishChangeAsync(client, next.Case!, cancellationToken).ConfigureAwait(false);
                }
                return CollectionOutcome<CollectionCase>.Ok(next.Case!);
            }
        }
        return CollectionOutcome<CollectionCase>.Fail(OutcomeKind.Conflict, "the case changed meanwhile; try again");
    }

    internal Task PublishChangeAsync(ClientId client, CollectionCase c, CancellationToken cancellationToken) =>
        events.PublishAsync(CollectionCaseChangedEvent.For(client, c, time.GetUtcNow()), cancellationToken);

    internal DateOnly OsloBusinessDay() => Bankflow.Domain.Sbanken.OsloBusinessDate.Today(time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} registered for collection")]
    private static partial void LogRegistered(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collection daily step for client {ClientId} on {Date}: {Drafted} drafted, {Approved} approved")]
    private static partial void LogDaily(ILogger logger, string clientId, DateOnly date, int drafted, int approved);
}
