using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;

namespace Bankflow.Storage.Blobs;

public sealed partial class BlobClient
{
    /// <summary>Put Block List allows at most this many blocks per blob.</summary>
    public const int MaxBlockCount = 50_000;

    /// <summary>Uploads <paramref name="content"/> (see <see cref="UploadAsync(Stream, BlobUploadOptions?, CancellationToken)"/>).</summary>
    public async Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var plan = UploadPlan.Create(options, nameof(options));
        if (content.ToMemory().Length <= plan.Threshold)
        {
            return await PutBlobAsync(content.ToMemory(), plan, cancellationToken).ConfigureAwait(false);
        }
        using var stream = content.ToStream();
        return await UploadBlocksAsync(stream, ReadOnlyMemory<byte>.Empty, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads the rest of <paramref name="content"/> as a block blob, replacing any existing blob unless a condition
    /// says otherwise. Up to <see cref="StorageTransferOptions.InitialTransferSize"/> bytes: one Put Blob. Larger: Put
    /// Block per <see cref="StorageTransferOptions.MaximumTransferSize"/> bytes, then Put Block List carrying the
    /// content type, metadata and conditions — the blob changes only at that commit, atomically.
    /// </summary>
    public async Task<Response<BlobContentInfo>> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanRead)
        {
            throw new ArgumentException("content stream must be readable", nameof(content));
        }
        var plan = UploadPlan.Create(options, nameof(options));
        // Read up to one byte past the threshold to learn which way to go without needing a seekable stream.
        var head = new MemoryStream();
        var buffer = new byte[(int)Math.Min(81_920, plan.Threshold + 1)];
        while (head.Length <= plan.Threshold)
        {
            var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, plan.Threshold + 1 - head.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            head.Write(buffer, 0, read);
        }
        var headBytes = head.GetBuffer().AsMemory(0, (int)head.Length);
        return head.Length <= plan.Threshold
            ? await PutBlobAsync(headBytes, plan, cancellationToken).ConfigureAwait(false)
            : await UploadBlocksAsync(content, headBytes, plan, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Response<BlobContentInfo>> PutBlobAsync(ReadOnlyMemory<byte> content, UploadPlan plan, CancellationToken cancellationToken)
    {
        var operation = $"Upload blob '{BlobContainerName}/{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Put, Uri);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        plan.ApplyTo(message.Request);
        message.Request.Content = RequestContent.Create(content);
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRest.ContentInfo(response, operation), response);
    }

    /// <summary>Stages <paramref name="head"/> followed by the rest of <paramref name="rest"/> in blocks, then commits them.</summary>
    private async Task<Response<BlobContentInfo>> UploadBlocksAsync(Stream rest, ReadOnlyMemory<byte> head, UploadPlan plan, CancellationToken cancellationToken)
    {
        var blockIds = new List<string>();
        var block = new byte[plan.BlockSize];
        var headOffset = 0;
        while (true)
        {
            // Fill one block: first from what was already read, then from the stream.
            var filled = 0;
            var fromHead = Math.Min(block.Length, head.Length - headOffset);
            head.Slice(headOffset, fromHead).CopyTo(block);
            headOffset += fromHead;
            filled += fromHead;
            while (filled < block.Length)
            {
                var read = await rest.ReadAsync(block.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                filled += read;
            }
            if (filled == 0)
            {
                break;
            }
            if (blockIds.Count == MaxBlockCount)
            {
                throw new ArgumentException(
                    $"content needs more than {MaxBlockCount} blocks of {plan.BlockSize} bytes; raise TransferOptions.MaximumTransferSize",
                    "content");
            }
            var blockId = BlockId(blockIds.Count);
            await PutBlockAsync(blockId, block.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
            blockIds.Add(blockId);
            if (filled < block.Length)
            {
                break;
            }
        }
        return await PutBlockListAsync(blockIds, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Block ids must all have the same length within a blob: base64 of a zero-padded six-digit index.</summary>
    internal static string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture)));

    private async Task PutBlockAsync(string blockId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var message = _rest.CreateMessage(RequestMethod.Put, Uri);
        message.Request.Uri.AppendQuery("comp", "block");
        message.Request.Uri.AppendQuery("blockid", blockId, escapeValue: true);
        message.Request.Content = RequestContent.Create(data);
        await _rest.SendAsync(message, $"Put block {blockId} of blob '{BlobContainerName}/{Name}'", cancellationToken).ConfigureAwait(false);
    }

    private async Task<Response<BlobContentInfo>> PutBlockListAsync(IReadOnlyList<string> blockIds, UploadPlan plan, CancellationToken cancellationToken)
    {
        var operation = $"Commit {blockIds.Count} blocks of blob '{BlobContainerName}/{Name}'";
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            // Base64 has no characters that need escaping in XML.
            xml.Append("<Latest>").Append(id).Append("</Latest>");
        }
        xml.Append("</BlockList>");
        using var message = _rest.CreateMessage(RequestMethod.Put, Uri);
        message.Request.Uri.AppendQuery("comp", "blocklist");
        plan.ApplyTo(message.Request);
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(xml.ToString()));
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRest.ContentInfo(response, operation), response);
    }

    /// <summary>Validated upload options: sizes, the encoded metadata and the headers for Put Blob / Put Block List.</summary>
    private sealed record UploadPlan(long Threshold, int BlockSize, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Metadata, bool IfNoneMatchAll, ETag? IfMatch)
    {
        public static UploadPlan Create(BlobUploadOptions? options, string parameterName)
        {
            options ??= new BlobUploadOptions();
            var threshold = options.TransferOptions.InitialTransferSize ?? StorageTransferOptions.DefaultInitialTransferSize;
            var blockSize = options.TransferOptions.MaximumTransferSize ?? StorageTransferOptions.DefaultMaximumTransferSize;
            if (threshold is < 1 or > StorageTransferOptions.Limit)
            {
                throw new ArgumentException($"TransferOptions.InitialTransferSize must be 1–{StorageTransferOptions.Limit} bytes (found {threshold})", parameterName);
            }
            if (blockSize is < 1 or > StorageTransferOptions.Limit)
            {
                throw new ArgumentException($"TransferOptions.MaximumTransferSize must be 1–{StorageTransferOptions.Limit} bytes (found {blockSize})", parameterName);
            }
            if (options.IfNoneMatchAll && options.IfMatch is not null)
            {
                throw new ArgumentException("IfNoneMatchAll (create only) and IfMatch (overwrite a version) exclude each other", parameterName);
            }
            if (options.ContentType is { } type && (type.Length == 0 || type.Any(c => c is < ' ' or > '~')))
            {
                throw new ArgumentException($"ContentType must be non-empty printable ASCII (found '{type}')", parameterName);
            }
            var metadata = options.Metadata is null
                ? []
                : BlobMetadata.Encode(options.Metadata, parameterName);
            return new UploadPlan(threshold, (int)blockSize, options.ContentType, metadata, options.IfNoneMatchAll, options.IfMatch);
        }

        public void ApplyTo(Request request)
        {
            if (ContentType is not null)
            {
                request.Headers.SetValue("x-ms-blob-content-type", ContentType);
            }
            BlobRest.AddMetadata(request, Metadata);
            if (IfNoneMatchAll)
            {
                request.Headers.SetValue("If-None-Match", "*");
            }
            if (IfMatch is { } etag)
            {
                request.Headers.SetValue("If-Match", BlobRest.ETagHeader(etag));
            }
        }
    }
}
