using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Intake;

/// <summary>
/// An upload streamed into the inbox without holding the file: the body goes up as uncommitted blocks (invisible,
/// no trigger fires) while it is hashed and counted; only <see cref="CommitAsync"/> makes the blob appear, create-only.
/// An upload that is refused (too large, a duplicate) is never committed, and the service discards its blocks.
/// </summary>
public sealed class InboxUpload
{
    /// <summary>One block per request: memory per upload is this one buffer.</summary>
    internal const int BlockBytes = 4 * 1024 * 1024;

    private readonly BlockBlobClient _blob;
    private readonly List<string> _blockIds;

    private InboxUpload(BlockBlobClient blob, List<string> blockIds, string sha256, long length, bool tooLarge)
    {
        _blob = blob;
        _blockIds = blockIds;
        Sha256 = sha256;
        Length = length;
        TooLarge = tooLarge;
    }

    /// <summary>SHA-256 (lower-case hex) of the whole body; empty when <see cref="TooLarge"/>.</summary>
    public string Sha256 { get; }

    /// <summary>Bytes staged (at most the limit plus one).</summary>
    public long Length { get; }

    /// <summary>The body had more than the limit's bytes; reading stopped there.</summary>
    public bool TooLarge { get; }

    /// <summary>Stages <paramref name="body"/> as blocks of <c>inbox/{path}</c>, reading at most one byte more than <paramref name="limit"/>.</summary>
    public static async Task<InboxUpload> StageAsync(BankflowStorage storage, string path, Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(body);
        var blob = storage.Container(StorageNames.InboxContainer).GetBlockBlobClient(path);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var blockIds = new List<string>();
        long length = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            while (true)
            {
                var filled = await FillAsync(body, buffer.AsMemory(0, BlockBytes), cancellationToken).ConfigureAwait(false);
                if (filled == 0)
                {
                    return new InboxUpload(blob, blockIds, Convert.ToHexStringLower(sha.GetHashAndReset()), length, tooLarge: false);
                }
                length += filled;
                if (length > limit)
                {
                    return new InboxUpload(blob, blockIds, "", length, tooLarge: true);
                }
                sha.AppendData(buffer, 0, filled);
                // Block ids must all have the same length within a blob.
                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(blockIds.Count.ToString("D6", CultureInfo.InvariantCulture)));
                using var block = new MemoryStream(buffer, 0, filled, writable: false);
                await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken).ConfigureAwait(false);
                blockIds.Add(id);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Commits the staged blocks: the blob appears in the inbox (create-only) and the blob trigger fires.</summary>
    public async Task CommitAsync(IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (TooLarge || Length == 0)
        {
            throw new InvalidOperationException("only a complete, non-empty upload can be committed");
        }
        try
        {
            await _blob.CommitBlockListAsync(_blockIds, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                Metadata = BlobMetadataText.Encode(metadata),
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (BankflowStorage.IsAlreadyThere(ex))
        {
            // The name is this upload's own (a random id in it): a blob there is our commit, which landed while its
            // answer was lost, and the SDK's retry met it. The upload is done.
        }
    }

    private static async Task<int> FillAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await body.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return filled;
    }
}
