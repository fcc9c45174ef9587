using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Access;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Collection;

/// <summary>
/// The agency signatures already accepted (table <c>AgencySignatures</c>, PartitionKey the agency id, RowKey the SHA-256 of
/// the signature): a conditional insert that only the first of any number of identical requests wins, so a captured
/// request sent again inside the replay window is refused. Rows older than the window can go (<see cref="PurgeAsync"/>):
/// past the window the timestamp check refuses the signature anyway.
/// </summary>
public sealed class AgencySignatureStore(BankflowStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.AgencySignaturesTable);

    /// <summary>True the first time this signature is seen; false for a replay.</summary>
    public async Task<bool> TryRecordAsync(string agencyId, string signature, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(signature)));
        try
        {
            await Table.AddEntityAsync(new TableEntity(agencyId, key) { ["SeenAt"] = now }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Deletes the rows seen more than twice the replay window ago; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - 2 * PartnerSignature.ReplayWindow;
        var count = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"SeenAt lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            count++;
        }
        return count;
    }
}
