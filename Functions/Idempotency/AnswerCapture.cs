using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Bankflow.Functions.Idempotency;

/// <summary>
/// Turns an endpoint's <see cref="IResult"/> into a <see cref="StoredAnswer"/> by executing it on a scratch context
/// that has the request's services, request line and Accept header (problem+json and JSON options come out as on the
/// real response) and an in-memory body. The answer is stored before the caller sees it, so the first caller and every
/// replay get the same bytes.
/// </summary>
internal static class AnswerCapture
{
    /// <summary>Headers that describe a transfer, not the answer: the replay sets its own.</summary>
    private static readonly HashSet<string> TransferHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Date, HeaderNames.Server, HeaderNames.Connection,
    };

    public static async Task<StoredAnswer> CaptureAsync(IResult result, HttpContext original)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(original);
        var scratch = new DefaultHttpContext
        {
            RequestServices = original.RequestServices,
            TraceIdentifier = original.TraceIdentifier,
            RequestAborted = original.RequestAborted,
        };
        var request = scratch.Request;
        request.Method = original.Request.Method;
        request.Scheme = original.Request.Scheme;
        request.Host = original.Request.Host;
        request.PathBase = original.Request.PathBase;
        request.Path = original.Request.Path;
        request.QueryString = original.Request.QueryString;
        request.Headers.Accept = original.Request.Headers.Accept;
        using var body = new MemoryStream();
        scratch.Response.Body = body;
        await result.ExecuteAsync(scratch).ConfigureAwait(false);
        var headers = scratch.Response.Headers
            .Where(h => !TransferHeaders.Contains(h.Key))
            .Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.Select(v => v ?? "").ToArray()))
            .ToList();
        return new StoredAnswer(scratch.Response.StatusCode, headers, body.ToArray());
    }
}
