using System.Globalization;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Banking;

/// <summary>
/// Nets transmission (shipment) numbers received per client, sender and data recipient (table Shipments,
/// PartitionKey <c>{clientId}|{transmitter}|{recipient}</c>, RowKey the number, 7 digits) with a hash of
/// their records, so a re-delivery is recognised and a reused number with other content is caught.
/// </summary>
public sealed class ShipmentStore(BankflowStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.ShipmentsTable);

    private static string PartitionKey(ClientId client, int transmitter, int recipient) =>
        string.Create(CultureInfo.InvariantCulture, $"{client.Value}|{transmitter:D8}|{recipient:D8}");

    public async Task<IReadOnlyDictionary<int, string>> SeenAsync(ClientId client, int transmitter, int recipient, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<int, string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(client, transmitter, recipient)}");
        // $select returns only what it names: the row key (the shipment number) must be asked for too.
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ContentHash"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            seen[int.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture)] = row.GetString("ContentHash") ?? "";
        }
        return seen;
    }

    public Task RecordAsync(ClientId client, int transmitter, int recipient, int number, string contentHash, string importId, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(PartitionKey(client, transmitter, recipient), number.ToString("D7", CultureInfo.InvariantCulture))
        {
            ["ContentHash"] = contentHash,
            ["ImportId"] = importId,
        }, TableUpdateMode.Replace, cancellationToken);
}
