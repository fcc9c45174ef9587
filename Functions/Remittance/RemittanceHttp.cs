using System.Text.Json;
using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Remittance;

/// <summary>HTTP plumbing shared by the agreement and payment-batch endpoints: bounded JSON bodies and problem answers.</summary>
internal static class RemittanceHttp
{
    /// <summary>9 999 payments of a few hundred bytes each fit comfortably.</summary>
    public const long MaxBodyBytes = 8L * 1024 * 1024;

    /// <summary>The request body as a JSON object, or the problem to answer (empty, too large, not JSON, not an object).</summary>
    public static async Task<(JsonDocument? Document, IResult? Failure)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Problems.TooLarge($"the body is {request.ContentLength:N0} bytes; the limit is {MaxBodyBytes:N0} bytes"));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, Problems.TooLarge($"the body is larger than the limit of {MaxBodyBytes:N0} bytes"));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (null, Problems.BadRequest("empty body", "the request body is empty; send a JSON object", "body"));
        }
        try
        {
            var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, Problems.BadRequest("not a JSON object", "the request body must be a JSON object", "body"));
            }
            return (document, null);
        }
        catch (JsonException ex)
        {
            // The parser's message names line and byte position; it never echoes the body.
            return (null, Problems.BadRequest("invalid JSON", $"the request body is not valid JSON: {ex.Message}", "body"));
        }
    }

    /// <summary>409 with the reasons per field: the request is well-formed but the batch's state does not allow it.</summary>
    public static IResult Conflict(string title, IReadOnlyDictionary<string, string[]> errors) =>
        Results.Problem(title: title, detail: string.Join(" ", errors.SelectMany(e => e.Value)), statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult PreconditionFailed(string detail) =>
        Results.Problem(title: "precondition failed", detail: detail, statusCode: StatusCodes.Status412PreconditionFailed);
}
