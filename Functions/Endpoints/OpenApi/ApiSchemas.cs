using Microsoft.OpenApi;

namespace Bankflow.Functions.Endpoints.OpenApi;

/// <summary>The JSON shapes of the API, as the handlers write them (camelCase; remittance amounts as decimal kroner strings, reconciliation amounts as integers in øre).</summary>
internal static class ApiSchemas
{
    public static OpenApiSchema String(string? description = null, string? format = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };

    public static OpenApiSchema NullableString(string? description = null, string? format = null) =>
        new() { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = format, Description = description };

    public static OpenApiSchema Integer(string? description = null) => new() { Type = JsonSchemaType.Integer, Format = "int64", Description = description };

    public static OpenApiSchema Boolean(string? description = null) => new() { Type = JsonSchemaType.Boolean, Description = description };

    public static OpenApiSchema ArrayOf(IOpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };

    /// <summary>An object with the named properties; further properties may appear (the API adds fields, never removes them).</summary>
    public static OpenApiSchema Object(string description, params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
    };

    /// <summary>Every schema, by component name.</summary>
    public static Dictionary<string, IOpenApiSchema> All() => new(StringComparer.Ordinal)
    {
        ["Problem"] = Object("RFC 9457 problem details (application/problem+json). Messages say what to fix; they never echo secrets.",
            ("type", String(format: "uri")), ("title", String()), ("status", Integer()), ("detail", String()), ("traceId", String()),
            ("errors", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "One list of reasons per offending field (validation) or per rule (conflicts).",
                AdditionalProperties = ArrayOf(String()),
            })),
        ["FileImport"] = Object("One received bank file; the import id is the SHA-256 of its bytes.",
            ("importId", String("SHA-256 of the file, 64 lower-case hex digits")), ("status", String("Received | Imported | Quarantined")),
            ("fileName", NullableString()), ("channel", NullableString()), ("size", Integer()), ("format", NullableString("ocr-giro, avtalegiro, camt.053, camt.054, pain.002")),
            ("formatVersion", NullableString()), ("entryCount", Integer()), ("warningCount", Integer()), ("reason", NullableString("why it was quarantined")),
            ("receivedAt", String(format: "date-time")), ("completedAt", NullableString(format: "date-time"))),
        ["UploadAnswer"] = Object("Where to follow an upload.",
            ("importId", String()), ("status", String("Pending, or the earlier outcome for a duplicate")), ("duplicate", Boolean("the same bytes were imported before")),
            ("statusUrl", String())),
        ["Notification"] = Object("A message for the client's accountants.",
            ("id", String()), ("severity", String("Info | Warning | Error")), ("kind", String()), ("title", String()), ("message", String()),
            ("subject", NullableString()), ("createdAt", String(format: "date-time")), ("acknowledgedAt", NullableString(format: "date-time")),
            ("acknowledgedBy", NullableString())),
        ["Agreement"] = Object("A bank account's agreement settings. The answer's ETag header can be sent back as If-Match.",
            ("bankAccount", String("11 digits")), ("bank", String()), ("integrationMode", String("Direct | FileBased")), ("payoutService", String()),
            ("approvalMode", String("AccountingApproved (RgB) | BankApproved")), ("ledgerAccount", NullableString()), ("feeLedgerAccount", NullableString()),
            ("avtaleId", NullableString("DNB: filled in by DNB's callback")), ("dnbDivision", Object("DNB's division, filled in by its callback.", ("name", String()), ("number", String()))),
            ("netsOcrAvtaleId", NullableString("the Nets OCR agreement's AvtaleID; not filled in by DNB, not needed for OCR import")),
            ("organisationNumber", String()), ("companyName", String()), ("painVersion", String("03 | 09")), ("validFrom", String(format: "date")),
            ("updatedAt", String(format: "date-time"))),
        ["AgreementSaved"] = Object("The saved settings and the warnings they raise.",
            ("agreement", Ref("Agreement")), ("notifications", ArrayOf(Object("A warning about the settings.", ("field", String()), ("reason", String()))))),
        ["PaymentBatchRequest"] = Object("A batch of supplier payments to create; every payment's debtor account must have agreement settings.",
            ("batchId", String("optional; 1–29 of A–Z a–z 0–9 - .")),
            ("payments", ArrayOf(Object("One payment (kid, text or invoiceNumber as the remittance information).",
                ("endToEndId", String()), ("debtorAccount", String()), ("creditorName", String()), ("creditorAccount", String()),
                ("amount", String("decimal kroner, e.g. \"1250.00\" (a number is accepted too)")), ("requestedExecutionDate", String(format: "date")),
                ("kid", String()), ("text", String()), ("invoiceNumber", String()))))),
        ["PaymentBatch"] = Object("A payment batch with its payments and their status.",
            ("batchId", String()), ("bank", String()), ("approvalMode", String()), ("integrationMode", String()), ("createdAt", String(format: "date-time")),
            ("paymentCount", Integer()), ("total", String("decimal kroner")), ("totalOre", Integer()),
            ("statusCounts", new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = Integer() }),
            ("sentAt", NullableString(format: "date-time")), ("payments", ArrayOf(new OpenApiSchema { Type = JsonSchemaType.Object }))),
        ["Authorisation"] = Object("The BankID authorisation of an RgB batch. The authoriser recorded is the client token's subject, never a name from the body.",
            ("authorisedBy", String("optional; when sent it must be the client token's subject (else 403)")), ("bankIdReference", String("the BankID signing reference, at most 200 characters")),
            ("authorisedAt", String("optional; default now", "date-time"))),
        ["SbankenStart"] = Object("Where to send the user's browser to sign in at Sbanken.",
            ("authorizationUrl", String(format: "uri")), ("expiresAt", String(format: "date-time"))),
        ["SbankenCallback"] = Object("The signed-in onboarding: how many accounts the user may administer, and where to list them.",
            ("clientId", String()), ("accounts", Integer()), ("next", String())),
        ["SbankenAccounts"] = Object("The accounts of a pending onboarding, for the selection screen.",
            ("expiresAt", String(format: "date-time")),
            ("accounts", ArrayOf(Object("An account.", ("accountNumber", String()), ("name", String()), ("accountType", String()),
                ("balance", String("decimal kroner")), ("available", String("decimal kroner")))))),
        ["SbankenCompletion"] = Object("The accounts to activate and their ledger settings.",
            ("conversionDate", String(format: "date")), ("acceptBalanceDifferences", Boolean()),
            ("accounts", ArrayOf(Object("One account's choice.", ("accountNumber", String()), ("activate", Boolean()), ("ledgerAccount", String()),
                ("services", String("reconciliation | remittance | both")), ("feeLedgerAccount", String()), ("reconciliationStartDate", String(format: "date")),
                ("erpBalance", String("decimal kroner"))))),
            ("salaryAccount", String()), ("operatingAccount", String()), ("taxWithholdingAccount", String())),
        ["SbankenCompleted"] = Object("The saved agreement's version, balance warnings accepted, and the backfills queued.",
            ("version", Integer()), ("warnings", ArrayOf(new OpenApiSchema { Type = JsonSchemaType.Object })),
            ("backfills", ArrayOf(Object("A queued backfill.", ("accountNumber", String()), ("from", String(format: "date")), ("through", String(format: "date")))))),
        ["DnbOrderRequest"] = Object("A DNB order. Every account must be a DNB account registered on the client first (its agreement settings).",
            ("accounts", ArrayOf(Object("One account (at most 6).", ("accountNumber", String()),
                ("services", ArrayOf(String("remittance | ocr | reconciliation"))),
                ("accountingApprovedPayments", Boolean("RgB late order on a registered post-approval agreement; refused with dual approval"))))),
            ("feeLedgerAccount", String("ledger account for bank fees, e.g. 7770")),
            ("kidSetup", Object("The client's KID setup; required when OCR is ordered (needs KID invoicing and Nets OCR on the account).",
                ("length", Integer()), ("check", String("mod10 | mod11"))))),
        ["DnbOrder"] = Object("A DNB order and its status.",
            ("orderId", String()), ("status", String("pending | registered | failed")), ("reason", NullableString("why DNB could not register it")),
            ("createdAt", String(format: "date-time")), ("expiresAt", String(format: "date-time")), ("completedAt", NullableString(format: "date-time")),
            ("feeLedgerAccount", String()), ("accounts", ArrayOf(new OpenApiSchema { Type = JsonSchemaType.Object })),
            ("problems", ArrayOf(String("a KID mismatch or an RgB switch not made, also sent as an error notification")))),
        ["DnbOrderStarted"] = Object("The new order and where to send the browser.", ("order", Ref("DnbOrder")), ("wizardUrl", String(format: "uri"))),
        ["DnbCallback"] = Object("DNB's callback (body as signed).",
            ("callbackId", String("DNB's id of this message; a resend carries the same")), ("state", String("from the wizard link")),
            ("status", String("registered | failed")), ("reason", String("when failed")),
            ("accounts", ArrayOf(Object("One registered account.", ("accountNumber", String()), ("avtaleId", String()), ("divisionName", String()), ("divisionNumber", String()),
                ("ocr", Object("The registered OCR agreement's KID setup.", ("kidLength", Integer()), ("kidCheck", String("mod10 | mod11")))))))),
        ["DnbCallbackAnswer"] = Object("The order after the callback.", ("orderId", String()), ("status", String()), ("duplicate", Boolean("received before: nothing changed"))),
        ["Health"] = Object("Storage is reachable.", ("status", String()), ("storage", String())),
        ["OpenItemsUpload"] = Object("Open items to upsert (at most 10,000). Amounts are integers in øre (1250.00 kroner is 125000), not kroner strings.",
            ("items", ArrayOf(Object("An invoice or credit note in the customer ledger.",
                ("invoiceId", String("the ERP's id of the invoice, unique per client (1–100 characters)")), ("customerId", String("required")),
                ("customerName", String()), ("invoiceNumber", String("as printed (what payers write)")),
                ("kid", String("2–25 digits with a valid MOD10 or MOD11 check digit")),
                ("amount", Integer("øre, as a JSON integer; negative for a credit note")), ("currency", String("three capital letters; default NOK")),
                ("invoiceDate", String(format: "date")), ("dueDate", String(format: "date")))))),
        ["OpenItemsUploaded"] = Object("Stored; a reconciliation of the client is queued.",
            ("received", Integer()), ("created", Integer()), ("updated", Integer()), ("reconciliation", String("requested"))),
        ["OpenItem"] = Object("An open item and where it stood after the last reconciliation run (amounts in øre).",
            ("invoiceId", String()), ("customerId", String()), ("customerName", String()), ("invoiceNumber", NullableString()), ("kid", NullableString()),
            ("amount", Integer("øre")), ("currency", String()), ("invoiceDate", String(format: "date")), ("dueDate", String(format: "date")),
            ("settled", Integer("øre")), ("remaining", Integer("øre")), ("status", String("open | partial | paid | overpaid")),
            ("updatedAt", String(format: "date-time")), ("reconciledAt", NullableString(format: "date-time"))),
        ["OpenItemPage"] = Page("OpenItem"),
        ["Match"] = Object("A bank entry matched by the engine, and what a person did with it (amounts in øre). The etag can be sent as If-Match.",
            ("matchId", String("'m' and 32 hex digits")), ("entryId", String()), ("etag", String()), ("decision", String("auto | confirmed | rejected")),
            ("rule", String("kid | invoice-reference | customer-combination | customer-amount | own-payment | bank-fee")),
            ("account", String()), ("bookingDate", String(format: "date")), ("amount", Integer("øre, signed")), ("currency", String()),
            ("counterpartyName", NullableString()), ("evidence", String()), ("explanation", String("a sentence a person understands")),
            ("unapplied", Integer("øre paid beyond what was open, kept on the customer")),
            ("allocations", ArrayOf(Object("Part of the payment applied to one open item.", ("invoiceId", String()), ("invoiceNumber", NullableString()),
                ("customerId", String()), ("customerName", String()), ("amount", Integer("øre")), ("remainingAfter", Integer("øre"))))),
            ("decidedAt", String(format: "date-time")), ("confirmedAt", NullableString(format: "date-time")), ("confirmedBy", NullableString()),
            ("rejectedAt", NullableString(format: "date-time")), ("rejectedBy", NullableString())),
        ["MatchPage"] = Page("Match"),
        ["UnmatchedEntry"] = Object("A bank entry left to a person (amounts in øre).",
            ("matchId", String()), ("entryId", String()), ("account", String()), ("bookingDate", String(format: "date")), ("amount", Integer("øre, signed")),
            ("currency", String()), ("counterpartyName", NullableString()), ("text", NullableString()), ("reason", String()),
            ("rejectedByPerson", Boolean("a person rejected the engine's match")),
            ("candidates", ArrayOf(Object("An open item (or items) it might be.", ("invoiceIds", ArrayOf(String())), ("open", Integer("øre")),
                ("strength", String("named-but-differs | ambiguous | customer-only | amount-only")), ("reason", String("why it is not certain"))))),
            ("updatedAt", String(format: "date-time"))),
        ["UnmatchedPage"] = Page("UnmatchedEntry"),
        ["PostingProposal"] = Object("The journal lines a standing match proposes; debits equal credits (amounts in øre).",
            ("matchId", String()), ("entryId", String()), ("decision", String()), ("rule", String()), ("date", String(format: "date")), ("balanced", Boolean()),
            ("explanation", String()),
            ("lines", ArrayOf(Object("One line: exactly one of debit and credit is non-zero.", ("account", String("ledger account")), ("debit", Integer("øre")),
                ("credit", Integer("øre")), ("kind", String("bank | customer | unapplied-credit | fee | supplier")), ("customerId", String()), ("invoiceId", String()),
                ("text", String()))))),
        ["PostingProposalPage"] = Page("PostingProposal"),
        ["ReconciliationSummary"] = Object("A month per bank account, and all accounts together.",
            ("month", String("yyyy-MM")), ("accounts", ArrayOf(Ref("AccountMonth"))), ("total", Ref("AccountMonth"))),
        ["AccountMonth"] = Object("One bank account's month.",
            ("account", String()), ("entries", Integer("bank entries booked in the month")), ("automaticallyMatched", Integer("matched by the engine and not rejected")),
            ("confirmed", Integer("of those, confirmed by a person")), ("rejected", Integer("matched by the engine, rejected by a person")),
            ("unmatched", Integer("left to a person by the engine")), ("ignored", Integer("counted elsewhere (lump sums)")),
            ("pending", Integer("not yet looked at by a run")),
            ("automationRate", new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Description = "automaticallyMatched ÷ (automaticallyMatched + rejected + unmatched)" })),
    };

    /// <summary>A page of a list: the rows and the token for the next page (null on the last).</summary>
    private static OpenApiSchema Page(string item) =>
        Object($"A page of {item} rows; pass continuationToken back for the next page.", ("items", ArrayOf(Ref(item))), ("continuationToken", NullableString()));

    /// <summary>A reference to a schema of <see cref="All"/> (resolved when the document is serialised).</summary>
    public static IOpenApiSchema Ref(string name) => new OpenApiSchemaReference(name);
}
