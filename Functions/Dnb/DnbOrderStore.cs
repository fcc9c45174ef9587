using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Dnb;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Dnb;

public enum DnbOrderStatus
{
    /// <summary>Waiting for DNB's callback.</summary>
    Pending,

    /// <summary>A callback has claimed the order and is being applied (a retry of the same callback finishes it).</summary>
    Completing,

    Registered,

    Failed,
}

/// <summary>
/// A DNB order as stored. The state's secret is kept only as a hash; the ordering user only as a hash of the token
/// subject. <see cref="CallbackId"/> and <see cref="BodyHash"/> are the claim of the callback that completed it.
/// </summary>
public sealed record StoredDnbOrder(ClientId Client, string OrderId, string UserKey, string StateHash, DnbOrderRequest Request, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public DnbOrderStatus Status { get; init; } = DnbOrderStatus.Pending;
    public string? CallbackId { get; init; }
    public string? BodyHash { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>What the client must act on after the callback: KID mismatches, an RgB switch not made.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public ETag ETag { get; init; }
}

/// <summary>
/// The DnbOrders table: PartitionKey client id, RowKey the order id. An order's status moves Pending → Completing →
/// Registered | Failed, each step an ETag-conditional update, so of two callbacks racing for one order only one claims it.
/// </summary>
public sealed class DnbOrderStore(BankflowStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(StorageNames.DnbOrdersTable);

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string UserKey(string subject) => Hash(subject)[..32];

    public Task AddAsync(StoredDnbOrder order, CancellationToken cancellationToken) => Table.AddEntityAsync(ToEntity(order), cancellationToken);

    public async Task<StoredDnbOrder?> GetAsync(ClientId client, string orderId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, orderId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
    }

    public async Task<IReadOnlyList<StoredDnbOrder>> ListAsync(ClientId client, CancellationToken cancellationToken)
    {
        var list = new List<StoredDnbOrder>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(client, entity));
        }
        return [.. list.OrderByDescending(o => o.CreatedAt)];
    }

    /// <summary>Writes the order's new state if the row still has the ETag it was read with; false when another writer came first (412).</summary>
    public async Task<StoredDnbOrder?> TryUpdateAsync(StoredDnbOrder order, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(order), order.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return order with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return null;
        }
    }

    private sealed record StoredLine(string Account, string[] Services, bool Rgb);

    private static TableEntity ToEntity(StoredDnbOrder o)
    {
        var e = new TableEntity(o.Client.Value, o.OrderId)
        {
            ["UserKey"] = o.UserKey,
            ["StateHash"] = o.StateHash,
            ["Lines"] = JsonSerializer.Serialize(o.Request.Lines.Select(l => new StoredLine(l.Account.Value, [.. DnbServiceNames.Names(l.Services)], l.AccountingApprovedPayments)), Json),
            ["FeeLedgerAccount"] = o.Request.FeeLedgerAccount.Number,
            ["Status"] = o.Status.ToString(),
            ["CreatedAt"] = o.CreatedAt,
            ["ExpiresAt"] = o.ExpiresAt,
            ["Problems"] = JsonSerializer.Serialize(o.Problems, Json),
        };
        if (o.Request.ClientKidSetup is { } kid)
        {
            e["KidLength"] = kid.Length;
            e["KidCheck"] = KidSetup.CheckName(kid.Check);
        }
        e.SetIfNotNull("CallbackId", o.CallbackId);
        e.SetIfNotNull("BodyHash", o.BodyHash);
        e.SetIfNotNull("FailureReason", o.FailureReason);
        if (o.CompletedAt is { } completed)
        {
            e["CompletedAt"] = completed;
        }
        return e;
    }

    private static StoredDnbOrder FromEntity(ClientId client, TableEntity e)
    {
        var lines = (JsonSerializer.Deserialize<List<StoredLine>>(e.GetString("Lines") ?? "[]", Json) ?? [])
            .Select(l => new DnbOrderLine(AccountNumber.Parse(l.Account),
                l.Services.Aggregate(DnbServices.None, (all, name) => DnbServiceNames.TryParse(name, out var s) ? all | s : all), l.Rgb))
            .ToList();
        KidSetup? kid = e.GetInt32("KidLength") is { } length && KidSetup.TryParseCheck(e.GetString("KidCheck"), out var check) ? KidSetup.Create(length, check) : null;
        var request = new DnbOrderRequest(lines, LedgerAccount.Parse(e.GetString("FeeLedgerAccount") ?? "7770"), kid);
        return new StoredDnbOrder(client, e.RowKey, e.GetString("UserKey") ?? "", e.GetString("StateHash") ?? "", request,
            e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue)
        {
            Status = Enum.TryParse<DnbOrderStatus>(e.GetString("Status"), out var status) ? status : DnbOrderStatus.Pending,
            CallbackId = e.GetString("CallbackId"),
            BodyHash = e.GetString("BodyHash"),
            CompletedAt = e.GetDateTimeOffset("CompletedAt"),
            FailureReason = e.GetString("FailureReason"),
            Problems = JsonSerializer.Deserialize<List<string>>(e.GetString("Problems") ?? "[]", Json) ?? [],
            ETag = e.ETag,
        };
    }
}
