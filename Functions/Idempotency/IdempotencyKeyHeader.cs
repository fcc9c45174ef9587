using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Idempotency;

/// <summary>What a request's <c>Idempotency-Key</c> header came to.</summary>
public enum KeyPresence
{
    /// <summary>No header: the request runs as it would without idempotency.</summary>
    Absent,
    Valid,
    /// <summary>Sent, but empty, too long, repeated or with characters outside visible ASCII: 400.</summary>
    Invalid,
}

/// <summary>
/// The <c>Idempotency-Key</c> request header (as in the IETF httpapi draft, Stripe and Aritma's banking API): an opaque
/// value of 1–255 visible ASCII characters the client picks per operation (a UUID is typical) and sends again, unchanged,
/// with every retry of that operation.
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>Set on a replayed answer (as Stripe's <c>Idempotent-Replayed</c>): the answer is the first request's.</summary>
    public const string ReplayedHeader = "Idempotency-Replayed";

    public const int MaxLength = 255;

    public static KeyPresence Read(HttpRequest request, out string key)
    {
        ArgumentNullException.ThrowIfNull(request);
        key = "";
        if (!request.Headers.TryGetValue(Name, out var values) || values.Count == 0)
        {
            return KeyPresence.Absent;
        }
        if (values.Count > 1)
        {
            return KeyPresence.Invalid;
        }
        var value = values[0] ?? "";
        if (value.Length is 0 or > MaxLength || !value.All(c => c is > ' ' and <= '~'))
        {
            return KeyPresence.Invalid;
        }
        key = value;
        return KeyPresence.Valid;
    }

    /// <summary>
    /// The row key a key is stored under: SHA-256 of its bytes as hex. A client's key may hold characters a RowKey
    /// cannot (<c>/ \ # ?</c>), and the stored rows never show the key itself.
    /// </summary>
    public static string RowKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
}
