using System.Globalization;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Blobs;

/// <summary>The pipeline and REST version every client of one <see cref="BlobServiceClient"/> shares, plus request and header helpers.</summary>
internal sealed class BlobRest(HttpPipeline pipeline, string serviceVersion, Uri serviceEndpoint)
{
    public HttpPipeline Pipeline { get; } = pipeline;

    public Uri ServiceEndpoint { get; } = serviceEndpoint;

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        return message;
    }

    /// <summary>Sends and throws <see cref="RequestFailedException"/> on any error status, unless <paramref name="tolerated"/> matches.</summary>
    public async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken, int tolerated = 0)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError && response.Status != tolerated)
        {
            if (response.ContentStream is { } stream and not MemoryStream)
            {
                // Unbuffered (streaming) responses: read the error body so the exception can carry the service's message.
                var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                buffer.Position = 0;
                response.ContentStream = buffer;
            }
            throw StorageErrors.Create(response, operation);
        }
        return response;
    }

    public static Uri Child(Uri parent, string encodedPath) =>
        new(parent.AbsoluteUri.TrimEnd('/') + "/" + encodedPath);

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

    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string RequiredHeader(Response response, string name, string operation) =>
        response.Headers.TryGetValue(name, out var value) && value is not null
            ? value
            : throw new RequestFailedException(response.Status, $"{operation}: the service answered {response.Status} without the {name} header", "MissingResponseHeader", null);

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
