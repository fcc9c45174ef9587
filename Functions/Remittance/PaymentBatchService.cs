using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// The payment-batch use cases: create (validated whole by <see cref="PaymentBatchBuilder"/>), authorise (RgB),
/// send (Direct: pain.001 into the outbox; FileBased: released for download), download, and the bank's answers
/// (pain.002 via <see cref="PaymentStatusUpdater"/>). A batch that breaks a rule is never sent: every check runs
/// before the outbox is written.
/// </summary>
public sealed partial class PaymentBatchService(
    AgreementStore agreements,
    PaymentBatchStore batches,
    OutboxStore outbox,
    TimeProvider time,
    ILogger<PaymentBatchService> logger)
{
    public async Task<BatchOutcome> CreateAsync(ClientId client, JsonFields body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(body);
        var now = time.GetUtcNow();
        var today = OsloClock.Today(time);
        var parsed = BatchRequestJson.Read(body, today);
        var batchId = parsed.BatchId ?? NewBatchId(today);
        if (parsed.BatchId is { Length: > 0 } given && (!char.IsAsciiLetterOrDigit(given[0]) || given.Contains('/', StringComparison.Ordinal)))
        {
            // The domain allows '/', but the id is a URL segment here (…/payment-batches/{batchId}).
            body.Fail("batchId", "a batch id starts with a letter or digit and has no '/': it is part of the batch's URL");
            return BatchOutcome.Invalid(body.ToDictionary());
        }

        var stored = await agreements.ListAsync(client, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            body.Fail("payments", "this client has no bank agreement yet: PUT /api/clients/{clientId}/agreements/{bankAccount} first");
            return BatchOutcome.Invalid(body.ToDictionary());
        }
        // The paying company is the one holding the agreement of the first debtor account (all agreements of a client name the same one).
        var debtorAgreement = parsed.Payments
            .Select(p => AccountNumber.TryParse(p.DebtorAccount, out var a, out _) ? stored.FirstOrDefault(s => s.Agreement.BankAccount == a) : null)
            .FirstOrDefault(s => s is not null) ?? stored[0];

        // A quick look for ids other batches hold, so every broken rule is reported at once; the create below enforces it.
        var usedIds = await batches.UsedEndToEndIdsAsync(client, batchId, parsed.Payments.Select(p => p.EndToEndId), cancellationToken).ConfigureAwait(false);
        var result = Validate(usedIds);
        if (body.HasErrors || result.Batch is null)
        {
            LogRefused(logger, client.Value, body.Errors.Count);
            return BatchOutcome.Invalid(body.ToDictionary());
        }

        var creation = await batches.CreateAsync(new StoredBatch(result.Batch, debtorAgreement.PainVersion), cancellationToken).ConfigureAwait(false);
        switch (creation.Status)
        {
            case BatchCreationStatus.Created:
                LogCreated(logger, client.Value, batchId, result.Batch.Payments.Count);
                return BatchOutcome.Ok(await batches.GetAsync(client, batchId, cancellationToken).ConfigureAwait(false) ?? creation.Batch!);
            case BatchCreationStatus.EndToEndIdsUsed:
                // Another batch got an id first (a race the look above could not see): the same per-payment errors.
                usedIds.UnionWith(creation.UsedEndToEndIds);
                usedIds.UnionWith(await batches.UsedEndToEndIdsAsync(client, batchId, parsed.Payments.Select(p => p.EndToEndId), cancellationToken).ConfigureAwait(false));
                Validate(usedIds);
                LogRefused(logger, client.Value, body.Errors.Count);
                return BatchOutcome.Invalid(body.ToDictionary());
            case BatchCreationStatus.BatchIdUsed:
                return BatchOutcome.Conflict(null, [new FieldIssue("batchId", $"batch id {batchId} is already used by another batch of this client")]);
            case BatchCreationStatus.BatchIdBeingCreated:
                return BatchOutcome.Conflict(null, [new FieldIssue("batchId",
                    $"batch id {batchId} is already used by another batch of this client, which another request is creating right now")]);
            default:
                return BatchOutcome.Conflict(null, [new FieldIssue("batchId",
                    $"creating batch {batchId} took longer than {PaymentBatchStore.CreationLease.TotalMinutes:0} minutes and another request took its batch id or end-to-end ids over; nothing of this request was kept")]);
        }

        // The whole batch against the domain rules; every error goes to the body, keyed by the caller's field names.
        BatchBuildResult Validate(IReadOnlySet<string> existingIds)
        {
            var built = PaymentBatchBuilder.Build(new BatchRequest
            {
                ClientId = client,
                BatchId = batchId,
                Debtor = debtorAgreement.Debtor,
                Today = today,
                CreatedAt = now,
                Agreements = stored.Select(s => s.Agreement).ToList(),
                ExistingEndToEndIds = existingIds,
                Payments = parsed.Payments,
            });
            foreach (var error in built.Errors)
            {
                var field = BatchRequestJson.FieldOf(error);
                if (!parsed.BrokenFields.Contains(field) && !parsed.BrokenFields.Contains(field[..Math.Max(0, field.IndexOf('.', StringComparison.Ordinal))]))
                {
                    body.Fail(field, error.EndToEndId is { Length: > 0 } id && error.Index >= 0 ? $"{error.Reason} (end-to-end id {id})" : error.Reason);
                }
            }
            return built;
        }
    }

    public async Task<BatchOutcome> AuthoriseAsync(ClientId client, string batchId, BatchAuthorisation authorisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorisation);
        var stored = await batches.GetAsync(client, batchId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return BatchOutcome.NotFound();
        }
        if (stored.Batch.Authorisation is { } done && done.BankIdReference == authorisation.BankIdReference && done.AuthorisedBy == authorisation.AuthorisedBy)
        {
            return BatchOutcome.Ok(stored, repeated: true); // a retried request: the same user's same BankID signature
        }
        var result = PaymentLifecycle.Authorise(stored.Batch, authorisation);
        if (!result.Succeeded)
        {
            return BatchOutcome.Conflict(stored, result.Errors);
        }
        return await SaveEventAsync(stored with { Batch = result.Batch }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Direct: writes the pain.001 create-only to <c>outbox/{clientId}/{bank}/{batchId}.xml</c> and marks the batch
    /// sent. FileBased: releases the batch for download (the download marks it sent). Sending again changes nothing.
    /// </summary>
    public async Task<BatchOutcome> SendAsync(ClientId client, string batchId, CancellationToken cancellationToken)
    {
        var stored = await batches.GetAsync(client, batchId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return BatchOutcome.NotFound();
        }
        if (stored.Batch.SentAt is not null)
        {
            return BatchOutcome.Ok(stored, repeated: true);
        }
        var problems = await CheckSendableAsync(stored, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            LogNotSent(logger, client.Value, batchId, problems.Count);
            return BatchOutcome.Conflict(stored, problems);
        }
        var now = time.GetUtcNow();
        if (stored.Batch.IntegrationMode == IntegrationMode.FileBased)
        {
            return stored.ReadyAt is not null
                ? BatchOutcome.Ok(stored, repeated: true)
                : await SaveEventAsync(stored with { ReadyAt = now }, cancellationToken).ConfigureAwait(false);
        }

        var path = OutboxStore.PathOf(client, stored.Batch.Bank, stored.Batch.BatchId);
        var content = Pain001Writer.Write(stored.Batch, stored.PainVersion);
        await outbox.WriteOnceAsync(path, content, new Dictionary<string, string>
        {
            ["clientId"] = client.Value,
            ["batchId"] = stored.Batch.BatchId,
            ["painVersion"] = AgreementJson.WireName(stored.PainVersion),
            // Post-approval batches wait for approval in the online bank; RgB batches were authorised in Bankflow.
            ["requiresOnlineBankApproval"] = stored.Batch.RequiresOnlineBankApproval ? "true" : "false",
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)),
        }, cancellationToken).ConfigureAwait(false);
        var sent = PaymentLifecycle.MarkSent(stored.Batch, now);
        if (!sent.Succeeded)
        {
            return BatchOutcome.Conflict(stored, sent.Errors);
        }
        LogSent(logger, client.Value, batchId, path);
        return await SaveEventAsync(stored with { Batch = sent.Batch, OutboxPath = path }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The batch's pain.001. FileBased: the first download marks the batch sent (the file has left Bankflow); later
    /// downloads give the same payments again. Direct: the file that was written to the outbox, once sent.
    /// </summary>
    public async Task<(BatchOutcome Outcome, PaymentFile? File)> DownloadAsync(ClientId client, string batchId, Pain001Version? version, CancellationToken cancellationToken)
    {
        var stored = await batches.GetAsync(client, batchId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return (BatchOutcome.NotFound(), null);
        }
        var name = $"{stored.Batch.BatchId.Replace('/', '_')}.xml";
        if (stored.Batch.IntegrationMode == IntegrationMode.Direct)
        {
            var sentFile = stored.OutboxPath is { } path ? await outbox.ReadAsync(path, cancellationToken).ConfigureAwait(false) : null;
            return sentFile is null
                ? (BatchOutcome.Conflict(stored, [new FieldIssue("integrationMode", "a direct-integration batch's file goes to the bank through the outbox; it can be downloaded once sent (POST …/send)")]), null)
                : (BatchOutcome.Ok(stored), new PaymentFile(name, sentFile, stored));
        }
        var chosen = version ?? stored.PainVersion;
        if (stored.Batch.SentAt is not null)
        {
            return PaymentBatchBuilder.CheckTexts(stored.Batch) is { Count: > 0 } refused
                ? (BatchOutcome.Conflict(stored, refused), null)
                : (BatchOutcome.Ok(stored, repeated: true), new PaymentFile(name, Pain001Writer.Write(stored.Batch, chosen), stored));
        }
        var problems = await CheckSendableAsync(stored, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return (BatchOutcome.Conflict(stored, problems), null);
        }
        var content = Pain001Writer.Write(stored.Batch, chosen);
        var sent = PaymentLifecycle.MarkSent(stored.Batch, time.GetUtcNow());
        if (!sent.Succeeded)
        {
            return (BatchOutcome.Conflict(stored, sent.Errors), null);
        }
        var saved = await SaveEventAsync(stored with { Batch = sent.Batch, ReadyAt = stored.ReadyAt ?? sent.Batch.SentAt }, cancellationToken).ConfigureAwait(false);
        return saved.Kind == BatchOutcomeKind.Ok ? (saved, new PaymentFile(name, content, saved.Batch!)) : (saved, null);
    }

    public Task<StoredBatch?> GetAsync(ClientId client, string batchId, CancellationToken cancellationToken) =>
        batches.GetAsync(client, batchId, cancellationToken);

    /// <summary>
    /// Everything that must hold when the file leaves: the RgB authorisation, each debtor account's agreement still
    /// there, still valid and still the batch's bank/approval/integration, and no execution date passed meanwhile.
    /// </summary>
    private async Task<List<FieldIssue>> CheckSendableAsync(StoredBatch stored, CancellationToken cancellationToken)
    {
        var batch = stored.Batch;
        var problems = PaymentLifecycle.CheckReadyToSend(batch).ToList();
        // Batches stored before the character-set rule: stopped here with the field named, never written.
        problems.AddRange(PaymentBatchBuilder.CheckTexts(batch));
        var all = await agreements.ListAsync(batch.ClientId, cancellationToken).ConfigureAwait(false);
        foreach (var account in batch.Payments.Select(p => p.DebtorAccount).Distinct())
        {
            var current = all.FirstOrDefault(a => a.Agreement.BankAccount == account);
            if (current is null || current.Agreement.PayoutService == PayoutService.None)
            {
                problems.Add(new FieldIssue("agreement", $"bank account {account.Formatted} no longer has a bank agreement with a payout service"));
                continue;
            }
            var a = current.Agreement;
            if (a.Bank != batch.Bank || a.ApprovalMode != batch.ApprovalMode || a.IntegrationMode != batch.IntegrationMode)
            {
                problems.Add(new FieldIssue("agreement",
                    $"the agreement of {account.Formatted} changed to {a.Bank}/{a.ApprovalMode}/{a.IntegrationMode} after this {batch.Bank}/{batch.ApprovalMode}/{batch.IntegrationMode} batch was made; make a new batch"));
                continue;
            }
            var validation = BankAgreementValidator.Validate(a, current.OrganisationNumber, all.Select(x => x.Agreement).ToList());
            if (!validation.IsValid)
            {
                problems.Add(new FieldIssue("agreement", $"the agreement of {account.Formatted} breaks a rule: {string.Join("; ", validation.Errors)}"));
            }
            else if (a.Bank == Bank.Dnb && string.IsNullOrWhiteSpace(a.AvtaleId))
            {
                problems.Add(new FieldIssue("agreement", $"DNB has not registered the agreement of {account.Formatted} yet (no AvtaleID)"));
            }
        }
        var today = OsloClock.Today(time);
        foreach (var late in batch.Payments.Where(p => p.RequestedExecutionDate < today))
        {
            problems.Add(new FieldIssue("requestedExecutionDate",
                $"payment {late.EndToEndId}: the execution date {late.RequestedExecutionDate:yyyy-MM-dd} has passed (today is {today:yyyy-MM-dd}); make a new batch"));
        }
        return problems;
    }

    /// <summary>A batch-level event: header first (with the ETag read), then the payment rows; the read heals a crash in between.</summary>
    private async Task<BatchOutcome> SaveEventAsync(StoredBatch changed, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await batches.SaveHeaderAsync(changed, cancellationToken).ConfigureAwait(false);
            await batches.SavePaymentsAsync(saved, saved.Batch.Payments, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return BatchOutcome.Ok(saved);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return BatchOutcome.Conflict(null, [new FieldIssue("batch", "the batch was changed by another request meanwhile; read it again and retry")]);
        }
    }

    /// <summary>"B20261123-3f9a0c1d": the date (Oslo) and 32 random bits; 18 characters, within the 29 a MsgId may have.</summary>
    private static string NewBatchId(DateOnly today) =>
        string.Create(CultureInfo.InvariantCulture, $"B{today:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment batch {BatchId} of client {ClientId} created with {PaymentCount} payments")]
    private static partial void LogCreated(ILogger logger, string clientId, string batchId, int paymentCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment batch of client {ClientId} refused: {FieldCount} fields break a rule")]
    private static partial void LogRefused(ILogger logger, string clientId, int fieldCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment batch {BatchId} of client {ClientId} sent to {OutboxPath}")]
    private static partial void LogSent(ILogger logger, string clientId, string batchId, string outboxPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment batch {BatchId} of client {ClientId} not sent: {ProblemCount} problems")]
    private static partial void LogNotSent(ILogger logger, string clientId, string batchId, int problemCount);
}
