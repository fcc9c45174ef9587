using Azure;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Notifications;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Remittance;

/// <summary>What a status report did: whether its batch was found, and how many payments changed status.</summary>
public sealed record StatusReportApplied(bool BatchFound, string? BatchId, int Transitions, IReadOnlyList<StatusFinding> Findings);

/// <summary>What matching debits did: payments moved to Executed, and the end-to-end ids that are no Bankflow payment.</summary>
public sealed record DebitsMatched(int Executed, IReadOnlyList<string> UnknownEndToEndIds, IReadOnlyList<StatusFinding> Findings);

/// <summary>
/// Applies the bank's answers to stored payments: pain.002 status reports (by OrgnlMsgId = the batch id) and
/// debits carrying an end-to-end id (camt.054/053). Idempotent: only transitions are written, so a repeated file
/// changes nothing. Findings and rejections become notifications with ids derived from the source file, so a
/// retry never notifies twice.
/// </summary>
public sealed partial class PaymentStatusUpdater(
    PaymentBatchStore batches,
    NotificationStore notifications,
    TimeProvider time,
    ILogger<PaymentStatusUpdater> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>Findings of one report notified one by one; more are summed up in one notification.</summary>
    internal const int MaxFindingNotifications = 20;

    /// <param name="client">The client whose inbox the report came through.</param>
    /// <param name="report">The read report.</param>
    /// <param name="sourceId">What carried it (the file's SHA-256): part of notification ids.</param>
    /// <param name="causeTime">When the file was received: notification time and ordering.</param>
    public async Task<StatusReportApplied> ApplyStatusReportAsync(ClientId client, Pain002Report report, string sourceId, DateTimeOffset causeTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(report);
        var batchId = report.OriginalMessageId ?? "";
        for (var attempt = 1; ; attempt++)
        {
            // Bankflow's batch ids are 1–29 characters of A–Z a–z 0–9 - . /; anything else cannot be one of ours (and is never used as a key).
            var stored = IsBatchId(batchId) ? await batches.GetAsync(client, batchId, cancellationToken).ConfigureAwait(false) : null;
            if (stored is null)
            {
                // Decision: imported (its bytes are archived), not quarantined — the file is fine; it answers a payment
                // file Bankflow did not make (sent from the online bank or another system) or one of another client.
                await NotifyAsync(client, causeTime, sourceId, "PaymentStatusUnknownBatch", NotificationSeverity.Warning,
                    "Status report for an unknown payment file",
                    $"The bank's status report (pain.002) answers payment file '{(batchId.Length > 40 ? batchId[..40] + "…" : batchId)}', which is not a payment batch of this client; nothing was changed.",
                    batchId.Length > 40 ? batchId[..40] : batchId, cancellationToken).ConfigureAwait(false);
                // The id comes from the bank's file: the notification quotes it, the log does not.
                LogUnknownBatch(logger, client.Value, sourceId);
                return new StatusReportApplied(false, null, 0, []);
            }
            var result = PaymentLifecycle.ApplyStatusReport(stored.Batch, report);
            try
            {
                await SaveAsync(stored, result, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                continue; // the batch changed meanwhile (e.g. sent): apply the report to the new state
            }
            await NotifyAsync(client, stored.Batch.BatchId, result, sourceId, causeTime, cancellationToken).ConfigureAwait(false);
            LogApplied(logger, client.Value, batchId, result.Transitions.Count, result.Findings.Count);
            return new StatusReportApplied(true, stored.Batch.BatchId, result.Transitions.Count, result.Findings);
        }
    }

    /// <summary>
    /// A debit (camt.054, or camt.053) carrying a payment's end-to-end id: the payment is Executed. Debits whose id is no
    /// Bankflow payment (card payments, fees, payments made in the online bank) are returned, not notified.
    /// </summary>
    public async Task<DebitsMatched> MarkExecutedByEndToEndAsync(ClientId client, IEnumerable<string> endToEndIds, string sourceId, DateTimeOffset causeTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endToEndIds);
        var wanted = endToEndIds.Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return new DebitsMatched(0, [], []);
        }
        var where = await batches.BatchIdsByEndToEndAsync(client, wanted, cancellationToken).ConfigureAwait(false);
        var unknown = wanted.Where(id => !where.ContainsKey(id)).OrderBy(id => id, StringComparer.Ordinal).ToList();
        var executed = 0;
        var findings = new List<StatusFinding>();
        foreach (var group in where.GroupBy(w => w.Value, w => w.Key))
        {
            for (var attempt = 1; ; attempt++)
            {
                var stored = await batches.GetAsync(client, group.Key, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    unknown.AddRange(group); // the batch went away between the two reads (cannot happen today: batches are never deleted)
                    break;
                }
                var batch = stored.Batch;
                var transitions = new List<PaymentTransition>();
                var batchFindings = new List<StatusFinding>();
                foreach (var id in group)
                {
                    var step = PaymentLifecycle.RecordDebit(batch, id);
                    batch = step.Batch;
                    transitions.AddRange(step.Transitions);
                    batchFindings.AddRange(step.Findings);
                }
                var result = new LifecycleResult(batch, transitions, batchFindings, []);
                try
                {
                    await SaveAsync(stored, result, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
                {
                    continue;
                }
                await NotifyAsync(client, group.Key, result, sourceId, causeTime, cancellationToken).ConfigureAwait(false);
                executed += transitions.Count(t => t.To == PaymentStatus.Executed);
                findings.AddRange(batchFindings);
                break;
            }
        }
        return new DebitsMatched(executed, unknown, findings);
    }

    /// <summary>Changed payments first, then the header's counts (only when they changed, so a repeated file writes nothing).</summary>
    private async Task SaveAsync(StoredBatch stored, LifecycleResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = result.Transitions.Select(t => t.EndToEndId).ToHashSet(StringComparer.Ordinal);
        if (changed.Count > 0)
        {
            await batches.SavePaymentsAsync(stored, result.Batch.Payments.Where(p => changed.Contains(p.EndToEndId)), now, cancellationToken).ConfigureAwait(false);
        }
        // Also when the counts are stale: a crash after the payments were written, before the header was.
        if (changed.Count > 0 || stored.StatusCountsJson != PaymentBatchStore.StatusCountsJson(result.Batch))
        {
            await batches.SaveHeaderAsync(stored with { Batch = result.Batch, LastStatusAt = changed.Count > 0 ? now : stored.LastStatusAt }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task NotifyAsync(ClientId client, string batchId, LifecycleResult result, string sourceId, DateTimeOffset causeTime, CancellationToken cancellationToken)
    {
        foreach (var rejected in result.Transitions.Where(t => t.To == PaymentStatus.Rejected))
        {
            var reasons = rejected.Reasons.Count == 0 ? "no reason given" : string.Join("; ", rejected.Reasons);
            await NotifyAsync(client, causeTime, sourceId, "PaymentRejected", NotificationSeverity.Error,
                $"Payment {rejected.EndToEndId} was rejected by the bank",
                $"Batch {batchId}: the bank rejected payment {rejected.EndToEndId} ({rejected.BankStatus?.Code ?? "RJCT"}): {reasons}.",
                $"{batchId}|{rejected.EndToEndId}", cancellationToken).ConfigureAwait(false);
        }
        foreach (var finding in result.Findings.Take(MaxFindingNotifications))
        {
            var severity = finding.Kind is FindingKind.AcceptedWithChange or FindingKind.StatusBeforeSent ? NotificationSeverity.Warning : NotificationSeverity.Error;
            await NotifyAsync(client, causeTime, sourceId, "PaymentStatus" + finding.Kind, severity,
                finding.EndToEndId is null ? $"Payment batch {batchId}: {Title(finding.Kind)}" : $"Payment {finding.EndToEndId}: {Title(finding.Kind)}",
                $"Batch {batchId}: {finding.Message}.",
                $"{batchId}|{finding.EndToEndId}", cancellationToken).ConfigureAwait(false);
        }
        if (result.Findings.Count > MaxFindingNotifications)
        {
            // The rest in one: a report about thousands of payments that are not in the batch must not become thousands of
            // notifications (each one a write, which also made such an import run for minutes).
            var rest = result.Findings.Skip(MaxFindingNotifications).ToList();
            var kinds = string.Join(", ", rest.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {Title(g.Key)}"));
            await NotifyAsync(client, causeTime, sourceId, "PaymentStatusMoreFindings", NotificationSeverity.Error,
                $"Payment batch {batchId}: {rest.Count} more findings in the bank's status report",
                $"Batch {batchId}: besides the {MaxFindingNotifications} findings notified one by one, the status report had {kinds}.",
                $"{batchId}|more", cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsBatchId(string id) =>
        id.Length is > 0 and <= PaymentBatchBuilder.MaxBatchIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/');

    private static string Title(FindingKind kind) => kind switch
    {
        FindingKind.UnknownPayment => "status for a payment that is not in the batch",
        FindingKind.UnknownPaymentInformation => "status for an unknown part of the payment file",
        FindingKind.UnknownStatusCode => "unknown bank status",
        FindingKind.RejectedAfterExecuted => "rejected after it was executed",
        FindingKind.StatusAfterRejection => "bank status after a rejection",
        FindingKind.AcceptedWithChange => "accepted with a change by the bank",
        FindingKind.StatusBeforeSent => "bank status before the file was sent",
        FindingKind.DebitedAfterRejection => "debited after the bank rejected it",
        _ => "status report could not be applied",
    };

    private Task NotifyAsync(ClientId client, DateTimeOffset causeTime, string sourceId, string kind, NotificationSeverity severity, string title, string message, string subject, CancellationToken cancellationToken) =>
        notifications.AddOnceAsync(new Notification(client, Notification.CreateId(causeTime, kind, sourceId + "|" + subject), severity, kind, title, message, time.GetUtcNow())
        {
            Subject = subject,
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status report for batch {BatchId} of client {ClientId}: {TransitionCount} payments changed, {FindingCount} findings")]
    private static partial void LogApplied(ILogger logger, string clientId, string batchId, int transitionCount, int findingCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status report {SourceId} of client {ClientId} answers a payment file that is not one of this client's batches")]
    private static partial void LogUnknownBatch(ILogger logger, string clientId, string sourceId);
}
