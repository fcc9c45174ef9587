using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Http;

/// <summary>
/// Every JSON request body is read through here: at most <c>maxBytes</c> (a declared Content-Length above it is
/// refused before reading, a streamed or chunked body once it passes the limit: 413 problem+json), parsed with a
/// depth limit, and a syntax error answered in our words (line and byte), never with a serializer's message.
/// </summary>
public static class JsonBody
{
    public const int MaxDepth = 16;

    /// <summary>The body as a JSON object, or the problem to answer (empty, too large, not JSON, not an object).</summary>
    public static async Task<(JsonDocument? Document, IResult? Failure)> ReadObjectAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        var buffer = new ArrayBufferWriter<byte>(16384);
        while (true)
        {
            var chunk = buffer.GetMemory(16384);
            var read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            if (buffer.WrittenCount + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
            buffer.Advance(read);
        }
        if (buffer.WrittenCount == 0)
        {
            return (null, Problems.BadRequest("empty body", "the request body is empty; send a JSON object", "body"));
        }
        try
        {
            var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, Problems.BadRequest("not a JSON object", "the request body must be a JSON object", "body"));
            }
            return (document, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest("invalid JSON", $"the request body is not valid JSON: {Describe(ex)}", "body"));
        }
    }

    /// <summary>
    /// Where a <see cref="JsonException"/> happened, in words: the field path and line/byte it names. Its message is
    /// never used — System.Text.Json's messages name .NET types ("could not be converted to Bankflow…").
    /// </summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var at = exception.LineNumber is { } line
            ? $"line {line + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}"
            : "an unknown position";
        return Field(exception) is { } field
            ? $"the value of {field} is not what the field takes ({at})"
            : exception.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"nested deeper than {MaxDepth} levels ({at})"
                : $"a syntax error at {at}";
    }

    /// <summary>The JSON path of the value a <see cref="JsonException"/> is about ("accounts[0].activate"), or null at the root.</summary>
    public static string? Field(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path?.TrimStart('$').TrimStart('.');
        return string.IsNullOrEmpty(path) ? null : path;
    }

    private static IResult TooLarge(long maxBytes) =>
        Problems.TooLarge($"the body is larger than the limit of {maxBytes:N0} bytes for this request");
}
