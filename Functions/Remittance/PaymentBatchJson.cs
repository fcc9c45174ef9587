using System.Globalization;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Remittance;

/// <summary>The JSON answers for batches: amounts as "1234.50" (kroner, exact) plus øre as an integer.</summary>
public static class PaymentBatchJson
{
    public static object ToView(StoredBatch stored, bool repeated = false)
    {
        var b = stored.Batch;
        var api = $"/api/clients/{b.ClientId.Value}/payment-batches/{b.BatchId}";
        return new
        {
            batchId = b.BatchId,
            bank = b.Bank.ToString(),
            approvalMode = b.ApprovalMode.ToString(),
            integrationMode = b.IntegrationMode.ToString(),
            requiresOnlineBankApproval = b.RequiresOnlineBankApproval,
            debtor = new { name = b.Debtor.Name, organisationNumber = b.Debtor.OrganisationNumber.Value },
            painVersion = AgreementJson.WireName(stored.PainVersion),
            createdAt = b.CreatedAt,
            paymentCount = b.Payments.Count,
            total = b.Total.ToString(),
            totalOre = b.Total.Ore,
            statusCounts = PaymentBatchStore.StatusCounts(b),
            authorisation = b.Authorisation is { } a ? new { authorisedBy = a.AuthorisedBy, authorisedAt = a.AuthorisedAt, bankIdReference = a.BankIdReference, recordedAt = a.RecordedAt } : null,
            readyAt = stored.ReadyAt,
            sentAt = b.SentAt,
            outboxPath = stored.OutboxPath is null ? null : "outbox/" + stored.OutboxPath,
            lastStatusAt = stored.LastStatusAt,
            repeated,
            links = new { self = api, authorise = api + "/authorise", send = api + "/send", file = api + "/file" },
            payments = b.Payments.Select(ToView),
        };
    }

    public static object ToSummary(StoredBatch stored, int paymentCount, Money total, IReadOnlyDictionary<string, int> statusCounts)
    {
        var b = stored.Batch;
        return new
        {
            batchId = b.BatchId,
            bank = b.Bank.ToString(),
            approvalMode = b.ApprovalMode.ToString(),
            integrationMode = b.IntegrationMode.ToString(),
            createdAt = b.CreatedAt,
            paymentCount,
            total = total.ToString(),
            totalOre = total.Ore,
            statusCounts,
            authorisedAt = b.Authorisation?.AuthorisedAt,
            readyAt = stored.ReadyAt,
            sentAt = b.SentAt,
            lastStatusAt = stored.LastStatusAt,
        };
    }

    private static object ToView(Payment p) => new
    {
        instructionId = p.InstructionId,
        endToEndId = p.EndToEndId,
        debtorAccount = p.DebtorAccount.Value,
        creditorName = p.CreditorName,
        creditorAccount = p.CreditorAccount.ToString(),
        amount = p.Amount.ToString(),
        amountOre = p.Amount.Ore,
        requestedExecutionDate = p.RequestedExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        kid = (p.Remittance as KidReference)?.Kid.Value,
        text = (p.Remittance as FreeText)?.Text,
        invoiceNumber = (p.Remittance as InvoiceReference)?.Number,
        status = p.Status.ToString(),
        bankStatus = p.BankStatus?.Code,
        rejectionReasons = p.RejectionReasons.Select(r => new
        {
            code = r.Code?.Code ?? r.Proprietary,
            description = r.Description,
            additionalInfo = r.AdditionalInfo,
            text = r.ToString(),
        }),
    };
}
