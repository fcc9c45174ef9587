using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Blobs;

/// <summary>Blob-specific request and header helpers on top of <see cref="StorageRest"/>, shared by the clients of one <see cref="BlobServiceClient"/>.</summary>
internal sealed class BlobRest(HttpPipeline pipeline, string serviceVersion, Uri serviceEndpoint)
    : StorageRest(pipeline, serviceVersion, serviceEndpoint)
{
    /// <summary>ETags from headers arrive quoted; ones from listings do not. Both are normalised to the quoted form.</summary>
    public static ETag NormaliseETag(string value) =>
        value.StartsWith('"') || value.StartsWith("W/", StringComparison.Ordinal) || value == "*"
            ? new ETag(value)
            : new ETag($"\"{value}\"");

    public static string ETagHeader(ETag etag)
    {
        var text = etag.ToString();
        return text == "*" || text.StartsWith('"') || text.StartsWith("W/", StringComparison.Ordinal) ? text : $"\"{text}\"";
    }


    public static BlobContentInfo ContentInfo(Response response, string operation) =>
        new(NormaliseETag(RequiredHeader(response, "ETag", operation)), ParseHttpDate(RequiredHeader(response, "Last-Modified", operation)));

    /// <summary>Get Blob Properties (HEAD) and Get Blob (GET) describe the blob in the same headers.</summary>
    public static BlobProperties Properties(Response response, string operation)
    {
        var headers = response.Headers;
        var length = long.Parse(RequiredHeader(response, "Content-Length", operation), NumberStyles.None, CultureInfo.InvariantCulture);
        headers.TryGetValue("Content-Type", out var contentType);
        DateTimeOffset? created = headers.TryGetValue("x-ms-creation-time", out var c) && c is not null ? ParseHttpDate(c) : null;
        headers.TryGetValue("x-ms-copy-status", out var copyStatus);
        headers.TryGetValue("x-ms-copy-status-description", out var copyDescription);
        var info = ContentInfo(response, operation);
        return new BlobProperties(length, contentType, info.ETag, info.LastModified, created, BlobMetadata.FromHeaders(response), copyStatus, copyDescription);
    }

    /// <summary>Adds metadata already validated and encoded by <see cref="BlobMetadata.Encode"/>.</summary>
    public static void AddMetadata(Request request, IReadOnlyList<KeyValuePair<string, string>> encodedMetadata)
    {
        foreach (var (name, value) in encodedMetadata)
        {
            request.Headers.SetValue(BlobMetadata.HeaderPrefix + name, value);
        }
    }
}
