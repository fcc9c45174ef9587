namespace Bankflow.Functions.Infrastructure;

/// <summary>Every container, table and queue Bankflow uses; LocalHost creates them, infra/bicep declares them.</summary>
public static class StorageNames
{
    /// <summary>Where bank files arrive: <c>inbox/{clientId}/{channel}/{name}</c>.</summary>
    public const string InboxContainer = "inbox";

    /// <summary>Immutable raw copies: <c>archive/{clientId}/{yyyy}/{MM}/{sha256}</c>.</summary>
    public const string ArchiveContainer = "archive";

    /// <summary>Files that failed: <c>quarantine/{clientId}/{sha256}</c> plus <c>….reason.json</c>.</summary>
    public const string QuarantineContainer = "quarantine";

    /// <summary>Payment files for the banks: <c>outbox/{clientId}/{bank}/{batchId}.xml</c>.</summary>
    public const string OutboxContainer = "outbox";

    public const string FileImportsTable = "FileImports";
    public const string NotificationsTable = "Notifications";
    public const string BankEntriesTable = "BankEntries";
    public const string ShipmentsTable = "Shipments";
    public const string StatementsTable = "Statements";
    public const string StatementBalancesTable = "StatementBalances";

    // Remittance: bank agreements per bank account (and their ledger-account index rows), payment batch headers, their
    // payments, and the end-to-end-id index that keeps an end-to-end id in one batch (PartitionKey client id).
    public const string AgreementsTable = "Agreements";
    public const string PaymentBatchesTable = "PaymentBatches";
    public const string PaymentsTable = "Payments";
    public const string PaymentEndToEndIdsTable = "PaymentEndToEndIds";

    // Sbanken (issue 7): onboarding states and pending selections, agreements (one entity per client), days read.
    public const string SbankenOnboardingTable = "SbankenOnboarding";
    public const string SbankenAgreementsTable = "SbankenAgreements";
    public const string SbankenDaysReadTable = "SbankenDaysRead";

    /// <summary>Idempotency-Key records: PartitionKey client id, RowKey SHA-256 of the key (Functions/Idempotency).</summary>
    public const string IdempotencyKeysTable = "IdempotencyKeys";
    /// <summary>DNB orders (issue 13): PartitionKey client id, RowKey the order id; status and the callback's claim.</summary>
    public const string DnbOrdersTable = "DnbOrders";
    // Reconciliation (issue 12), every PartitionKey the client id: open items (RowKey the invoice id, key-safe), one
    // decision per bank entry (RowKey the match id), the entries left unmatched or ignored with the reason, and one
    // row per client that serialises its reconciliation runs.
    public const string OpenItemsTable = "OpenItems";
    public const string MatchesTable = "Matches";
    public const string ReconciliationOutcomesTable = "ReconciliationOutcomes";
    public const string ReconciliationRunsTable = "ReconciliationRuns";

    // Collection (issue 14), PartitionKey the client id: registration, agency integrations and dunning dates; cases (RowKey
    // the invoice id); settlements (RowKey the agency's settlement id: booked once); case updates for the agency. The
    // client-key index (PartitionKey the agency id, RowKey the client key) and the agency signatures seen (replay guard).
    public const string CollectionClientsTable = "CollectionClients";
    public const string CollectionCasesTable = "CollectionCases";
    public const string CollectionSettlementsTable = "CollectionSettlements";
    public const string CollectionUpdatesTable = "CollectionUpdates";
    public const string CollectionClientKeysTable = "CollectionClientKeys";
    public const string AgencySignaturesTable = "AgencySignatures";

    /// <summary>One message per client to reconcile (<c>{"clientId": …}</c>): after an import, an open-items upload or a rejected match.</summary>
    public const string ReconcileRequestsQueue = "reconcile-requests";

    /// <summary>One message per account to fetch from Sbanken (morning fan-out and onboarding backfills).</summary>
    public const string SbankenFetchQueue = "sbanken-fetch";

    /// <summary>The host's poison queue for blob triggers that failed five times.</summary>
    public const string BlobPoisonQueue = "webjobs-blobtrigger-poison";

    /// <summary>
    /// Service Bus topic for bank events (FileImported, FileQuarantined). With the StorageQueue events transport
    /// (local runs) the same name is the Storage queue the events go to.
    /// </summary>
    public const string BankEventsTopic = "bank-events";

    public static readonly string[] Containers = [InboxContainer, ArchiveContainer, QuarantineContainer, OutboxContainer];

    public static readonly string[] Tables = [FileImportsTable, NotificationsTable, BankEntriesTable, ShipmentsTable, StatementsTable, StatementBalancesTable,
        AgreementsTable, PaymentBatchesTable, PaymentsTable, PaymentEndToEndIdsTable, SbankenOnboardingTable, SbankenAgreementsTable, SbankenDaysReadTable,
        IdempotencyKeysTable, DnbOrdersTable,
        OpenItemsTable, MatchesTable, ReconciliationOutcomesTable, ReconciliationRunsTable,
        CollectionClientsTable, CollectionCasesTable, CollectionSettlementsTable, CollectionUpdatesTable, CollectionClientKeysTable, AgencySignaturesTable];

    /// <summary>Queues the app writes to itself (outside output bindings); local runs create them.</summary>
    public static readonly string[] Queues = [SbankenFetchQueue, BankEventsTopic, ReconcileRequestsQueue];
}
