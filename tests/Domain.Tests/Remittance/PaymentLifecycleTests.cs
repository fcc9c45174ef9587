using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;

namespace Bankflow.Domain.Tests.Remittance;

public sealed class PaymentLifecycleTests
{
    private static readonly BatchAuthorisation Signed = new("kari.nordmann", Given.CreatedAt.AddMinutes(5), "bankid-7f3a-2291");

    private static PaymentBatch Sent(ApprovalMode mode = ApprovalMode.PostApproval)
    {
        var batch = Given.SampleBatch(mode);
        if (mode == ApprovalMode.AccountingApproved)
        {
            batch = PaymentLifecycle.Authorise(batch, Signed).Batch;
        }
        var sent = PaymentLifecycle.MarkSent(batch, Given.CreatedAt.AddMinutes(10));
        Assert.True(sent.Succeeded);
        return sent.Batch;
    }

    private static Pain002Report Report(PaymentStatusCode? group, params Pain002PaymentInformation[] infos) => new()
    {
        OriginalMessageId = "PAY-20240523-0001",
        GroupStatus = group,
        PaymentInformations = infos,
    };

    private static Pain002Transaction Tx(string endToEndId, PaymentStatusCode status, params StatusReason[] reasons) =>
        new() { OriginalEndToEndId = endToEndId, Status = status, Reasons = reasons };

    private static readonly StatusReason AC01 = new(StatusReasonCode.IncorrectAccountNumber, null, ["Mottakers kontonummer finnes ikke"]);

    [Fact]
    public void RgB_batches_are_authorised_then_sent()
    {
        var batch = Given.SampleBatch(ApprovalMode.AccountingApproved);
        Assert.False(batch.RequiresOnlineBankApproval);

        var authorised = PaymentLifecycle.Authorise(batch, Signed);
        Assert.True(authorised.Succeeded);
        Assert.All(authorised.Transitions, t => Assert.Equal((PaymentStatus.Created, PaymentStatus.Authorised), (t.From, t.To)));
        Assert.Equal(Signed, authorised.Batch.Authorisation);

        var sent = PaymentLifecycle.MarkSent(authorised.Batch, Given.CreatedAt.AddMinutes(10));
        Assert.True(sent.Succeeded);
        Assert.All(sent.Batch.Payments, p => Assert.Equal(PaymentStatus.Sent, p.Status));
    }

    /// <summary>Seed 001: "Betalingene autoriseres i POGO med BankID" — an RgB batch is never sent unauthorised.</summary>
    [Fact]
    public void RgB_without_authorisation_is_not_sent()
    {
        var batch = Given.SampleBatch(ApprovalMode.AccountingApproved);
        var result = PaymentLifecycle.MarkSent(batch, Given.CreatedAt.AddMinutes(10));
        Assert.False(result.Succeeded);
        Assert.Equal("authorisation", Assert.Single(result.Errors).Field);
        Assert.Same(batch, result.Batch);
        Assert.Empty(result.Transitions);
    }

    [Fact]
    public void An_authorisation_needs_who_and_the_BankID_reference()
    {
        var batch = Given.SampleBatch(ApprovalMode.AccountingApproved);
        var result = PaymentLifecycle.Authorise(batch, new BatchAuthorisation(" ", Given.CreatedAt.AddMinutes(-1), ""));
        Assert.Equal(["authorisedBy", "bankIdReference", "authorisedAt"], result.Errors.Select(e => e.Field));
        Assert.Null(result.Batch.Authorisation);
    }

    [Fact]
    public void Post_approval_batches_are_sent_flagged_and_cannot_be_authorised_in_Bankflow()
    {
        var batch = Given.SampleBatch();
        Assert.True(batch.RequiresOnlineBankApproval);
        Assert.Equal("approvalMode", Assert.Single(PaymentLifecycle.Authorise(batch, Signed).Errors).Field);

        var sent = PaymentLifecycle.MarkSent(batch, Given.CreatedAt.AddMinutes(1));
        Assert.All(sent.Transitions, t => Assert.Equal((PaymentStatus.Created, PaymentStatus.Sent), (t.From, t.To)));
        Assert.Equal("sentAt", Assert.Single(PaymentLifecycle.MarkSent(sent.Batch, Given.CreatedAt.AddMinutes(2)).Errors).Field);
    }

    [Fact]
    public void ACTC_then_PART_with_one_RJCT_AC01_and_a_repeat_changes_nothing()
    {
        var batch = Sent();

        // File 1: group ACTC only — technically accepted, nothing moves.
        var actc = PaymentLifecycle.ApplyStatusReport(batch, Report(PaymentStatusCode.AcceptedTechnicalValidation));
        Assert.Empty(actc.Transitions);
        Assert.Empty(actc.Findings);

        // File 2: PART; only the rejected transaction is itemised, the other two are accepted.
        var part = Report(PaymentStatusCode.PartiallyAccepted, new Pain002PaymentInformation
        {
            OriginalPaymentInformationId = "PAY-20240523-0001-A",
            Status = PaymentStatusCode.PartiallyAccepted,
            Transactions = [Tx("E2E-2024-0003", PaymentStatusCode.Rejected, AC01)],
        });
        var applied = PaymentLifecycle.ApplyStatusReport(actc.Batch, part);
        Assert.Empty(applied.Findings);
        Assert.Equal(
            [("E2E-2024-0001", PaymentStatus.Accepted), ("E2E-2024-0002", PaymentStatus.Accepted), ("E2E-2024-0003", PaymentStatus.Rejected)],
            applied.Transitions.Select(t => (t.EndToEndId, t.To)));
        var rejected = applied.Batch.Payments[2];
        Assert.Equal("AC01", Assert.Single(rejected.RejectionReasons).Code!.Value.Code);
        Assert.Empty(applied.Batch.Payments[0].RejectionReasons);

        // The same file again: idempotent.
        var again = PaymentLifecycle.ApplyStatusReport(applied.Batch, part);
        Assert.Empty(again.Transitions);
        Assert.Empty(again.Findings);
        Assert.Equal(applied.Batch.Payments, again.Batch.Payments);
    }

    [Fact]
    public void Group_RJCT_rejects_every_payment_whatever_lower_levels_say()
    {
        var report = Report(PaymentStatusCode.Rejected, new Pain002PaymentInformation
        {
            OriginalPaymentInformationId = "PAY-20240523-0001-A",
            Transactions = [Tx("E2E-2024-0001", PaymentStatusCode.AcceptedCustomerProfile)],
        }) with { GroupReasons = [new StatusReason(StatusReasonCode.InvalidControlSum, null, ["ControlSum fehlerhaft"])] };
        var result = PaymentLifecycle.ApplyStatusReport(Sent(), report);
        Assert.Equal(3, result.Transitions.Count);
        Assert.All(result.Batch.Payments, p =>
        {
            Assert.Equal(PaymentStatus.Rejected, p.Status);
            Assert.Equal("AM10", Assert.Single(p.RejectionReasons).Code!.Value.Code);
        });
    }

    [Fact]
    public void PmtInf_status_applies_to_its_payments_unless_a_transaction_status_overrides()
    {
        var report = Report(null, new Pain002PaymentInformation
        {
            OriginalPaymentInformationId = "PAY-20240523-0001-A",
            Status = PaymentStatusCode.Rejected,
            Reasons = [new StatusReason(StatusReasonCode.Narrative, null, ["Sammelauftrag ohne ausführbaren Einzelauftrag"])],
            Transactions = [Tx("E2E-2024-0002", PaymentStatusCode.AcceptedSettlementInProcess)],
        });
        var result = PaymentLifecycle.ApplyStatusReport(Sent(), report);
        Assert.Equal([PaymentStatus.Rejected, PaymentStatus.Accepted, PaymentStatus.Rejected], result.Batch.Payments.Select(p => p.Status));
        Assert.Equal("NARR", result.Batch.Payments[0].RejectionReasons[0].Code!.Value.Code);
    }

    [Fact]
    public void An_unknown_end_to_end_id_is_reported_and_the_rest_applied()
    {
        var report = Report(null, new Pain002PaymentInformation
        {
            OriginalPaymentInformationId = "PAY-20240523-0001-A",
            Transactions = [Tx("E2E-NOT-OURS", PaymentStatusCode.Rejected, AC01), Tx("E2E-2024-0001", PaymentStatusCode.AcceptedSettlementCompleted)],
        });
        var result = PaymentLifecycle.ApplyStatusReport(Sent(), report);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingKind.UnknownPayment, "E2E-NOT-OURS"), (finding.Kind, finding.EndToEndId));
        Assert.Equal(("E2E-2024-0001", PaymentStatus.Sent, PaymentStatus.Executed), Assert.Single(result.Transitions) is var t ? (t.EndToEndId, t.From, t.To) : default);
    }

    [Fact]
    public void A_report_for_another_file_applies_nothing()
    {
        var result = PaymentLifecycle.ApplyStatusReport(Sent(), Report(PaymentStatusCode.Rejected) with { OriginalMessageId = "PAY-OTHER" });
        Assert.Empty(result.Transitions);
        Assert.Equal(FindingKind.OriginalMessageIdMismatch, Assert.Single(result.Findings).Kind);
    }

    [Fact]
    public void Statuses_never_move_backwards()
    {
        var executed = PaymentLifecycle.ApplyStatusReport(Sent(), Report(PaymentStatusCode.AcceptedSettlementCompleted)).Batch;
        Assert.All(executed.Payments, p => Assert.Equal(PaymentStatus.Executed, p.Status));

        // ACCP after ACSC: ignored silently.
        var late = PaymentLifecycle.ApplyStatusReport(executed, Report(PaymentStatusCode.AcceptedCustomerProfile));
        Assert.Empty(late.Transitions);
        Assert.Empty(late.Findings);

        // RJCT after ACSC: a finding for each payment, no change.
        var rejected = PaymentLifecycle.ApplyStatusReport(executed, Report(PaymentStatusCode.Rejected));
        Assert.Empty(rejected.Transitions);
        Assert.Equal(3, rejected.Findings.Count);
        Assert.All(rejected.Findings, f => Assert.Equal(FindingKind.RejectedAfterExecuted, f.Kind));
        Assert.All(rejected.Batch.Payments, p => Assert.Equal(PaymentStatus.Executed, p.Status));
    }

    [Fact]
    public void Acceptance_after_rejection_is_a_finding()
    {
        var rejected = PaymentLifecycle.ApplyStatusReport(Sent(), Report(PaymentStatusCode.Rejected)).Batch;
        var result = PaymentLifecycle.ApplyStatusReport(rejected, Report(PaymentStatusCode.AcceptedSettlementCompleted));
        Assert.Empty(result.Transitions);
        Assert.All(result.Findings, f => Assert.Equal(FindingKind.StatusAfterRejection, f.Kind));
    }

    [Fact]
    public void PDNG_and_unknown_codes_move_nothing()
    {
        var batch = Sent();
        Assert.Empty(PaymentLifecycle.ApplyStatusReport(batch, Report(PaymentStatusCode.Pending)).Transitions);
        var unknown = PaymentLifecycle.ApplyStatusReport(batch, Report(new PaymentStatusCode("ZZZZ")));
        Assert.Empty(unknown.Transitions);
        Assert.All(unknown.Findings, f => Assert.Equal(FindingKind.UnknownStatusCode, f.Kind));
    }

    [Fact]
    public void ACWC_accepts_and_reports_the_change()
    {
        var report = Report(null, new Pain002PaymentInformation
        {
            OriginalPaymentInformationId = "PAY-20240523-0001-A",
            Transactions = [Tx("E2E-2024-0001", PaymentStatusCode.AcceptedWithChange, new StatusReason(null, null, ["Betalingsdato flyttet til 2024-05-27"]))],
        });
        var result = PaymentLifecycle.ApplyStatusReport(Sent(), report);
        Assert.Equal(PaymentStatus.Accepted, result.Batch.Payments[0].Status);
        Assert.Contains("2024-05-27", Assert.Single(result.Findings, f => f.Kind == FindingKind.AcceptedWithChange).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_camt054_debit_with_the_end_to_end_id_executes_the_payment()
    {
        var accepted = PaymentLifecycle.ApplyStatusReport(Sent(), Report(PaymentStatusCode.AcceptedCustomerProfile)).Batch;
        var debit = PaymentLifecycle.RecordDebit(accepted, "E2E-2024-0002");
        Assert.Equal(("E2E-2024-0002", PaymentStatus.Accepted, PaymentStatus.Executed), Assert.Single(debit.Transitions) is var t ? (t.EndToEndId, t.From, t.To) : default);
        Assert.Empty(PaymentLifecycle.RecordDebit(debit.Batch, "E2E-2024-0002").Transitions);
        Assert.Equal(FindingKind.UnknownPayment, Assert.Single(PaymentLifecycle.RecordDebit(debit.Batch, "E2E-X").Findings).Kind);
    }

    [Fact]
    public void A_bank_status_for_a_payment_not_marked_sent_is_applied_and_reported()
    {
        var created = Given.SampleBatch();
        var result = PaymentLifecycle.ApplyStatusReport(created, Report(PaymentStatusCode.AcceptedCustomerProfile));
        Assert.All(result.Transitions, t => Assert.Equal((PaymentStatus.Created, PaymentStatus.Accepted), (t.From, t.To)));
        Assert.Equal(3, result.Findings.Count(f => f.Kind == FindingKind.StatusBeforeSent));
    }
}
