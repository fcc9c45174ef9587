using System.Globalization;
using Azure;
using Azure.Core;

namespace Bankflow.Storage.Blobs;

/// <summary>One blob container: create, delete, exists, list, and clients for its blobs.</summary>
public sealed class BlobContainerClient
{
    /// <summary>List Blobs returns at most this many per page.</summary>
    public const int MaxPageSize = 5000;

    private readonly BlobRest _rest;

    internal BlobContainerClient(BlobRest rest, string name)
    {
        _rest = rest;
        Name = name;
        Uri = BlobRest.Child(rest.ServiceEndpoint, name);
    }

    public string Name { get; }

    public Uri Uri { get; }

    internal BlobRest Rest => _rest;

    /// <summary>A client for one blob; validates the name (no request is made).</summary>
    public BlobClient GetBlobClient(string blobName)
    {
        BlobNames.ValidateBlobName(blobName, nameof(blobName));
        return new BlobClient(this, blobName);
    }

    /// <summary>Creates the container (private access); the value is true when it was created, false when it already existed.</summary>
    public async Task<Response<bool>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Put, ContainerUri());
        var response = await _rest.SendAsync(message, $"Create container '{Name}'", cancellationToken, tolerated: 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            response.Headers.TryGetValue("x-ms-error-code", out var code);
            if (code != "ContainerAlreadyExists")
            {
                // 409 for another reason (e.g. ContainerBeingDeleted) is a real failure.
                throw Core.StorageErrors.Create(response, $"Create container '{Name}'");
            }
            return Response.FromValue(false, response);
        }
        return Response.FromValue(true, response);
    }

    /// <summary>Deletes the container and every blob in it; 404 ContainerNotFound when it does not exist.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Delete, ContainerUri());
        return await _rest.SendAsync(message, $"Delete container '{Name}'", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the container exists (Get Container Properties answers 200, not 404).</summary>
    public async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Head, ContainerUri());
        var response = await _rest.SendAsync(message, $"Get container properties '{Name}'", cancellationToken, tolerated: 404).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>
    /// Lists blobs whose names start with <paramref name="prefix"/> (all when null), in name order, one List Blobs
    /// request per page of up to <paramref name="pageSize"/> (1–5000; service default 5000), following NextMarker.
    /// <paramref name="includeMetadata"/> asks for each blob's metadata (include=metadata).
    /// </summary>
    public AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, int? pageSize = null, bool includeMetadata = false, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"page size must be 1–{MaxPageSize}");
        }
        if (prefix is { Length: > BlobNames.MaxBlobNameLength })
        {
            throw new ArgumentException($"prefix must be at most {BlobNames.MaxBlobNameLength} characters (found {prefix.Length})", nameof(prefix));
        }
        return new BlobPageable<BlobItem>(
            (marker, size, token) => ListPageAsync(prefix, marker, size, includeMetadata, token),
            pageSize,
            cancellationToken);
    }

    private async Task<Page<BlobItem>> ListPageAsync(string? prefix, string? marker, int? pageSize, bool includeMetadata, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"page size must be 1–{MaxPageSize}");
        }
        using var message = _rest.CreateMessage(RequestMethod.Get, Uri);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix, escapeValue: true);
        }
        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker, escapeValue: true);
        }
        if (pageSize is { } size)
        {
            uri.AppendQuery("maxresults", size.ToString(CultureInfo.InvariantCulture));
        }
        if (includeMetadata)
        {
            uri.AppendQuery("include", "metadata");
        }
        var response = await _rest.SendAsync(message, $"List blobs in '{Name}'", cancellationToken).ConfigureAwait(false);
        var (items, nextMarker) = BlobListXml.Parse(response.ContentStream!, $"List blobs in '{Name}'");
        return Page<BlobItem>.FromValues(items, string.IsNullOrEmpty(nextMarker) ? null : nextMarker, response);
    }

    private Uri ContainerUri() => new(Uri.AbsoluteUri + "?restype=container");
}
