using Bankflow.Domain.Iso20022.Pain;

namespace Bankflow.Domain.Remittance;

/// <summary>
/// The status lifecycle of a batch's payments, pure: each event takes the batch and returns a changed copy,
/// the transitions and the findings. Statuses only move forward (Created → Authorised → Sent → Accepted →
/// Executed, or → Rejected); an event that would move a payment back is ignored or reported, never applied.
/// </summary>
public static class PaymentLifecycle
{
    /// <summary>Records the BankID authorisation of an accounting-approved (RgB) batch: Created → Authorised.</summary>
    public static LifecycleResult Authorise(PaymentBatch batch, BatchAuthorisation authorisation)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(authorisation);
        var errors = new List<FieldIssue>();
        if (batch.ApprovalMode != ApprovalMode.AccountingApproved)
        {
            errors.Add(new FieldIssue("approvalMode",
                "this batch uses post-approval in the online bank (ettergodkjenning i nettbank): it is approved there, not authorised in Bankflow"));
        }
        if (batch.Authorisation is not null)
        {
            errors.Add(new FieldIssue("authorisation", $"the batch was already authorised by {batch.Authorisation.AuthorisedBy} at {batch.Authorisation.AuthorisedAt:O}"));
        }
        if (string.IsNullOrWhiteSpace(authorisation.AuthorisedBy))
        {
            errors.Add(new FieldIssue("authorisedBy", "who authorised the batch is required"));
        }
        if (string.IsNullOrWhiteSpace(authorisation.BankIdReference))
        {
            errors.Add(new FieldIssue("bankIdReference", "the BankID signing reference is required"));
        }
        if (authorisation.AuthorisedAt < batch.CreatedAt)
        {
            errors.Add(new FieldIssue("authorisedAt", $"the authorisation ({authorisation.AuthorisedAt:O}) cannot precede the batch ({batch.CreatedAt:O})"));
        }
        if (batch.Payments.Any(p => p.Status != PaymentStatus.Created))
        {
            errors.Add(new FieldIssue("payments", "only a batch whose payments are all still created can be authorised"));
        }
        if (errors.Count > 0)
        {
            return new LifecycleResult(batch, [], [], errors);
        }
        var transitions = new List<PaymentTransition>();
        var payments = batch.Payments.Select(p => Move(p, PaymentStatus.Authorised, null, [], transitions)).ToList();
        return new LifecycleResult(batch with { Payments = payments, Authorisation = authorisation }, transitions, [], []);
    }

    /// <summary>Why the batch cannot be sent now (empty when it can): an RgB batch needs its authorisation first.</summary>
    public static IReadOnlyList<FieldIssue> CheckReadyToSend(PaymentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var errors = new List<FieldIssue>();
        if (batch.SentAt is not null)
        {
            errors.Add(new FieldIssue("sentAt", $"the batch was already sent at {batch.SentAt:O}"));
        }
        if (batch.ApprovalMode == ApprovalMode.AccountingApproved && batch.Authorisation is null)
        {
            errors.Add(new FieldIssue("authorisation",
                "accounting-approved payments (regnskapsgodkjente betalinger, RgB) must be authorised with BankID before they are sent"));
        }
        return errors;
    }

    /// <summary>
    /// The payment file left Bankflow (outbox written or file downloaded): every payment → Sent. A post-approval
    /// batch is sent flagged (<see cref="PaymentBatch.RequiresOnlineBankApproval"/>): the bank waits for approval in the online bank.
    /// </summary>
    public static LifecycleResult MarkSent(PaymentBatch batch, DateTimeOffset sentAt)
    {
        var errors = CheckReadyToSend(batch);
        if (errors.Count > 0)
        {
            return new LifecycleResult(batch, [], [], errors);
        }
        var transitions = new List<PaymentTransition>();
        var payments = batch.Payments.Select(p => Move(p, PaymentStatus.Sent, null, [], transitions)).ToList();
        return new LifecycleResult(batch with { Payments = payments, SentAt = sentAt }, transitions, [], []);
    }

    /// <summary>
    /// Applies a pain.002 to the batch it answers. Group RJCT rejects every payment; otherwise a transaction
    /// status wins over its payment-information status, which wins over the group status. Payments a PART
    /// report does not itemise are accepted (banks itemise only exceptions). RCVD, ACTC and PDNG move nothing.
    /// Applying the same report twice gives no transitions the second time.
    /// </summary>
    public static LifecycleResult ApplyStatusReport(PaymentBatch batch, Pain002Report report)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(report);
        var findings = new List<StatusFinding>();
        if (!string.Equals(report.OriginalMessageId, batch.BatchId, StringComparison.Ordinal))
        {
            findings.Add(new StatusFinding(FindingKind.OriginalMessageIdMismatch, null,
                $"the status report answers payment file '{report.OriginalMessageId}', not batch '{batch.BatchId}'; nothing applied"));
            return new LifecycleResult(batch, [], findings, []);
        }

        var groups = batch.Groups();
        var groupOf = groups.SelectMany(g => g.Payments.Select(p => (p.EndToEndId, g.PaymentInformationId)))
            .ToDictionary(x => x.EndToEndId, x => x.PaymentInformationId, StringComparer.Ordinal);
        var byEndToEnd = batch.Payments.ToDictionary(p => p.EndToEndId, StringComparer.Ordinal);
        var byInstruction = batch.Payments.ToDictionary(p => p.InstructionId, StringComparer.Ordinal);

        // The status each payment gets from this report, and where it came from.
        var decided = new Dictionary<string, (PaymentStatusCode Code, IReadOnlyList<StatusReason> Reasons)>(StringComparer.Ordinal);
        var pmtInfStatus = new Dictionary<string, (PaymentStatusCode Code, IReadOnlyList<StatusReason> Reasons)>(StringComparer.Ordinal);
        var groupRejected = report.GroupStatus == PaymentStatusCode.Rejected;

        foreach (var info in report.PaymentInformations)
        {
            var knownInfo = info.OriginalPaymentInformationId is { } id && groups.Any(g => g.PaymentInformationId == id);
            if (!knownInfo)
            {
                findings.Add(new StatusFinding(FindingKind.UnknownPaymentInformation, null,
                    $"status for payment information '{info.OriginalPaymentInformationId}', which is not in batch {batch.BatchId}"));
            }
            else if (info.Status is { } infoCode)
            {
                pmtInfStatus[info.OriginalPaymentInformationId!] = (infoCode, info.Reasons);
            }
            foreach (var tx in info.Transactions)
            {
                var payment = tx.OriginalEndToEndId is { } e2e
                    ? byEndToEnd.GetValueOrDefault(e2e)
                    : tx.OriginalInstructionId is { } instr ? byInstruction.GetValueOrDefault(instr) : null;
                if (payment is null)
                {
                    findings.Add(new StatusFinding(FindingKind.UnknownPayment, tx.OriginalEndToEndId ?? tx.OriginalInstructionId,
                        $"status {tx.Status?.Code ?? info.Status?.Code ?? "(none)"} for a payment that is not in batch {batch.BatchId}"));
                    continue;
                }
                if (tx.Status is { } txCode)
                {
                    decided[payment.EndToEndId] = (txCode, tx.Reasons);
                }
                else if (info.Status is { } inherited)
                {
                    decided[payment.EndToEndId] = (inherited, info.Reasons.Count > 0 ? info.Reasons : tx.Reasons);
                }
            }
        }

        var transitions = new List<PaymentTransition>();
        var updated = new List<Payment>(batch.Payments.Count);
        foreach (var payment in batch.Payments)
        {
            (PaymentStatusCode Code, IReadOnlyList<StatusReason> Reasons)? status;
            if (groupRejected)
            {
                // The whole file is refused: no payment of it will be executed, whatever lower levels say.
                status = (PaymentStatusCode.Rejected, report.GroupReasons);
            }
            else if (decided.TryGetValue(payment.EndToEndId, out var own))
            {
                status = own;
            }
            else if (pmtInfStatus.TryGetValue(groupOf[payment.EndToEndId], out var fromInfo))
            {
                status = fromInfo;
            }
            else if (report.GroupStatus is { } groupCode)
            {
                status = (groupCode, report.GroupReasons);
            }
            else
            {
                status = null;
            }
            updated.Add(status is { } s ? ApplyBankStatus(payment, s.Code, s.Reasons, transitions, findings) : payment);
        }
        return new LifecycleResult(batch with { Payments = updated }, transitions, findings, []);
    }

    /// <summary>
    /// A camt.054 (or camt.053) debit carrying the payment's end-to-end id: the money has left, so the payment is
    /// Executed. An unknown id is a finding; an already executed payment is left alone.
    /// </summary>
    public static LifecycleResult RecordDebit(PaymentBatch batch, string endToEndId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrEmpty(endToEndId);
        var findings = new List<StatusFinding>();
        var transitions = new List<PaymentTransition>();
        var found = false;
        var payments = batch.Payments.Select(p =>
        {
            if (!string.Equals(p.EndToEndId, endToEndId, StringComparison.Ordinal))
            {
                return p;
            }
            found = true;
            if (p.Status == PaymentStatus.Executed)
            {
                return p;
            }
            if (p.Status == PaymentStatus.Rejected)
            {
                findings.Add(new StatusFinding(FindingKind.DebitedAfterRejection, p.EndToEndId,
                    "the account was debited for a payment the bank had rejected; check with the bank"));
                return p;
            }
            if (p.Status < PaymentStatus.Sent)
            {
                findings.Add(new StatusFinding(FindingKind.StatusBeforeSent, p.EndToEndId, "debited before Bankflow marked the payment as sent"));
            }
            return Move(p, PaymentStatus.Executed, p.BankStatus, [], transitions);
        }).ToList();
        if (!found)
        {
            findings.Add(new StatusFinding(FindingKind.UnknownPayment, endToEndId, $"a debit for a payment that is not in batch {batch.BatchId}"));
        }
        return new LifecycleResult(batch with { Payments = payments }, transitions, findings, []);
    }

    /// <summary>The lifecycle status a bank status leads to; null when it moves nothing (RCVD, ACTC, PDNG) or is unknown.</summary>
    public static PaymentStatus? TargetOf(PaymentStatusCode code) => code.Code switch
    {
        "RJCT" or "CANC" => PaymentStatus.Rejected,
        "ACSC" => PaymentStatus.Executed,
        "ACCP" or "ACSP" or "ACWC" or "ACWP" or "PART" => PaymentStatus.Accepted,
        _ => null,
    };

    private static Payment ApplyBankStatus(Payment payment, PaymentStatusCode code, IReadOnlyList<StatusReason> reasons,
        List<PaymentTransition> transitions, List<StatusFinding> findings)
    {
        if (!code.IsKnown)
        {
            findings.Add(new StatusFinding(FindingKind.UnknownStatusCode, payment.EndToEndId, $"unknown bank status {code.Code}; the payment is left {payment.Status}"));
            return payment;
        }
        var target = TargetOf(code);
        if (target is not { } to || to == payment.Status)
        {
            return payment;
        }
        if (payment.Status == PaymentStatus.Rejected)
        {
            findings.Add(new StatusFinding(FindingKind.StatusAfterRejection, payment.EndToEndId,
                $"the bank reports {code.Code} for a payment it rejected before; the payment stays rejected"));
            return payment;
        }
        if (payment.Status == PaymentStatus.Executed)
        {
            if (to == PaymentStatus.Rejected)
            {
                findings.Add(new StatusFinding(FindingKind.RejectedAfterExecuted, payment.EndToEndId,
                    $"the bank rejects a payment already executed ({Describe(reasons)}); the payment stays executed: check with the bank"));
            }
            return payment;
        }
        if (to != PaymentStatus.Rejected && to < payment.Status)
        {
            return payment;
        }
        if (payment.Status < PaymentStatus.Sent)
        {
            findings.Add(new StatusFinding(FindingKind.StatusBeforeSent, payment.EndToEndId,
                $"the bank reports {code.Code} for a payment Bankflow had not marked as sent"));
        }
        if (code == PaymentStatusCode.AcceptedWithChange)
        {
            findings.Add(new StatusFinding(FindingKind.AcceptedWithChange, payment.EndToEndId, $"accepted with a change by the bank: {Describe(reasons)}"));
        }
        return Move(payment, to, code, to == PaymentStatus.Rejected ? reasons : [], transitions);
    }

    private static Payment Move(Payment payment, PaymentStatus to, PaymentStatusCode? bankStatus, IReadOnlyList<StatusReason> reasons,
        List<PaymentTransition> transitions)
    {
        transitions.Add(new PaymentTransition(payment.EndToEndId, payment.Status, to, bankStatus, reasons));
        return payment with { Status = to, BankStatus = bankStatus ?? payment.BankStatus, RejectionReasons = to == PaymentStatus.Rejected ? reasons : [] };
    }

    private static string Describe(IReadOnlyList<StatusReason> reasons) =>
        reasons.Count == 0 ? "no reason given" : string.Join("; ", reasons);
}
