using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Remittance;

/// <summary>What a save came to: written (the agreement row's new ETag), or refused because the ledger account is another bank account's.</summary>
public sealed record AgreementWrite(ETag ETag, AccountNumber? LedgerAccountHolder)
{
    public bool IsWritten => LedgerAccountHolder is null;
}

/// <summary>
/// The Agreements table: PartitionKey client id, RowKey the bank account's 11 digits — and, in the same partition, one
/// index row per ledger account in use, RowKey <c>ledger|{number}</c>, naming its bank account. A save writes the
/// agreement and its ledger index row in one entity-group transaction, each on a condition (insert-only, or the ETag
/// it was read with), and deletes the index row of a ledger account it gives up in the same transaction. So of two
/// saves that would put one ledger account on two bank accounts, only one can commit: a ledger account maps to one
/// bank account per client by construction, not by the timing of a check.
/// </summary>
public sealed class AgreementStore(BankflowStorage storage)
{
    /// <summary>Index rows sort after every agreement row (digits) and start with this.</summary>
    internal const string LedgerIndexPrefix = "ledger|";

    // Each turn means another save changed a row this one read; past this many, report a concurrent change.
    private const int MaxTurns = 10;

    private TableClient Table => storage.Table(StorageNames.AgreementsTable);

    internal static string LedgerIndexKey(LedgerAccount ledger) => LedgerIndexPrefix + ledger.Number;

    public async Task<StoredAgreement?> GetAsync(ClientId client, AccountNumber account, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, account.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
    }

    public async Task<IReadOnlyList<StoredAgreement>> ListAsync(ClientId client, CancellationToken cancellationToken)
    {
        var list = new List<StoredAgreement>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and RowKey lt {LedgerIndexPrefix}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(client, entity));
        }
        return list;
    }

    /// <summary>
    /// Saves the settings with their ledger index row (see the type's remarks). With <paramref name="ifMatch"/> the
    /// row must still carry that ETag, or with <see cref="ETag.All"/> merely exist (else a 412
    /// <see cref="RequestFailedException"/>); without, the row is written over whatever is there.
    /// </summary>
    public Task<AgreementWrite> SaveAsync(StoredAgreement stored, ETag? ifMatch, CancellationToken cancellationToken) =>
        SaveAsync(stored, WritePrecondition.FromIfMatch(ifMatch), cancellationToken);

    /// <summary>
    /// Saves the settings with their ledger index row (see the type's remarks), on <paramref name="precondition"/>
    /// decided against the row as stored: a 412 <see cref="RequestFailedException"/> when it does not hold (an ETag
    /// that is not the row's, <c>*</c> for a row that does not exist, create-only for one that does). A ledger account
    /// another bank account of the client holds is refused (nothing written); a 409/412
    /// <see cref="RequestFailedException"/> when other saves kept changing the rows.
    /// </summary>
    public async Task<AgreementWrite> SaveAsync(StoredAgreement stored, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var client = stored.Client.Value;
        var account = stored.Agreement.BankAccount.Value;
        var ledger = stored.Agreement.LedgerAccount;
        for (var turn = 1; ; turn++)
        {
            var current = await ReadAsync(client, account, cancellationToken).ConfigureAwait(false);
            if (!precondition.AllowsOver(current?.ETag))
            {
                throw PreconditionFailed(precondition);
            }
            var entity = ToEntity(stored);
            var actions = new List<TableTransactionAction>
            {
                // Written on the ETag it was read with: a save in between fails this one (and the caller's condition is re-decided).
                current is null ? new(TableTransactionActionType.Add, entity) : new(TableTransactionActionType.UpdateReplace, entity, current.ETag),
            };
            if (ledger is not null)
            {
                var index = await ReadAsync(client, LedgerIndexKey(ledger), cancellationToken).ConfigureAwait(false);
                var holder = index?.GetString("BankAccount");
                if (holder is not null && holder != account && await HoldsAsync(client, holder, ledger, cancellationToken).ConfigureAwait(false))
                {
                    return new AgreementWrite(default, AccountNumber.Parse(holder));
                }
                // Ours already, or stale: rewritten on its ETag all the same, so a save racing for it fails.
                var row = new TableEntity(client, LedgerIndexKey(ledger)) { ["BankAccount"] = account };
                actions.Add(index is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, index.ETag));
            }
            if (current?.GetString("LedgerAccount") is { } previous && previous != ledger?.Number)
            {
                var released = await ReadAsync(client, LedgerIndexPrefix + previous, cancellationToken).ConfigureAwait(false);
                if (released is not null && released.GetString("BankAccount") == account)
                {
                    actions.Add(new(TableTransactionActionType.Delete, released, released.ETag));
                }
            }
            try
            {
                var response = await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return new AgreementWrite(response.Value[0].Headers.ETag ?? default, null);
            }
            catch (TableTransactionFailedException ex) when (precondition.Kind is WritePreconditionKind.Matches or WritePreconditionKind.Absent && ex.FailedTransactionActionIndex is 0 or null)
            {
                // The agreement row changed (or was created) after it was read: the caller's ETag is stale, or create-only lost.
                throw PreconditionFailed(precondition, ex);
            }
            catch (TableTransactionFailedException) when (turn < MaxTurns)
            {
                // Another save changed a row this one read (an index row, or the agreement written over without If-Match): read again.
            }
        }
    }

    private static RequestFailedException PreconditionFailed(WritePrecondition precondition, Exception? inner = null) => new(
        412,
        precondition.Kind switch
        {
            WritePreconditionKind.Absent => "the agreement exists already (If-None-Match: *)",
            WritePreconditionKind.Exists => "there is no agreement to update (If-Match: *)",
            _ => "the agreement is not at the ETag given (If-Match)",
        },
        "UpdateConditionNotSatisfied",
        inner);

    /// <summary>Whether bank account <paramref name="holder"/>'s agreement has <paramref name="ledger"/> (an index row can outlive nothing else).</summary>
    private async Task<bool> HoldsAsync(string client, string holder, LedgerAccount ledger, CancellationToken cancellationToken)
    {
        var agreement = await ReadAsync(client, holder, cancellationToken).ConfigureAwait(false);
        return agreement?.GetString("LedgerAccount") == ledger.Number;
    }

    private async Task<TableEntity?> ReadAsync(string client, string rowKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
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
        e.SetIfNotNull("NetsOcrAvtaleId", a.NetsOcrAvtaleId);
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
            NetsOcrAvtaleId = e.GetString("NetsOcrAvtaleId"),
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
