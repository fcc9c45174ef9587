using System.Globalization;
using System.Text;
using Bankflow.Domain.Access;

namespace Bankflow.Domain.Collection;

/// <summary>
/// How a collection agency signs each call to the agency API: HMAC-SHA256 with the secret Bankflow shares with that agency
/// over <c>timestamp \n METHOD \n path?query \n Idempotency-Key \n body</c> (UTF-8 text lines, the body's bytes as sent),
/// base64 in <c>X-Signature</c>, the Unix-seconds timestamp in <c>X-Timestamp</c>. Method and path are signed so a signature
/// for one route cannot be replayed on another; the Idempotency-Key (distinct for distinct requests) so two different
/// requests in one second never share a signature; the timestamp bounds the replay window (<see cref="PartnerSignature"/>);
/// the receiver also refuses a signature it has already seen inside the window. The agency's simulator signs with this too.
/// </summary>
public static class AgencySignature
{
    public const string AgencyHeader = "X-Agency-Id";
    public const string ClientKeyHeader = "X-Client-Key";
    public const string TimestampHeader = "X-Timestamp";
    public const string SignatureHeader = "X-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static string Sign(ReadOnlySpan<byte> secret, long timestamp, string method, string pathAndQuery, string? idempotencyKey, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(PartnerSignature.Mac(secret, Message(timestamp.ToString(CultureInfo.InvariantCulture), method, pathAndQuery, idempotencyKey, body)));

    public static SignatureCheck Verify(ReadOnlySpan<byte> secret, string? timestampHeader, string? signatureHeader, string method, string pathAndQuery,
        string? idempotencyKey, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.Missing;
        }
        Span<byte> given = stackalloc byte[32];
        // 32 bytes are 44 base64 characters with one '=' of padding.
        if (!PartnerSignature.TryReadTimestamp(timestampHeader, out var seconds) || signatureHeader.Length != 44
            || !Convert.TryFromBase64String(signatureHeader, given, out var written) || written != 32)
        {
            return SignatureCheck.Malformed;
        }
        return PartnerSignature.Check(secret, seconds, given, Message(timestampHeader, method, pathAndQuery, idempotencyKey, body), now);
    }

    private static byte[] Message(string timestamp, string method, string pathAndQuery, string? idempotencyKey, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{timestamp}\n{method.ToUpperInvariant()}\n{pathAndQuery}\n{idempotencyKey}\n");
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return message;
    }
}
