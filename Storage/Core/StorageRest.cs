using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Bankflow.Storage.Core;

/// <summary>
/// What every Blob and Queue request shares: the pipeline, the REST version header, sending with service errors
/// turned into <see cref="RequestFailedException"/>, and the header helpers of the common REST conventions.
/// </summary>
internal abstract class StorageRest(HttpPipeline pipeline, string serviceVersion, Uri serviceEndpoint)
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

    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string RequiredHeader(Response response, string name, string operation) =>
        response.Headers.TryGetValue(name, out var value) && value is not null
            ? value
            : throw new RequestFailedException(response.Status, $"{operation}: the service answered {response.Status} without the {name} header", "MissingResponseHeader", null);
}
