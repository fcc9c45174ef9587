using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Tests.Remittance;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Pain;

/// <summary>The reference pain.002 files applied to batches built to match the pain.001 they answer.</summary>
public sealed class Pain002SampleLifecycleTests
{
    private static Pain002Report Report(string relative)
    {
        using var file = PainSamples.Open(relative);
        return Pain002Reader.Read(file).Report!;
    }

    private static PaymentBatch Sent(PaymentBatch batch) => PaymentLifecycle.MarkSent(batch, Given.CreatedAt.AddMinutes(1)).Batch;

    /// <summary>
    /// SYNTHETIC_pain.001.001.03_NO_kid_freetext_invoice answered by _1_file_ACTC then _2_PART_one_RJCT:
    /// ACTC moves nothing; PART accepts E2E-2024-0001/0002 (not itemised) and rejects E2E-2024-0003 with AC01;
    /// the PART file dropped in twice changes nothing the second time.
    /// </summary>
    [SharedReferenceFact]
    public void Norwegian_ACTC_then_PART_sequence()
    {
        var batch = Sent(Given.SampleBatch());
        Assert.Equal("PAY-20240523-0001-A", batch.Groups().Single().PaymentInformationId);

        var actc = PaymentLifecycle.ApplyStatusReport(batch, Report(PainSamples.Pain002Actc));
        Assert.Empty(actc.Transitions);
        Assert.Empty(actc.Findings);

        var part = PaymentLifecycle.ApplyStatusReport(actc.Batch, Report(PainSamples.Pain002Part));
        Assert.Empty(part.Findings);
        Assert.Equal(
            [("E2E-2024-0001", PaymentStatus.Sent, PaymentStatus.Accepted), ("E2E-2024-0002", PaymentStatus.Sent, PaymentStatus.Accepted), ("E2E-2024-0003", PaymentStatus.Sent, PaymentStatus.Rejected)],
            part.Transitions.Select(t => (t.EndToEndId, t.From, t.To)));
        var reason = Assert.Single(part.Batch.Payments[2].RejectionReasons);
        Assert.Equal("AC01 incorrect account number: Mottakers kontonummer finnes ikke", reason.ToString());

        var again = PaymentLifecycle.ApplyStatusReport(part.Batch, Report(PainSamples.Pain002Part));
        Assert.Empty(again.Transitions);
        Assert.Empty(again.Findings);
    }

    /// <summary>SYNTHETIC_pain.001.001.09 (KID 10002389 4999.00, text 1000.00) answered by the .10 report: ACSC and RJCT AM04.</summary>
    [SharedReferenceFact]
    public void Norwegian_v10_executed_and_rejected()
    {
        var built = PaymentBatchBuilder.Build(Given.Request(
            [Given.Kid("E2E-2024-0101", 4999.00m, kid: "10002389"), Given.Text("E2E-2024-0102", 1000.00m, "Medlemskontingent 2024, Ola Nordmann") with { CreditorAccount = "30001234575" }],
            batchId: "PAY-20240523-0002"));
        Assert.True(built.IsValid, string.Join("\n", built.Errors));
        var result = PaymentLifecycle.ApplyStatusReport(Sent(built.Batch!), Report(PainSamples.Pain002V10));
        Assert.Empty(result.Findings);
        Assert.Equal([PaymentStatus.Executed, PaymentStatus.Rejected], result.Batch.Payments.Select(p => p.Status));
        Assert.Equal("AM04", result.Batch.Payments[1].RejectionReasons.Single().Code!.Value.Code);
        Assert.Equal("ACSC", result.Batch.Payments[0].BankStatus!.Value.Code);
    }

    /// <summary>The PostFinance group RJCT AM10 file, pointed at a batch with the same message id: every payment rejected.</summary>
    [SharedReferenceFact]
    public void Group_RJCT_AM10_rejects_the_whole_file()
    {
        var built = PaymentBatchBuilder.Build(Given.Request([Given.Text("E2E-1", 10m), Given.Text("E2E-2", 20m)], batchId: "MsgId-005"));
        var result = PaymentLifecycle.ApplyStatusReport(Sent(built.Batch!), Report(PainSamples.SwissGroupAm10));
        Assert.All(result.Batch.Payments, p => Assert.Equal(("AM10", PaymentStatus.Rejected), (p.RejectionReasons.Single().Code!.Value.Code, p.Status)));
    }

    /// <summary>The PostFinance PART file names a payment this batch does not have: reported, nothing else moves.</summary>
    [SharedReferenceFact]
    public void Unknown_end_to_end_id_in_a_real_bank_file_is_reported()
    {
        var built = PaymentBatchBuilder.Build(Given.Request([Given.Text("E2E-1", 10m)], batchId: "MsgId-001"));
        var result = PaymentLifecycle.ApplyStatusReport(Sent(built.Batch!), Report(PainSamples.SwissPartAc01));
        Assert.Empty(result.Transitions);
        Assert.Equal(
            [(FindingKind.UnknownPaymentInformation, (string?)null), (FindingKind.UnknownPayment, "EndToEndId-001-03-04")],
            result.Findings.Select(f => (f.Kind, f.EndToEndId)));
    }
}
