using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// Batches in two tables, both with PartitionKey = client id: <c>PaymentBatches</c> (RowKey batch id: the header —
/// bank, approval, authorisation, sent time, and the creation's state and reservation id) and <c>Payments</c> (RowKey
/// <c>{batchId}|{reservation}|{position:0000}</c>: one row per payment with its status). A batch is a header in state
/// <c>Created</c> and the payment rows of <em>its</em> reservation: rows of any other reservation under the same batch
/// id — a request that lost the batch id, or one that crashed half-way — are never read. How a batch comes to exist is
/// in PaymentBatchStore.Creation.cs, the end-to-end-id index in PaymentBatchStore.EndToEndIds.cs.
/// A batch-level event (authorised, sent) writes the header before the payments, so a crash in between is healed on
/// read: the header's event is applied to payments that lag.
/// </summary>
public sealed partial class PaymentBatchStore(BankflowStorage storage, TimeProvider time)
{
    private const int MaxTransaction = 100;

    // The header's creation state: Creating while its request writes (invisible to every read), Created once committed.
    private const string StateProperty = "State";
    private const string ReservationProperty = "Reservation";
    private const string Creating = "Creating";
    private const string Created = "Created";

    private TableClient Headers => storage.Table(StorageNames.PaymentBatchesTable);

    private TableClient Rows => storage.Table(StorageNames.PaymentsTable);

    public static string PaymentRowKey(string batchId, string reservation, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"{PaymentRowPrefix(batchId, reservation)}{position:D4}");

    /// <summary>Every row key of one reservation's payments starts with this, and no other row key does.</summary>
    private static string PaymentRowPrefix(string batchId, string reservation) => $"{BankEntryStore.KeySafe(batchId)}|{reservation}|";

    public async Task<StoredBatch?> GetAsync(ClientId client, string batchId, CancellationToken cancellationToken)
    {
        var response = await Headers.GetEntityIfExistsAsync<TableEntity>(client.Value, BankEntryStore.KeySafe(batchId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || !IsCommitted(response.Value!))
        {
            return null; // no batch, or one still being created (or abandoned half-way): not a batch yet
        }
        var header = response.Value!;
        var prefix = PaymentRowPrefix(batchId, header.GetString(ReservationProperty) ?? "");
        // '|' (0x7C) ends the prefix; '}' (0x7D) is the next character, so this range is exactly one reservation's rows.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and RowKey gt {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var payments = new List<Payment>();
        await foreach (var row in Rows.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            payments.Add(PaymentFromEntity(row));
        }
        return FromHeader(client, header, payments);
    }

    /// <summary>The client's committed batch headers (payments not loaded: <see cref="StoredBatch.Batch"/> has none), newest first.</summary>
    public async Task<IReadOnlyList<(StoredBatch Batch, int PaymentCount, Money Total, IReadOnlyDictionary<string, int> StatusCounts)>> ListAsync(ClientId client, int max, CancellationToken cancellationToken)
    {
        var list = new List<(StoredBatch, int, Money, IReadOnlyDictionary<string, int>)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value} and State eq {Created}");
        await foreach (var header in Headers.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(header.GetString("StatusCounts") ?? "{}") ?? [];
            list.Add((FromHeader(client, header, []), header.GetInt32("PaymentCount") ?? 0, new Money(header.GetInt64("TotalOre") ?? 0), counts));
        }
        return list.OrderByDescending(b => b.Item1.Batch.CreatedAt).Take(max).ToList();
    }

    /// <summary>
    /// Writes the header if it still has <paramref name="stored"/>'s ETag; 412 <see cref="RequestFailedException"/> when
    /// someone changed it meanwhile. Each write carries its own id (<c>WriteId</c>): when the SDK's retry of a write whose
    /// answer was lost meets the ETag that write changed, the header read back names this write, and it counts as done.
    /// </summary>
    public async Task<StoredBatch> SaveHeaderAsync(StoredBatch stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var header = ToHeader(stored);
        var writeId = Guid.NewGuid().ToString("N");
        header[WriteIdProperty] = writeId;
        try
        {
            var response = await Headers.UpdateEntityAsync(header, stored.ETag == default ? ETag.All : stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return stored with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            var current = await Headers.GetEntityIfExistsAsync<TableEntity>(header.PartitionKey, header.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (current.HasValue && current.Value!.GetString(WriteIdProperty) == writeId)
            {
                return stored with { ETag = current.Value.ETag };
            }
            throw;
        }
    }

    private const string WriteIdProperty = "WriteId";

    /// <summary>Rewrites the given payments' rows of <paramref name="stored"/>'s reservation (upserts in transactions of up to 100).</summary>
    public async Task SavePaymentsAsync(StoredBatch stored, IEnumerable<Payment> payments, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var chunk in payments.Chunk(MaxTransaction))
        {
            var actions = chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, PaymentToEntity(stored, p, at))).ToList();
            await Rows.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts per payment status, as shown in batch lists.</summary>
    public static Dictionary<string, int> StatusCounts(PaymentBatch batch) =>
        batch.Payments.GroupBy(p => p.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count(), StringComparer.Ordinal);

    public static string StatusCountsJson(PaymentBatch batch) => JsonSerializer.Serialize(StatusCounts(batch));

    /// <summary>A header absent or in any other state is no batch (a header without a state is none either: every write sets it).</summary>
    private static bool IsCommitted(TableEntity header) => header.GetString(StateProperty) == Created;

    /// <summary>The committed header; a reservation writes the same with <see cref="Creating"/> and its time.</summary>
    private static TableEntity ToHeader(StoredBatch s)
    {
        var b = s.Batch;
        var e = new TableEntity(b.ClientId.Value, BankEntryStore.KeySafe(b.BatchId))
        {
            [StateProperty] = Created,
            [ReservationProperty] = s.Reservation,
            ["BatchId"] = b.BatchId,
            ["Bank"] = b.Bank.ToString(),
            ["ApprovalMode"] = b.ApprovalMode.ToString(),
            ["IntegrationMode"] = b.IntegrationMode.ToString(),
            ["CreatedAt"] = b.CreatedAt,
            ["DebtorName"] = b.Debtor.Name,
            ["DebtorOrganisationNumber"] = b.Debtor.OrganisationNumber.Value,
            ["PainVersion"] = s.PainVersion.ToString(),
            ["PaymentCount"] = b.Payments.Count,
            ["TotalOre"] = b.Total.Ore,
            ["StatusCounts"] = StatusCountsJson(b),
        };
        if (b.Authorisation is { } a)
        {
            e["AuthorisedBy"] = a.AuthorisedBy;
            e["AuthorisedAt"] = a.AuthorisedAt;
            e["BankIdReference"] = a.BankIdReference;
            if (a.RecordedAt is { } recorded)
            {
                e["AuthorisationRecordedAt"] = recorded;
            }
        }
        if (b.SentAt is { } sent)
        {
            e["SentAt"] = sent;
        }
        if (s.ReadyAt is { } ready)
        {
            e["ReadyAt"] = ready;
        }
        if (s.LastStatusAt is { } last)
        {
            e["LastStatusAt"] = last;
        }
        e.SetIfNotNull("OutboxPath", s.OutboxPath);
        return e;
    }

    private static StoredBatch FromHeader(ClientId client, TableEntity h, List<Payment> payments)
    {
        var authorisation = h.GetString("AuthorisedBy") is { } by
            ? new BatchAuthorisation(by, h.GetDateTimeOffset("AuthorisedAt") ?? DateTimeOffset.MinValue, h.GetString("BankIdReference") ?? "")
            {
                RecordedAt = h.GetDateTimeOffset("AuthorisationRecordedAt"),
            }
            : null;
        var sentAt = h.GetDateTimeOffset("SentAt");
        // Heal a crash between the header and the payment rows: the header's batch-level event holds for every payment.
        var healed = payments.Select(p =>
            sentAt is not null && p.Status < PaymentStatus.Sent ? p with { Status = PaymentStatus.Sent }
            : authorisation is not null && p.Status == PaymentStatus.Created ? p with { Status = PaymentStatus.Authorised }
            : p).ToList();
        var batch = new PaymentBatch
        {
            BatchId = h.GetString("BatchId") ?? h.RowKey,
            ClientId = client,
            Debtor = new Debtor(h.GetString("DebtorName") ?? "", OrganisationNumber.Parse(h.GetString("DebtorOrganisationNumber") ?? "")),
            Bank = Enum.Parse<Bank>(h.GetString("Bank") ?? nameof(Bank.Other)),
            ApprovalMode = Enum.Parse<ApprovalMode>(h.GetString("ApprovalMode") ?? nameof(ApprovalMode.PostApproval)),
            IntegrationMode = Enum.Parse<IntegrationMode>(h.GetString("IntegrationMode") ?? nameof(IntegrationMode.Direct)),
            CreatedAt = h.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            Payments = healed,
            Authorisation = authorisation,
            SentAt = sentAt,
        };
        return new StoredBatch(batch, Enum.Parse<Pain001Version>(h.GetString("PainVersion") ?? nameof(Pain001Version.V03)))
        {
            ReadyAt = h.GetDateTimeOffset("ReadyAt"),
            OutboxPath = h.GetString("OutboxPath"),
            LastStatusAt = h.GetDateTimeOffset("LastStatusAt"),
            StatusCountsJson = h.GetString("StatusCounts"),
            Reservation = h.GetString(ReservationProperty) ?? "",
            ETag = h.ETag,
        };
    }

    private static TableEntity PaymentToEntity(StoredBatch stored, Payment p, DateTimeOffset at)
    {
        var batch = stored.Batch;
        var position = int.Parse(p.InstructionId[(p.InstructionId.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
        var (kind, value) = p.Remittance switch
        {
            KidReference k => ("Kid", k.Kid.Value),
            FreeText t => ("Text", t.Text),
            InvoiceReference i => ("InvoiceNumber", i.Number),
            _ => throw new InvalidOperationException("unknown remittance information " + p.Remittance.GetType().Name),
        };
        var e = new TableEntity(batch.ClientId.Value, PaymentRowKey(batch.BatchId, stored.Reservation, position))
        {
            ["BatchId"] = batch.BatchId,
            ["InstructionId"] = p.InstructionId,
            ["EndToEndId"] = p.EndToEndId,
            ["DebtorAccount"] = p.DebtorAccount.Value,
            ["CreditorName"] = p.CreditorName,
            ["CreditorAccount"] = p.CreditorAccount.ToString(),
            ["AmountOre"] = p.Amount.Ore,
            ["RequestedExecutionDate"] = p.RequestedExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["RemittanceKind"] = kind,
            ["RemittanceValue"] = value,
            ["Status"] = p.Status.ToString(),
            ["UpdatedAt"] = at,
        };
        if (p.BankStatus is { } code)
        {
            e["BankStatus"] = code.Code;
        }
        if (p.RejectionReasons.Count > 0)
        {
            e["RejectionReasons"] = JsonSerializer.Serialize(p.RejectionReasons.Select(r => new StoredReason(r.Code?.Code, r.Proprietary, [.. r.AdditionalInfo])).ToList());
        }
        return e;
    }

    private static Payment PaymentFromEntity(TableEntity e)
    {
        var value = e.GetString("RemittanceValue") ?? "";
        RemittanceInformation remittance = e.GetString("RemittanceKind") switch
        {
            "Kid" => new KidReference(Kid.Parse(value)),
            "InvoiceNumber" => new InvoiceReference(value),
            _ => new FreeText(value),
        };
        if (!CreditorAccount.TryParse(e.GetString("CreditorAccount"), out var creditor, out var error))
        {
            throw new InvalidOperationException($"stored payment {e.RowKey} has an unreadable creditor account: {error}");
        }
        var reasons = e.GetString("RejectionReasons") is { } json
            ? (JsonSerializer.Deserialize<List<StoredReason>>(json) ?? []).Select(r =>
                new StatusReason(r.Code is null ? null : new StatusReasonCode(r.Code), r.Proprietary, r.AdditionalInfo ?? [])).ToList()
            : [];
        return new Payment
        {
            InstructionId = e.GetString("InstructionId") ?? "",
            EndToEndId = e.GetString("EndToEndId") ?? "",
            DebtorAccount = AccountNumber.Parse(e.GetString("DebtorAccount") ?? ""),
            CreditorName = e.GetString("CreditorName") ?? "",
            CreditorAccount = creditor!,
            Amount = new Money(e.GetInt64("AmountOre") ?? 0),
            RequestedExecutionDate = DateOnly.ParseExact(e.GetString("RequestedExecutionDate") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Remittance = remittance,
            Status = Enum.Parse<PaymentStatus>(e.GetString("Status") ?? nameof(PaymentStatus.Created)),
            BankStatus = e.GetString("BankStatus") is { Length: > 0 } code ? new PaymentStatusCode(code) : null,
            RejectionReasons = reasons,
        };
    }

    private sealed record StoredReason(string? Code, string? Proprietary, List<string>? AdditionalInfo);
}
