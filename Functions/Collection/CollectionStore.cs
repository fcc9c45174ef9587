using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Reconciliation;

namespace Bankflow.Functions.Collection;

/// <summary>A case as stored, with the ETag its next change is conditional on.</summary>
public sealed record StoredCase(CollectionCase Case, ETag ETag);

/// <summary>An integration as stored, with its ETag.</summary>
public sealed record StoredIntegration(AgencyIntegration Integration, ETag ETag);

/// <summary>The client's own reminder and notice dates for one invoice (inkassoloven § 9 needs the notice date).</summary>
public sealed record DunningDates(IReadOnlyList<DateOnly> ReminderDates, DateOnly? CollectionNoticeDate);

/// <summary>
/// The collection tables, every PartitionKey the client id except the client-key index:
/// <c>CollectionClients</c> (RowKey <c>registration</c>, <c>agency:{agencyId}</c>, <c>dunning:{invoiceId}</c>),
/// <c>CollectionCases</c> (RowKey the invoice id, key-safe), <c>CollectionSettlements</c> (RowKey the agency's settlement id:
/// its conditional insert books a settlement once), <c>CollectionUpdates</c> (case updates for the agency, RowKey
/// time-ordered), <c>CollectionClientKeys</c> (PartitionKey the agency id, RowKey the client key: which client a key is).
/// </summary>
public sealed class CollectionStore(BankflowStorage storage)
{
    private const string RegistrationKey = "registration";

    private TableClient Clients => storage.Table(StorageNames.CollectionClientsTable);
    private TableClient Cases => storage.Table(StorageNames.CollectionCasesTable);
    private TableClient Settlements => storage.Table(StorageNames.CollectionSettlementsTable);
    private TableClient Updates => storage.Table(StorageNames.CollectionUpdatesTable);
    private TableClient ClientKeys => storage.Table(StorageNames.CollectionClientKeysTable);

    private static string AgencyKey(string agencyId) => "agency:" + agencyId;

    // ----- registration

    public Task SaveRegistrationAsync(ClientId client, string json, DateTimeOffset now, CancellationToken cancellationToken) =>
        Clients.UpsertEntityAsync(new TableEntity(client.Value, RegistrationKey) { ["Json"] = json, ["UpdatedAt"] = now }, TableUpdateMode.Replace, cancellationToken);

    public async Task<string?> GetRegistrationJsonAsync(ClientId client, CancellationToken cancellationToken)
    {
        var row = await Clients.GetEntityIfExistsAsync<TableEntity>(client.Value, RegistrationKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetString("Json") : null;
    }

    // ----- integrations

    /// <summary>Adds the integration and its client-key row; false when the client already has one with that agency.</summary>
    public async Task<bool> TryAddIntegrationAsync(ClientId client, AgencyIntegration integration, CancellationToken cancellationToken)
    {
        try
        {
            await Clients.AddEntityAsync(ToEntity(client, integration), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
        // The key is a fresh GUID: this insert cannot collide; an upsert keeps a retry after a lost answer harmless.
        await ClientKeys.UpsertEntityAsync(new TableEntity(integration.AgencyId, integration.ClientKey.ToString("D")) { ["ClientId"] = client.Value },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes a changed integration if nobody changed it since it was read; false otherwise.</summary>
    public async Task<bool> TryUpdateIntegrationAsync(ClientId client, StoredIntegration stored, AgencyIntegration changed, CancellationToken cancellationToken)
    {
        try
        {
            await Clients.UpdateEntityAsync(ToEntity(client, changed), stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<bool> TryDeleteIntegrationAsync(ClientId client, StoredIntegration stored, CancellationToken cancellationToken)
    {
        try
        {
            await Clients.DeleteEntityAsync(client.Value, AgencyKey(stored.Integration.AgencyId), stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
        await ClientKeys.DeleteEntityAsync(stored.Integration.AgencyId, stored.Integration.ClientKey.ToString("D"), ETag.All, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<StoredIntegration?> GetIntegrationAsync(ClientId client, string agencyId, CancellationToken cancellationToken)
    {
        var row = await Clients.GetEntityIfExistsAsync<TableEntity>(client.Value, AgencyKey(agencyId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new StoredIntegration(FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<AgencyIntegration>> ListIntegrationsAsync(ClientId client, CancellationToken cancellationToken)
    {
        var list = new List<AgencyIntegration>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and RowKey ge {"agency:"} and RowKey lt {"agency;"}");
        await foreach (var row in Clients.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(row));
        }
        return list;
    }

    /// <summary>Every client with at least one active integration (the daily step's work list).</summary>
    public async Task<IReadOnlyList<ClientId>> ListActiveClientsAsync(CancellationToken cancellationToken)
    {
        var clients = new SortedSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"agency:"} and RowKey lt {"agency;"} and Active eq {true}");
        await foreach (var row in Clients.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            clients.Add(row.PartitionKey);
        }
        return [.. clients.Select(c => ClientId.Parse(c))];
    }

    /// <summary>The client an agency's client key belongs to, or null.</summary>
    public async Task<ClientId?> ClientOfKeyAsync(string agencyId, Guid clientKey, CancellationToken cancellationToken)
    {
        var row = await ClientKeys.GetEntityIfExistsAsync<TableEntity>(agencyId, clientKey.ToString("D"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && ClientId.TryParse(row.Value!.GetString("ClientId"), out var client, out _) ? client : null;
    }

    private static TableEntity ToEntity(ClientId client, AgencyIntegration i) => new(client.Value, AgencyKey(i.AgencyId))
    {
        ["AgencyId"] = i.AgencyId,
        ["ClientKey"] = i.ClientKey.ToString("D"),
        ["Mode"] = i.Mode.ToString(),
        ["MayCreateCases"] = i.MayCreateCases,
        ["Active"] = i.Active,
        ["OwnReminders"] = i.OwnReminders,
        ["Reminders"] = i.ReminderProfile?.Reminders ?? 0,
        ["PeriodDays"] = i.ReminderProfile?.PeriodDays ?? 0,
        ["OwnCollectionNotice"] = i.OwnCollectionNotice,
        ["ExistingOpenCases"] = i.ExistingOpenCases,
    };

    private static AgencyIntegration FromEntity(TableEntity row)
    {
        var reminders = row.GetInt32("Reminders") ?? 0;
        return new AgencyIntegration(row.GetString("AgencyId") ?? row.RowKey["agency:".Length..], Guid.Parse(row.GetString("ClientKey") ?? Guid.Empty.ToString()),
            Enum.TryParse<CollectionMode>(row.GetString("Mode"), out var mode) ? mode : CollectionMode.Manual, row.GetBoolean("MayCreateCases") ?? false, row.GetBoolean("Active") ?? false)
        {
            OwnReminders = row.GetBoolean("OwnReminders") ?? false,
            ReminderProfile = reminders > 0 ? new ReminderProfile(reminders, row.GetInt32("PeriodDays") ?? 0) : null,
            OwnCollectionNotice = row.GetBoolean("OwnCollectionNotice") ?? false,
            ExistingOpenCases = row.GetInt32("ExistingOpenCases") ?? 0,
        };
    }

    // ----- dunning dates

    public Task SaveDunningAsync(ClientId client, string invoiceId, DunningDates dates, CancellationToken cancellationToken) =>
        Clients.UpsertEntityAsync(new TableEntity(client.Value, "dunning:" + OpenItemStore.RowKey(invoiceId))
        {
            ["InvoiceId"] = invoiceId,
            ["ReminderDates"] = string.Join(",", dates.ReminderDates.Select(Day)),
            ["CollectionNoticeDate"] = dates.CollectionNoticeDate is { } d ? Day(d) : "",
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyDictionary<string, DunningDates>> ListDunningAsync(ClientId client, CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, DunningDates>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and RowKey ge {"dunning:"} and RowKey lt {"dunning;"}");
        await foreach (var row in Clients.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var reminders = (row.GetString("ReminderDates") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseDay).ToList();
            var notice = row.GetString("CollectionNoticeDate") is { Length: > 0 } n ? ParseDay(n) : (DateOnly?)null;
            map[row.GetString("InvoiceId") ?? ""] = new DunningDates(reminders, notice);
        }
        return map;
    }

    // ----- cases

    public async Task<bool> TryAddCaseAsync(ClientId client, CollectionCase c, CancellationToken cancellationToken)
    {
        try
        {
            await Cases.AddEntityAsync(ToEntity(client, c), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false; // a case for the invoice exists: each invoice is handed over once
        }
    }

    public async Task<bool> TryUpdateCaseAsync(ClientId client, StoredCase stored, CollectionCase changed, CancellationToken cancellationToken)
    {
        try
        {
            await Cases.UpdateEntityAsync(ToEntity(client, changed), stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<StoredCase?> GetCaseAsync(ClientId client, string invoiceId, CancellationToken cancellationToken)
    {
        var row = await Cases.GetEntityIfExistsAsync<TableEntity>(client.Value, OpenItemStore.RowKey(invoiceId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? new StoredCase(FromCase(row.Value!), row.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<StoredCase>> ListCasesAsync(ClientId client, CaseStatus? status, CancellationToken cancellationToken)
    {
        var list = new List<StoredCase>();
        await foreach (var row in Cases.QueryAsync<TableEntity>(CaseFilter(client, status), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new StoredCase(FromCase(row), row.ETag));
        }
        return list;
    }

    public Task<TablePage<CollectionCase>> ListCasePageAsync(ClientId client, CaseStatus? status, string? token, int size, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(Cases, CaseFilter(client, status), token, size, FromCase, cancellationToken);

    private static string CaseFilter(ClientId client, CaseStatus? status) => status is { } s
        ? TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and Status eq {s.WireName()}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");

    private static TableEntity ToEntity(ClientId client, CollectionCase c) => new(client.Value, OpenItemStore.RowKey(c.InvoiceId))
    {
        ["InvoiceId"] = c.InvoiceId,
        ["Status"] = c.Status.WireName(),
        ["DraftedOn"] = Day(c.DraftedOn),
        ["ApprovedOn"] = c.ApprovedOn is { } a ? Day(a) : "",
        ["AgencyId"] = c.AgencyId ?? "",
        ["CaseNumber"] = c.CaseNumber ?? "",
        ["StatusDate"] = c.StatusDate is { } d ? Day(d) : "",
        ["StatusText"] = c.StatusText ?? "",
        ["AmountOre"] = c.Amount.Ore,
        ["ForwardedInvoiceOre"] = c.Forwarded?.InvoiceAmount.Ore,
        ["ForwardedSettledOre"] = c.Forwarded?.Settled.Ore,
        ["ForwardedUpdates"] = c.Forwarded?.UpdateCount,
    };

    private static CollectionCase FromCase(TableEntity row) =>
        new(row.GetString("InvoiceId") ?? row.RowKey, CaseStatusNames.TryParse(row.GetString("Status"), out var s) ? s : CaseStatus.Draft, ParseDay(row.GetString("DraftedOn")))
        {
            ApprovedOn = OptionalDay(row.GetString("ApprovedOn")),
            AgencyId = Optional(row.GetString("AgencyId")),
            CaseNumber = Optional(row.GetString("CaseNumber")),
            StatusDate = OptionalDay(row.GetString("StatusDate")),
            StatusText = Optional(row.GetString("StatusText")),
            Amount = new Money(row.GetInt64("AmountOre") ?? 0),
            Forwarded = row.GetInt64("ForwardedInvoiceOre") is { } invoice
                ? new ForwardedBalance(new Money(invoice), new Money(row.GetInt64("ForwardedSettledOre") ?? 0), row.GetInt32("ForwardedUpdates") ?? 0)
                : null,
        };

    // ----- settlements

    /// <summary>Records a settlement id; false when it was recorded before (then the stored invoice id is returned).</summary>
    public async Task<(bool Added, string? InvoiceId, string? ProposalJson)> TryAddSettlementAsync(ClientId client, string settlementId, string invoiceId, string agencyId,
        string proposalJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = BankEntryStore.KeySafe(settlementId);
        try
        {
            await Settlements.AddEntityAsync(new TableEntity(client.Value, key)
            {
                ["SettlementId"] = settlementId,
                ["InvoiceId"] = invoiceId,
                ["AgencyId"] = agencyId,
                ["PostingProposal"] = proposalJson,
                ["ReceivedAt"] = now,
            }, cancellationToken).ConfigureAwait(false);
            return (true, invoiceId, proposalJson);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var row = (await Settlements.GetEntityAsync<TableEntity>(client.Value, key, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return (false, row.GetString("InvoiceId"), row.GetString("PostingProposal"));
        }
    }

    public Task DeleteSettlementAsync(ClientId client, string settlementId, CancellationToken cancellationToken) =>
        Settlements.DeleteEntityAsync(client.Value, BankEntryStore.KeySafe(settlementId), ETag.All, cancellationToken);

    public async Task<IReadOnlyList<TableEntity>> ListSettlementsAsync(ClientId client, CancellationToken cancellationToken)
    {
        var list = new List<TableEntity>();
        await foreach (var row in Settlements.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(row);
        }
        return list;
    }

    // ----- case updates for the agency

    /// <summary>
    /// Queues an update insert-only and answers the update as stored: when its id is there already (a retry, or a racing
    /// detection) the earlier row stands — pulled or not — so an update is handed out once, with the figures first stored.
    /// </summary>
    public async Task<CaseUpdate> AddUpdateAsync(ClientId client, string agencyId, CaseUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(update);
        var entity = new TableEntity(client.Value, BankEntryStore.KeySafe(update.UpdateId))
        {
            ["UpdateId"] = update.UpdateId,
            ["AgencyId"] = agencyId,
            ["InvoiceId"] = update.InvoiceId,
            ["Kind"] = update.Kind.ToString(),
            ["AmountOre"] = update.Amount.Ore,
            ["Date"] = Day(update.Date),
            ["CaseNumber"] = update.CaseNumber ?? "",
            ["Pulled"] = false,
        };
        try
        {
            await Updates.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return update;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = await Updates.GetEntityAsync<TableEntity>(client.Value, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToUpdate(stored.Value);
        }
    }

    /// <summary>The agency's updates not yet pulled, each marked pulled (conditionally: a racing pull takes each once).</summary>
    public async Task<IReadOnlyList<CaseUpdate>> PullUpdatesAsync(ClientId client, string agencyId, CancellationToken cancellationToken)
    {
        var pulled = new List<CaseUpdate>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and AgencyId eq {agencyId} and Pulled eq {false}");
        await foreach (var row in Updates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            row["Pulled"] = true;
            try
            {
                await Updates.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                continue;
            }
            pulled.Add(ToUpdate(row));
        }
        return [.. pulled.OrderBy(u => u.UpdateId, StringComparer.Ordinal)];
    }

    /// <summary>Every update queued for the client's invoice, pulled or not, in id order (the accountant's view of a case).</summary>
    public async Task<IReadOnlyList<(CaseUpdate Update, bool Pulled)>> ListUpdatesAsync(ClientId client, string invoiceId, CancellationToken cancellationToken)
    {
        var list = new List<(CaseUpdate, bool)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and InvoiceId eq {invoiceId}");
        await foreach (var row in Updates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add((ToUpdate(row), row.GetBoolean("Pulled") ?? false));
        }
        return [.. list.OrderBy(u => u.Item1.UpdateId, StringComparer.Ordinal)];
    }

    private static CaseUpdate ToUpdate(TableEntity row) =>
        new(row.GetString("UpdateId") ?? row.RowKey, row.GetString("InvoiceId") ?? "",
            Enum.TryParse<CaseUpdateKind>(row.GetString("Kind"), out var kind) ? kind : CaseUpdateKind.WriteOff, new Money(row.GetInt64("AmountOre") ?? 0),
            ParseDay(row.GetString("Date")), Optional(row.GetString("CaseNumber")));

    private static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string? text) => DateOnly.ParseExact(text ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? OptionalDay(string? text) => string.IsNullOrEmpty(text) ? null : ParseDay(text);

    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
