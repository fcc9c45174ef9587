using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Idempotency;

/// <summary>
/// What "the same request" means for an Idempotency-Key: SHA-256 over the method, the path, the query, any header the
/// operation names (an upload's <c>X-File-Name</c>) and the SHA-256 of the body's bytes exactly as received.
/// <list type="bullet">
/// <item>The body is not reinterpreted: JSON that differs only in spacing or property order is another body (a retry
/// sends the bytes it sent the first time). A second parser here could read a body differently than the endpoint does
/// (duplicate properties, number forms); comparing bytes cannot make two different requests look the same.</item>
/// <item>Streamed bodies (uploads) are hashed while they stream, never held whole: the caller passes the digest.</item>
/// <item>Path, query names and values and header values go in percent-encoded, so no value can forge a separator.
/// Query parameters are sorted by name (order on the wire does not matter); <c>code</c>, the function key, is left
/// out — it is a credential, and a rotated key does not make a retry another request.</item>
/// </list>
/// </summary>
public static class RequestFingerprint
{
    private const string Version = "bankflow-idempotency/1";

    /// <summary>The fingerprint (64 hex digits) of <paramref name="request"/> with a body whose SHA-256 is <paramref name="bodySha256"/>.</summary>
    public static string Of(HttpRequest request, string bodySha256, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bodySha256);
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder(256)
            .Append(Version).Append('\n')
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append((request.PathBase + request.Path).ToUriComponent()).Append('\n');
        var first = true;
        foreach (var (name, values) in request.Query.Where(q => !string.Equals(q.Key, "code", StringComparison.Ordinal)).OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            foreach (var value in values)
            {
                text.Append(first ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                first = false;
            }
        }
        text.Append('\n');
        foreach (var header in headers)
        {
            text.Append(header.ToLowerInvariant()).Append(':')
                .AppendJoin(',', request.Headers[header].Select(v => Uri.EscapeDataString(v ?? ""))).Append('\n');
        }
        text.Append(bodySha256.ToLowerInvariant()).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>SHA-256 (hex) of a body read to its end in small pieces, at most <paramref name="limit"/> bytes; null above it.</summary>
    public static async Task<string?> HashBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return null;
            }
            sha.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
