using Azure;
using Azure.Core;

namespace Bankflow.Storage.Blobs;

/// <summary>
/// One block blob: upload (single request or blocks), download (streaming or whole), properties, metadata, copy and
/// delete. The upload half lives in BlobClient.Upload.cs.
/// </summary>
public sealed partial class BlobClient
{
    private readonly BlobRest _rest;

    internal BlobClient(BlobContainerClient container, string name)
    {
        _rest = container.Rest;
        Name = name;
        BlobContainerName = container.Name;
        Uri = BlobRest.Child(container.Uri, BlobNames.EncodePath(name));
    }

    public string Name { get; }

    public string BlobContainerName { get; }

    /// <summary>The blob's URL, each path segment percent-encoded (UTF-8).</summary>
    public Uri Uri { get; }

    /// <summary>
    /// Get Blob: the body is read from the network as the caller reads <see cref="BlobDownloadStreamingResult.Content"/>;
    /// dispose the result. 404 BlobNotFound / ContainerNotFound when missing.
    /// </summary>
    public async Task<Response<BlobDownloadStreamingResult>> DownloadStreamingAsync(CancellationToken cancellationToken = default)
    {
        var operation = $"Download blob '{BlobContainerName}/{Name}'";
        var message = _rest.CreateMessage(RequestMethod.Get, Uri);
        message.BufferResponse = false;
        try
        {
            var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
            var details = BlobRest.Properties(response, operation);
            var content = message.ExtractResponseContent() ?? Stream.Null;
            // The message is not disposed here: the stream now owns the connection and releases it when disposed.
            return Response.FromValue(new BlobDownloadStreamingResult(content, details), response);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>Get Blob into memory. Meant for small blobs (bank files); use <see cref="DownloadStreamingAsync"/> for large ones.</summary>
    public async Task<Response<BlobDownloadResult>> DownloadContentAsync(CancellationToken cancellationToken = default)
    {
        var operation = $"Download blob '{BlobContainerName}/{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Get, Uri);
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var details = BlobRest.Properties(response, operation);
        return Response.FromValue(new BlobDownloadResult(response.Content, details), response);
    }

    /// <summary>Get Blob Properties: length, content type, ETag, times, metadata, copy status. 404 when missing.</summary>
    public async Task<Response<BlobProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var operation = $"Get properties of blob '{BlobContainerName}/{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Head, Uri);
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRest.Properties(response, operation), response);
    }

    /// <summary>True when the blob exists (Get Blob Properties answers 200, not 404).</summary>
    public async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Head, Uri);
        var response = await _rest.SendAsync(message, $"Get properties of blob '{BlobContainerName}/{Name}'", cancellationToken, tolerated: 404).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>
    /// Set Blob Metadata: replaces all metadata. With <paramref name="ifMatch"/>, only if the blob still has that
    /// ETag (412 ConditionNotMet otherwise).
    /// </summary>
    public async Task<Response<BlobContentInfo>> SetMetadataAsync(IDictionary<string, string> metadata, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var encoded = BlobMetadata.Encode(metadata, nameof(metadata));
        var operation = $"Set metadata of blob '{BlobContainerName}/{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Put, Uri);
        message.Request.Uri.AppendQuery("comp", "metadata");
        BlobRest.AddMetadata(message.Request, encoded);
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue("If-Match", BlobRest.ETagHeader(etag));
        }
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobRest.ContentInfo(response, operation), response);
    }

    /// <summary>Delete Blob; 404 BlobNotFound when missing.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Delete, Uri);
        return await _rest.SendAsync(message, $"Delete blob '{BlobContainerName}/{Name}'", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delete Blob; the value is false when there was nothing to delete (blob or container missing).</summary>
    public async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Delete, Uri);
        var response = await _rest.SendAsync(message, $"Delete blob '{BlobContainerName}/{Name}'", cancellationToken, tolerated: 404).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>
    /// Copy Blob from <paramref name="source"/> in the same account (x-ms-copy-source = its URL; SharedKey or the
    /// caller's token authorises the read), then polls Get Blob Properties until x-ms-copy-status leaves "pending".
    /// Returns the destination's properties; a "failed" or "aborted" copy throws <see cref="RequestFailedException"/>.
    /// </summary>
    public async Task<Response<BlobProperties>> CopyFromAsync(BlobClient source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!ReferenceEquals(source._rest, _rest) && source._rest.ServiceEndpoint != _rest.ServiceEndpoint)
        {
            throw new ArgumentException($"source blob '{source.Uri}' is not in this account ({_rest.ServiceEndpoint}); only copies within the account are supported", nameof(source));
        }
        if (source.Uri == Uri)
        {
            throw new ArgumentException($"source and destination are the same blob ('{BlobContainerName}/{Name}')", nameof(source));
        }
        var operation = $"Copy blob '{source.BlobContainerName}/{source.Name}' to '{BlobContainerName}/{Name}'";
        string status;
        using (var message = _rest.CreateMessage(RequestMethod.Put, Uri))
        {
            message.Request.Headers.SetValue("x-ms-copy-source", source.Uri.AbsoluteUri);
            var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
            status = BlobRest.RequiredHeader(response, "x-ms-copy-status", operation);
        }
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            var properties = await GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            status = properties.Value.CopyStatus ?? status;
            switch (status)
            {
                case "success":
                    return properties;
                case "pending":
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
                    continue;
                default:
                    var raw = properties.GetRawResponse();
                    throw new RequestFailedException(
                        raw.Status,
                        $"{operation} ended with copy status '{status}': {properties.Value.CopyStatusDescription}",
                        status switch { "failed" => "CopyFailed", "aborted" => "CopyAborted", _ => "CopyStatusUnknown" },
                        null);
            }
        }
    }
}
