using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Idempotency;

/// <summary>
/// Table <c>IdempotencyKeys</c>: PartitionKey the client id (keys are per client), RowKey the SHA-256 of the key.
/// The row holds the request's fingerprint, its state, times, and once done the answer: status, headers (JSON) and the
/// body in binary properties of 64,000 bytes, up to <see cref="RowBytes"/> per row; a longer body continues in page
/// rows <c>{key hash}|{claim id}|{n:000}</c>, written before the answer row is completed, so a completed row's pages are
/// always there. Claiming is <c>AddEntity</c> (409 to every racer but one) or, for an expired or stale row, a
/// replace with that row's ETag (412 to every racer but one).
/// </summary>
public sealed class IdempotencyStore(BankflowStorage storage)
{
    private const int ChunkBytes = 64_000;
    private const int ChunksPerRow = 11;

    /// <summary>
    /// Body bytes per row: 11 properties of 64,000 bytes. An entity may hold 1 MiB; Azurite measures that on the JSON it
    /// receives, where binary is base64 (4/3 larger), so 704,000 bytes (938,668 characters) leave room for the rest.
    /// </summary>
    internal const int RowBytes = ChunkBytes * ChunksPerRow;

    private TableClient Table => storage.Table(StorageNames.IdempotencyKeysTable);

    public async Task<IdempotencyRecord?> GetAsync(ClientId client, string keyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, keyHash, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }
        var row = response.Value!;
        var record = new IdempotencyRecord(
            client,
            keyHash,
            row.GetString("RequestHash") ?? "",
            Enum.Parse<KeyState>(row.GetString("State") ?? nameof(KeyState.InFlight)),
            row.GetString("ClaimId") ?? "",
            row.GetDateTimeOffset("CreatedAt") ?? default,
            row.GetDateTimeOffset("ExpiresAt") ?? default,
            row.GetDateTimeOffset("LeaseUntil") ?? default) { ETag = row.ETag };
        return record.State == KeyState.Completed ? record with { Answer = await ReadAnswerAsync(record, row, cancellationToken).ConfigureAwait(false) } : record;
    }

    /// <summary>Claims a key no row holds; null when another request inserted it first.</summary>
    public async Task<IdempotencyRecord?> TryAddAsync(IdempotencyRecord claim, string method, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            var response = await Table.AddEntityAsync(ClaimEntity(claim, method, path), cancellationToken).ConfigureAwait(false);
            return claim with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Claims a key over an expired or stale row, if that row is still as read; null when someone changed or removed it.</summary>
    public async Task<IdempotencyRecord?> TryReplaceAsync(IdempotencyRecord claim, ETag ifMatch, string method, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            var response = await Table.UpdateEntityAsync(ClaimEntity(claim, method, path), ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return claim with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps the answer of a held claim: page rows first, then the key's row with the claim's ETag. False when the
    /// claim was taken over meanwhile (its lease ran out), in which case the row is left to the newer claim.
    /// </summary>
    public async Task<bool> TryCompleteAsync(IdempotencyRecord claim, string method, string path, StoredAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(answer);
        var pages = answer.Body.Length <= RowBytes ? 0 : (answer.Body.Length - 1) / RowBytes;
        for (var page = 1; page <= pages; page++)
        {
            var row = new TableEntity(claim.Client.Value, PageRowKey(claim, page)) { ["ExpiresAt"] = claim.ExpiresAt };
            WriteChunks(row, answer.Body.AsMemory(page * RowBytes, Math.Min(RowBytes, answer.Body.Length - page * RowBytes)));
            await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        var entity = ClaimEntity(claim with { State = KeyState.Completed }, method, path);
        entity["Status"] = answer.Status;
        entity["Headers"] = JsonSerializer.Serialize(answer.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        entity["BodyLength"] = (long)answer.Body.Length;
        entity["BodyPages"] = pages;
        WriteChunks(entity, answer.Body.AsMemory(0, Math.Min(RowBytes, answer.Body.Length)));
        try
        {
            await Table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Gives a held claim up (its request failed): the key is free at once. A row someone else holds by now stays.</summary>
    public async Task ReleaseAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            await Table.DeleteEntityAsync(claim.Client.Value, claim.KeyHash, claim.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone, or claimed anew after our lease ran out.
        }
    }

    /// <summary>
    /// Deletes every row (key rows and their pages) past its retention, whichever client it belongs to; returns how
    /// many. Each delete carries the row's ETag: a key claimed afresh meanwhile is left alone.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Gone already, or claimed anew since the query.
            }
        }
        return deleted;
    }

    private static TableEntity ClaimEntity(IdempotencyRecord claim, string method, string path) => new(claim.Client.Value, claim.KeyHash)
    {
        ["RequestHash"] = claim.RequestHash,
        ["State"] = claim.State.ToString(),
        ["ClaimId"] = claim.ClaimId,
        ["CreatedAt"] = claim.CreatedAt,
        ["ExpiresAt"] = claim.ExpiresAt,
        ["LeaseUntil"] = claim.LeaseUntil,
        // What the key was used for, for whoever looks at the table (no body, no credentials).
        ["Method"] = method,
        ["Path"] = path,
    };

    private static string PageRowKey(IdempotencyRecord claim, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{claim.KeyHash}|{claim.ClaimId}|{page:D3}");

    private static string ChunkName(int index) => string.Create(CultureInfo.InvariantCulture, $"Body{index:D2}");

    private static void WriteChunks(TableEntity entity, ReadOnlyMemory<byte> bytes)
    {
        for (int i = 0, offset = 0; offset < bytes.Length; i++, offset += ChunkBytes)
        {
            entity[ChunkName(i)] = bytes.Slice(offset, Math.Min(ChunkBytes, bytes.Length - offset)).ToArray();
        }
    }

    private static void ReadChunks(TableEntity entity, MemoryStream into)
    {
        for (var i = 0; i < ChunksPerRow && entity.GetBinary(ChunkName(i)) is { } chunk; i++)
        {
            into.Write(chunk);
        }
    }

    /// <summary>The kept answer; null when a page row is gone (only a row past its retention can lose pages to the purge).</summary>
    private async Task<StoredAnswer?> ReadAnswerAsync(IdempotencyRecord record, TableEntity row, CancellationToken cancellationToken)
    {
        var length = row.GetInt64("BodyLength") ?? 0;
        using var body = new MemoryStream((int)length);
        ReadChunks(row, body);
        var pages = row.GetInt32("BodyPages") ?? 0;
        for (var page = 1; page <= pages; page++)
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(record.Client.Value, PageRowKey(record, page), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.HasValue)
            {
                return null;
            }
            ReadChunks(response.Value!, body);
        }
        if (body.Length != length)
        {
            throw new InvalidOperationException($"the kept answer of an idempotency key has {body.Length} of its {length} bytes");
        }
        var headers = JsonSerializer.Deserialize<Dictionary<string, string[]>>(row.GetString("Headers") ?? "{}") ?? [];
        return new StoredAnswer(row.GetInt32("Status") ?? 0, [.. headers], body.ToArray());
    }
}
