using Bankflow.Functions.Endpoints.AgencyCaseFetches;
using Bankflow.Functions.Endpoints.AgencyCases;
using Bankflow.Functions.Endpoints.AgencyCaseUpdates;
using Bankflow.Functions.Endpoints.AgencySettlements;
using Bankflow.Functions.Endpoints.Agreements;
using Bankflow.Functions.Endpoints.CollectionAgencies;
using Bankflow.Functions.Endpoints.CollectionCases;
using Bankflow.Functions.Endpoints.CollectionDailyRun;
using Bankflow.Functions.Endpoints.CollectionDunning;
using Bankflow.Functions.Endpoints.CollectionRegistration;
using Bankflow.Functions.Endpoints.DnbCallback;
using Bankflow.Functions.Endpoints.DnbOrders;
using Bankflow.Functions.Endpoints.Health;
using Bankflow.Functions.Endpoints.Notifications;
using Bankflow.Functions.Endpoints.ReconciliationMatches;
using Bankflow.Functions.Endpoints.ReconciliationOpenItems;
using Bankflow.Functions.Endpoints.ReconciliationPostingProposals;
using Bankflow.Functions.Endpoints.ReconciliationSummary;
using Bankflow.Functions.Endpoints.ReconciliationUnmatched;
using Bankflow.Functions.Endpoints.PaymentBatches;
using Bankflow.Functions.Endpoints.SbankenAccounts;
using Bankflow.Functions.Endpoints.SbankenCallback;
using Bankflow.Functions.Endpoints.SbankenComplete;
using Bankflow.Functions.Endpoints.SbankenStart;
using Bankflow.Functions.Endpoints.UploadBankFile;

namespace Bankflow.Functions.Endpoints.OpenApi;

/// <summary>A query parameter of an operation.</summary>
internal sealed record QueryParameter(string Name, string Description, string? Format = null);

/// <summary>A body: its media type and, for JSON, the schema's component name.</summary>
internal sealed record Body(string MediaType, string? Schema, string Description, bool IsArray = false);

/// <summary>
/// One operation of the HTTP API: which function serves it, method and path (below <c>/api</c>), what it takes and
/// answers. Client-scoped operations need the client token; all but the anonymous ones need the function key.
/// </summary>
internal sealed record ApiOperation(string Function, string Method, string Path, string Summary, bool Anonymous = false, bool ClientScoped = true)
{
    public IReadOnlyList<QueryParameter> Query { get; init; } = [];
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>Takes an <c>Idempotency-Key</c> header (Functions/Idempotency): a retry with it gets the first answer.</summary>
    public bool Idempotent { get; init; }

    /// <summary>The <c>Idempotency-Key</c> must be sent (the signed agency API: every POST).</summary>
    public bool IdempotencyKeyRequired { get; init; }

    public Body? Request { get; init; }
    public int SuccessStatus { get; init; } = 200;
    public Body? Success { get; init; }
    public string SuccessDescription { get; init; } = "OK";
    public IReadOnlyDictionary<int, string> Errors { get; init; } = new Dictionary<int, string>();
}

/// <summary>Every operation of every HTTP function (OpenApi itself included).</summary>
internal static class ApiOperations
{
    private const string Files = "/clients/{clientId}/files";
    private const string Notes = "/clients/{clientId}/notifications";
    private const string Batches = "/clients/{clientId}/payment-batches";
    private const string Agreements = "/clients/{clientId}/agreements";
    private const string Onboarding = "/clients/{clientId}/sbanken/onboarding";
    private const string DnbOrders = "/clients/{clientId}/dnb/orders";
    private const string OpenItems = "/clients/{clientId}/open-items";
    private const string Matches = "/clients/{clientId}/matches";
    private const string Collection = "/clients/{clientId}/collection";

    /// <summary>How an agency signs (docs/collection.md): every agency call carries these.</summary>
    private static readonly string[] AgencyHeaders = ["X-Agency-Id", "X-Client-Key", "X-Timestamp", "X-Signature"];

    private static readonly (int, string)[] AgencyRefusals =
    [
        (400, "a reason per field, or no Idempotency-Key, or X-Client-Key not a GUID; nothing written"),
        (401, "unknown agency, signature missing or wrong, outside the 5-minute window, or replayed (code: replayed)"),
        (403, "the client key is not an active integration of this agency"),
        (413, "body over 64 KiB"),
    ];

    private static readonly QueryParameter[] Paging =
    [
        new("continuationToken", "from the previous page's answer; absent for the first page"),
        new("pageSize", "rows per page, 1–1000 (default 500)", "integer"),
    ];

    private static readonly QueryParameter[] Period =
    [
        new("from", "first booking date (yyyy-MM-dd), optional", "date"),
        new("to", "last booking date (yyyy-MM-dd), optional", "date"),
    ];

    private static Dictionary<int, string> Errors(params (int Status, string Reason)[] errors) => errors.ToDictionary(e => e.Status, e => e.Reason);

    public static readonly IReadOnlyList<ApiOperation> All =
    [
        new(UploadBankFileFunction.Name, "POST", Files, "Upload a bank file (the body is the file's bytes); it is imported in the background")
        {
            Idempotent = true,
            Query = [new("name", "the file's name (or header X-File-Name)")],
            Request = new Body("application/octet-stream", null, "the bank file as received from the bank"),
            SuccessStatus = 202, SuccessDescription = "accepted; follow statusUrl (200 with duplicate true when these bytes were imported before)",
            Success = new Body("application/json", "UploadAnswer", "the import id and where to follow it"),
            Errors = Errors((400, "empty body"), (413, "larger than the upload limit")),
        },
        new(UploadBankFileFunction.Name, "GET", Files, "The client's imports, newest first") { Success = new Body("application/json", "FileImport", "imports", IsArray: true) },
        new(UploadBankFileFunction.Name, "GET", Files + "/{importId}", "One import's status and reason")
        {
            Success = new Body("application/json", "FileImport", "the import"),
            Errors = Errors((400, "not an import id"), (404, "no such import for this client (yet)")),
        },
        new(UploadBankFileFunction.Name, "POST", Files + "/{importId}/retry", "Import a quarantined file again from its archived copy")
        {
            Idempotent = true,
            SuccessStatus = 202, SuccessDescription = "queued", Success = new Body("application/json", "UploadAnswer", "where to follow it"),
            Errors = Errors((400, "not an import id"), (404, "no such import"), (409, "not quarantined, or the archived copy is missing")),
        },
        new(NotificationsFunction.Name, "GET", Notes, "The client's notifications")
        {
            Query = [new("includeAcknowledged", "true to include acknowledged ones", "boolean")],
            Success = new Body("application/json", "Notification", "notifications", IsArray: true),
            Errors = Errors((400, "includeAcknowledged is not true or false")),
        },
        new(NotificationsFunction.Name, "POST", Notes + "/{notificationId}/acknowledge", "Acknowledge a notification")
        {
            Idempotent = true,
            Success = new Body("application/json", "Notification", "the acknowledged notification"),
            Errors = Errors((400, "not a notification id"), (404, "no such notification")),
        },
        new(AgreementsFunction.Name, "GET", Agreements, "The client's bank accounts' agreement settings") { Success = new Body("application/json", "Agreement", "settings", IsArray: true) },
        new(AgreementsFunction.Name, "GET", Agreements + "/{bankAccount}", "One bank account's agreement settings (ETag header)")
        {
            Success = new Body("application/json", "Agreement", "the settings"),
            Errors = Errors((400, "not a bank account number"), (404, "no settings for that account")),
        },
        new(AgreementsFunction.Name, "PUT", Agreements + "/{bankAccount}", "Save a bank account's agreement settings, checked against the bank's rules")
        {
            Headers = ["If-Match", "If-None-Match"],
            Request = new Body("application/json", "Agreement", "the settings"),
            Success = new Body("application/json", "AgreementSaved", "saved"),
            Errors = Errors(
                (400, "invalid fields, or the bank's rules refuse them (nothing saved); or If-Match is not * or one entity-tag, or If-None-Match is not *"),
                (412, "changed since the ETag sent; If-Match: * and no settings yet; or If-None-Match: * and settings exist"),
                (413, "body over 8 MiB")),
        },
        new(PaymentBatchesFunction.Name, "POST", Batches, "Create a payment batch")
        {
            Idempotent = true,
            Request = new Body("application/json", "PaymentBatchRequest", "the payments"),
            SuccessStatus = 201, SuccessDescription = "created (Location: the batch)", Success = new Body("application/json", "PaymentBatch", "the batch"),
            Errors = Errors((400, "a reason per payment; nothing saved"), (409, "the batch cannot be created as asked"), (413, "body over 8 MiB")),
        },
        new(PaymentBatchesFunction.Name, "GET", Batches, "The client's payment batches") { Success = new Body("application/json", "PaymentBatch", "summaries", IsArray: true) },
        new(PaymentBatchesFunction.Name, "GET", Batches + "/{batchId}", "One batch with its payments and their status")
        {
            Success = new Body("application/json", "PaymentBatch", "the batch"), Errors = Errors((404, "no such batch")),
        },
        new(PaymentBatchesFunction.Name, "POST", Batches + "/{batchId}/authorise", "Record the BankID authorisation of an RgB batch")
        {
            Idempotent = true,
            Request = new Body("application/json", "Authorisation", "the BankID reference and when; the authoriser is the client token's subject"),
            Success = new Body("application/json", "PaymentBatch", "the batch"),
            Errors = Errors((400, "invalid fields"), (403, "authorisedBy names someone other than the token's subject (nothing recorded)"), (404, "no such batch"), (409, "the batch's state does not allow it")),
        },
        new(PaymentBatchesFunction.Name, "POST", Batches + "/{batchId}/send", "Send the batch: pain.001 to the bank's outbox (Direct) or released for download (FileBased)")
        {
            Idempotent = true,
            Success = new Body("application/json", "PaymentBatch", "the batch"),
            Errors = Errors((404, "no such batch"), (409, "not authorised, agreement changed, or already sent elsewhere")),
        },
        new(PaymentBatchesFunction.Name, "GET", Batches + "/{batchId}/file", "Download the batch's pain.001")
        {
            Query = [new("version", "03 or 09 (pain.001.001.03 or .09); default the agreement's")],
            Success = new Body("application/xml", null, "the pain.001 file"),
            Errors = Errors((400, "version is not 03 or 09"), (404, "no such batch"), (409, "not ready for download")),
        },
        new(OpenItemsFunction.Name, "PUT", OpenItems, "Upsert open items (bulk, at most 10,000 per call); a reconciliation of the client is queued")
        {
            Request = new Body("application/json", "OpenItemsUpload", "the items; amounts are integers in øre"),
            Success = new Body("application/json", "OpenItemsUploaded", "stored"),
            Errors = Errors((400, "one error per offending row and field (items[3].amount …); nothing stored"), (413, "body over 8 MiB")),
        },
        new(OpenItemsFunction.Name, "POST", OpenItems, "Upsert open items (as PUT)")
        {
            Idempotent = true,
            Request = new Body("application/json", "OpenItemsUpload", "the items; amounts are integers in øre"),
            Success = new Body("application/json", "OpenItemsUploaded", "stored"),
            Errors = Errors((400, "one error per offending row and field (items[3].amount …); nothing stored"), (413, "body over 8 MiB")),
        },
        new(OpenItemsFunction.Name, "GET", OpenItems, "The client's open items with what is settled, paged")
        {
            Query = [new("status", "open, partial, paid or overpaid; all when absent"), .. Paging],
            Success = new Body("application/json", "OpenItemPage", "a page of items"),
            Errors = Errors((400, "status or pageSize is not valid")),
        },
        new(OpenItemsFunction.Name, "GET", OpenItems + "/{invoiceId}", "One open item")
        {
            Success = new Body("application/json", "OpenItem", "the item"), Errors = Errors((404, "no such item for this client")),
        },
        new(OpenItemsFunction.Name, "DELETE", OpenItems + "/{invoiceId}", "Remove an open item")
        {
            SuccessStatus = 204, SuccessDescription = "removed",
            Errors = Errors((404, "no such item for this client"), (409, "payments are matched to it (reject them first), or a reconciliation run is under way (Retry-After)")),
        },
        new(MatchesFunction.Name, "GET", Matches, "The engine's matches (automatic, confirmed, rejected) by booking date, paged")
        {
            Query = [.. Period, .. Paging],
            Success = new Body("application/json", "MatchPage", "a page of matches"),
            Errors = Errors((400, "from, to or pageSize is not valid")),
        },
        new(MatchesFunction.Name, "GET", Matches + "/{matchId}", "One match (ETag header)")
        {
            Success = new Body("application/json", "Match", "the match"), Errors = Errors((400, "not a match id"), (404, "no such match for this client")),
        },
        new(MatchesFunction.Name, "POST", Matches + "/{matchId}/confirm", "Confirm an automatic match: it is final")
        {
            Idempotent = true,
            Headers = ["If-Match"],
            Success = new Body("application/json", "Match", "the confirmed match"),
            Errors = Errors((400, "not a match id"), (404, "no such match for this client"), (409, "the match was rejected"), (412, "changed since the ETag sent")),
        },
        new(MatchesFunction.Name, "POST", Matches + "/{matchId}/reject", "Reject an automatic match: its entry and items are freed, the entry is left to a person")
        {
            Idempotent = true,
            Headers = ["If-Match"],
            Success = new Body("application/json", "Match", "the rejected match"),
            Errors = Errors((400, "not a match id"), (404, "no such match for this client"), (409, "the match was confirmed"), (412, "changed since the ETag sent")),
        },
        new(UnmatchedFunction.Name, "GET", "/clients/{clientId}/unmatched", "Bank entries left to a person: why, and up to three candidates; rejected matches' entries too")
        {
            Query = Paging,
            Success = new Body("application/json", "UnmatchedPage", "a page of entries"), Errors = Errors((400, "pageSize is not valid")),
        },
        new(PostingProposalsFunction.Name, "GET", "/clients/{clientId}/posting-proposals", "Balanced posting proposals of the matches that stand, by booking date, paged")
        {
            Query = [.. Period, .. Paging],
            Success = new Body("application/json", "PostingProposalPage", "a page of proposals"), Errors = Errors((400, "from, to or pageSize is not valid")),
        },
        new(ReconciliationSummaryFunction.Name, "GET", "/clients/{clientId}/reconciliation/summary", "A month per bank account: entries, automatically matched, confirmed, rejected, unmatched, automation rate")
        {
            Query = [new("month", "the month as yyyy-MM (required)")],
            Success = new Body("application/json", "ReconciliationSummary", "the month"), Errors = Errors((400, "month is missing or not yyyy-MM")),
        },
        new(SbankenStartFunction.Name, "POST", Onboarding, "Start connecting the client to Sbanken (sign-in with BankID)")
        {
            Success = new Body("application/json", "SbankenStart", "where to send the browser"), Errors = Errors((503, "Sbanken is not configured")),
        },
        new(SbankenCallbackFunction.Name, "GET", "/sbanken/callback", "Sbanken's redirect after the sign-in (the single-use state is the credential)", Anonymous: true, ClientScoped: false)
        {
            Query = [new("code", "the authorisation code"), new("state", "the state from the start")],
            Success = new Body("application/json", "SbankenCallback", "the pending onboarding"),
            Errors = Errors((400, "unknown state, no authorisation, or a code Sbanken does not accept for this sign-in (PKCE)"), (403, "state expired or already used"), (503, "Sbanken unavailable or not configured")),
        },
        new(SbankenAccountsFunction.Name, "GET", Onboarding + "/accounts", "The accounts of your pending onboarding")
        {
            Success = new Body("application/json", "SbankenAccounts", "accounts"), Errors = Errors((404, "no pending onboarding for you")),
        },
        new(SbankenCompleteFunction.Name, "POST", Onboarding + "/complete", "Complete the onboarding: save the agreement and queue the backfills")
        {
            Idempotent = true,
            Request = new Body("application/json", "SbankenCompletion", "the choices"),
            Success = new Body("application/json", "SbankenCompleted", "saved"),
            Errors = Errors((400, "a reason per field; nothing saved"), (404, "no pending onboarding"), (409, "balances differ (send again accepting them) or the agreement changed"), (503, "Sbanken unavailable")),
        },
        new(DnbOrdersFunction.Name, "POST", DnbOrders, "Order DNB services on registered DNB accounts (Koble til tjeneste); answers the link to DNB's ordering wizard")
        {
            Request = new Body("application/json", "DnbOrderRequest", "accounts (at most 6), services, fee account, and the KID setup when OCR is ordered"),
            SuccessStatus = 201, SuccessDescription = "ordered (Location: the order); send the browser to wizardUrl",
            Success = new Body("application/json", "DnbOrderStarted", "the order and the wizard link"),
            Errors = Errors((400, "a reason per field and rule; nothing saved"), (413, "body over 8 MiB"), (503, "DNB is not configured")),
        },
        new(DnbOrdersFunction.Name, "GET", DnbOrders, "The client's DNB orders, newest first") { Success = new Body("application/json", "DnbOrder", "orders", IsArray: true) },
        new(DnbOrdersFunction.Name, "GET", DnbOrders + "/{orderId}", "One DNB order: pending, registered, or failed with the reason")
        {
            Success = new Body("application/json", "DnbOrder", "the order"), Errors = Errors((404, "no such order for this client")),
        },
        new(DnbCallbackFunction.Name, "POST", "/dnb/callback", "DNB's agreement callback, signed with HMAC-SHA256 over timestamp and body (no function key or client token)", Anonymous: true, ClientScoped: false)
        {
            Headers = ["X-Bankflow-Timestamp", "X-Bankflow-Signature"],
            Request = new Body("application/json", "DnbCallback", "the registration (or failure) of an order"),
            Success = new Body("application/json", "DnbCallbackAnswer", "applied, or received before (duplicate: nothing changed)"),
            Errors = Errors((400, "not JSON, or does not fit the order (an account not in it); nothing written"), (401, "signature missing, wrong, or outside the 5-minute window"),
                (404, "unknown order"), (409, "completed by another callback"), (410, "the order expired"), (413, "body over 64 KiB"), (503, "DNB is not configured")),
        },
        new(CollectionRegistrationFunction.Name, "PUT", Collection + "/registration", "Register the client for debt collection (organisation, address, bank account, VAT, contact, posting accounts, agreement)")
        {
            Request = new Body("application/json", null, "the registration form (docs/collection.md); accounts left out take 1920, 1500, 8055, 6790, 7790, 7830"),
            Success = new Body("application/json", null, "the registration as stored"), Errors = Errors((400, "a reason per field (MOD11 organisation number and account, postcode, …); nothing stored")),
        },
        new(CollectionRegistrationFunction.Name, "GET", Collection + "/registration", "The client's collection registration")
        {
            Success = new Body("application/json", null, "the registration"), Errors = Errors((404, "not registered")),
        },
        new(CollectionAgenciesFunction.Name, "GET", Collection + "/agencies", "The client's agency integrations")
        {
            Success = new Body("application/json", null, "{items: [integration]}"), Errors = Errors((401, "no or bad client token")),
        },
        new(CollectionAgenciesFunction.Name, "GET", Collection + "/agencies/{agencyId}", "One agency integration with its client key")
        {
            Success = new Body("application/json", null, "the integration"), Errors = Errors((404, "no integration with that agency")),
        },
        new(CollectionAgenciesFunction.Name, "POST", Collection + "/agencies/{agencyId}", "Create an agency integration: a new client key, mode, may create new cases, reminder profile")
        {
            Idempotent = true,
            Request = new Body("application/json", null, "{mode, mayCreateCases, ownReminders, reminderProfile: {reminders, periodDays}, ownCollectionNotice, existingOpenCases}"),
            SuccessStatus = 201, Success = new Body("application/json", null, "the integration (inactive until activated)"),
            Errors = Errors((400, "a reason per field"), (409, "exists already, or another agency may create new cases (named)")),
        },
        new(CollectionAgenciesFunction.Name, "PATCH", Collection + "/agencies/{agencyId}", "Change an integration (mode, may create new cases, reminder profile, …)")
        {
            Request = new Body("application/json", null, "any of the settings"),
            Success = new Body("application/json", null, "the integration"),
            Errors = Errors((400, "a reason per field"), (404, "no integration with that agency"), (409, "another agency may create new cases (named): never two at once")),
        },
        new(CollectionAgenciesFunction.Name, "DELETE", Collection + "/agencies/{agencyId}", "Delete an integration whose cases are all closed")
        {
            SuccessStatus = 204, SuccessDescription = "deleted", Errors = Errors((404, "no integration with that agency"), (409, "cases of it are not closed (named)")),
        },
        new(CollectionAgenciesFunction.Name, "POST", Collection + "/agencies/{agencyId}/activate", "Activate an integration")
        {
            Idempotent = true,
            Success = new Body("application/json", null, "the integration, active"),
            Errors = Errors((404, "no integration with that agency"), (409, "own reminders without a reminder profile, or more than 10 open cases at the agency in Automatic mode (contact the agency)"),
                (412, "the client is not registered")),
        },
        new(CollectionAgenciesFunction.Name, "POST", Collection + "/agencies/{agencyId}/deactivate", "Deactivate an integration whose cases are all closed")
        {
            Idempotent = true,
            Success = new Body("application/json", null, "the integration, inactive"), Errors = Errors((404, "no integration with that agency"), (409, "cases of it are not closed (named)")),
        },
        new(CollectionDunningFunction.Name, "PUT", Collection + "/dunning/{invoiceId}", "The client's own reminder and collection-notice dates for an open item (draft rule, inkassoloven § 9)")
        {
            Request = new Body("application/json", null, "{reminderDates: [date], collectionNoticeDate: date|null}"),
            Success = new Body("application/json", null, "stored"), Errors = Errors((400, "a reason per field"), (404, "no such open item")),
        },
        new(CollectionDailyRunFunction.Name, "POST", Collection + "/daily-run", "Run the daily collection step for this client now: overdue items to drafts, approved in Automatic mode")
        {
            Idempotent = true,
            Query = [new("date", "the Oslo business date (yyyy-MM-dd); today when absent", "date")],
            Success = new Body("application/json", null, "{date, drafted, approved}"), Errors = Errors((400, "date is not yyyy-MM-dd")),
        },
        new(CollectionCasesFunction.Name, "GET", Collection + "/cases", "The client's collection cases, paged")
        {
            Query = [new("status", "draft, approved, handed-over, registered, notice-sent, payment-demand, legal-step, settled, written-off, closed; all when absent"), .. Paging],
            Success = new Body("application/json", null, "{items: [case], continuationToken}"), Errors = Errors((400, "status or pageSize is not valid")),
        },
        new(CollectionCasesFunction.Name, "GET", Collection + "/cases/{invoiceId}", "One collection case, with the case updates queued for its agency")
        {
            Success = new Body("application/json", null, "the case (agencyBalance: what the agency holds by our books) and updates: [{update, pulled}]"), Errors = Errors((404, "no case for that invoice")),
        },
        new(CollectionCasesFunction.Name, "POST", Collection + "/cases/{invoiceId}/{action}", "approve (a draft) or write-off (the case written off, a case update for the agency, the posting proposal)")
        {
            Idempotent = true,
            Request = new Body("application/json", null, "write-off: {date} optional"),
            Success = new Body("application/json", null, "approve: the case; write-off: {case, postingProposal}"),
            Errors = Errors((404, "no case for that invoice, or no such action"), (409, "not a draft (approve) or already closed (write-off)"), (412, "not registered (write-off)")),
        },
        new(AgencyCaseFetchesFunction.Name, "POST", "/agency/case-fetches", "Agency: fetch the client's approved cases, each handed over once (signed; no function key or client token)", Anonymous: true, ClientScoped: false)
        {
            Headers = AgencyHeaders, Idempotent = true, IdempotencyKeyRequired = true,
            Success = new Body("application/json", null, "{cases: [{invoiceId, invoiceNumber, kid, debtor, amount, currency, invoiceDate, dueDate, reminderDates, collectionNoticeDate}]}"),
            Errors = Errors([.. AgencyRefusals]),
        },
        new(AgencyCasesFunction.Name, "POST", "/agency/cases/{invoiceId}/{action}", "Agency: receipt {caseNumber} or status {status, date, text} for a case (signed)", Anonymous: true, ClientScoped: false)
        {
            Headers = AgencyHeaders, Idempotent = true, IdempotencyKeyRequired = true,
            Request = new Body("application/json", null, "receipt: {caseNumber}; status: {status: notice-sent|payment-demand|legal-step|closed, date, text}"),
            Success = new Body("application/json", null, "the case"),
            Errors = Errors([.. AgencyRefusals, (404, "no case of this agency for that invoice"), (409, "the case's state does not allow it (a status for a closed case)")]),
        },
        new(AgencySettlementsFunction.Name, "POST", "/agency/settlements", "Agency: a settlement with its figures; posted, the case settled, the net payment awaited (signed)", Anonymous: true, ClientScoped: false)
        {
            Headers = AgencyHeaders, Idempotent = true, IdempotencyKeyRequired = true,
            Request = new Body("application/json", null, "{settlementId, invoiceId, date, principal, interest, commission, fees, net, paymentReference}, øre"),
            SuccessStatus = 201, SuccessDescription = "booked (200 with duplicate: true when the settlement id was booked before)",
            Success = new Body("application/json", null, "{settlementId, invoiceId, duplicate, case, postingProposal, netOpenItem}"),
            Errors = Errors([.. AgencyRefusals, (404, "no case of this agency for that invoice"), (409, "a closed case, or the settlement id was used for another invoice")]),
        },
        new(AgencyCaseUpdatesFunction.Name, "POST", "/agency/case-updates", "Agency: pull the case updates (credit notes, direct payments, write-offs), each once; the client's books are compared with what the agency was told first (signed)", Anonymous: true, ClientScoped: false)
        {
            Headers = AgencyHeaders, Idempotent = true, IdempotencyKeyRequired = true,
            Success = new Body("application/json", null, "{updates: [{updateId, invoiceId, caseNumber, kind, amount, date}]}: amount in øre, negative when it undoes part of an earlier update"),
            Errors = Errors([.. AgencyRefusals]),
        },
        new(HealthFunction.Name, "GET", "/health", "Is storage reachable?", Anonymous: true, ClientScoped: false)
        {
            Success = new Body("application/json", "Health", "healthy"), Errors = Errors((503, "storage is not reachable")),
        },
        new(OpenApiFunction.Name, "GET", "/openapi.json", "This document", Anonymous: true, ClientScoped: false)
        {
            Success = new Body("application/json", null, "the OpenAPI document"),
        },
    ];
}
