using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Remittance;

/// <summary>The Agreements table: PartitionKey client id, RowKey the bank account's 11 digits.</summary>
public sealed class AgreementStore(BankflowStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.AgreementsTable);

    public async Task<StoredAgreement?> GetAsync(ClientId client, AccountNumber account, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, account.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
    }

    public async Task<IReadOnlyList<StoredAgreement>> ListAsync(ClientId client, CancellationToken cancellationToken)
    {
        var list = new List<StoredAgreement>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(client, entity));
        }
        return list;
    }

    /// <summary>
    /// Saves the settings. With <paramref name="ifMatch"/> the row must still carry that ETag (else a 412
    /// <see cref="RequestFailedException"/>; 404 when it is gone); without, the row is written as is. Returns the new ETag.
    /// </summary>
    public async Task<ETag> SaveAsync(StoredAgreement stored, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var entity = ToEntity(stored);
        Azure.Response response;
        if (ifMatch is { } etag && etag != ETag.All)
        {
            response = await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            response = await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        return response.Headers.ETag ?? default;
    }

    private static TableEntity ToEntity(StoredAgreement s)
    {
        var a = s.Agreement;
        var e = new TableEntity(s.Client.Value, a.BankAccount.Value)
        {
            ["Bank"] = a.Bank.ToString(),
            ["IntegrationMode"] = a.IntegrationMode.ToString(),
            ["PayoutService"] = a.PayoutService.ToString(),
            ["ApprovalMode"] = a.ApprovalMode.ToString(),
            ["DualApprovalInBank"] = a.DualApprovalInBank,
            ["NetsOcr"] = a.IncomingServices.HasFlag(IncomingServices.NetsOcr),
            ["KidInvoicingEnabled"] = a.KidInvoicingEnabled,
            ["OcrAgreement"] = a.OcrAgreement,
            ["ValidFrom"] = a.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["OrganisationNumber"] = s.OrganisationNumber.Value,
            ["CompanyName"] = s.CompanyName,
            ["PainVersion"] = s.PainVersion.ToString(),
            ["UpdatedAt"] = s.UpdatedAt,
        };
        e.SetIfNotNull("AvtaleId", a.AvtaleId);
        e.SetIfNotNull("DnbDivisionName", a.DnbDivision?.Name);
        e.SetIfNotNull("DnbDivisionNumber", a.DnbDivision?.Number);
        e.SetIfNotNull("FeeLedgerAccount", a.FeeLedgerAccount?.Number);
        e.SetIfNotNull("LedgerAccount", a.LedgerAccount?.Number);
        return e;
    }

    private static StoredAgreement FromEntity(ClientId client, TableEntity e)
    {
        var divisionName = e.GetString("DnbDivisionName");
        var divisionNumber = e.GetString("DnbDivisionNumber");
        var agreement = new BankAgreement
        {
            BankAccount = AccountNumber.Parse(e.RowKey),
            Bank = Enum.Parse<Bank>(e.GetString("Bank") ?? nameof(Bank.Other)),
            IntegrationMode = Enum.Parse<IntegrationMode>(e.GetString("IntegrationMode") ?? nameof(IntegrationMode.Direct)),
            PayoutService = Enum.Parse<PayoutService>(e.GetString("PayoutService") ?? nameof(PayoutService.BankIntegration)),
            ApprovalMode = Enum.Parse<ApprovalMode>(e.GetString("ApprovalMode") ?? nameof(ApprovalMode.PostApproval)),
            DualApprovalInBank = e.GetBoolean("DualApprovalInBank") ?? false,
            IncomingServices = e.GetBoolean("NetsOcr") == true ? IncomingServices.NetsOcr : IncomingServices.None,
            KidInvoicingEnabled = e.GetBoolean("KidInvoicingEnabled") ?? false,
            OcrAgreement = e.GetBoolean("OcrAgreement") ?? false,
            ValidFrom = DateOnly.ParseExact(e.GetString("ValidFrom") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            AvtaleId = e.GetString("AvtaleId"),
            DnbDivision = divisionName is null && divisionNumber is null ? null : new DnbDivision(divisionName ?? "", divisionNumber ?? ""),
            FeeLedgerAccount = e.GetString("FeeLedgerAccount") is { } fee ? LedgerAccount.Parse(fee) : null,
            LedgerAccount = e.GetString("LedgerAccount") is { } ledger ? LedgerAccount.Parse(ledger) : null,
        };
        return new StoredAgreement(
            client,
            agreement,
            OrganisationNumber.Parse(e.GetString("OrganisationNumber") ?? ""),
            e.GetString("CompanyName") ?? "",
            Enum.Parse<Pain001Version>(e.GetString("PainVersion") ?? nameof(Pain001Version.V03)),
            e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
        {
            ETag = e.ETag,
        };
    }
}
