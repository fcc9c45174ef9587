using System.Globalization;
using System.Text;
using Bankflow.Domain.Access;

namespace Bankflow.Domain.Dnb;

/// <summary>
/// How DNB signs the agreement callback: HMAC-SHA256 with the secret Bankflow and DNB share (one per bank), over the
/// ASCII timestamp (Unix seconds), a '.', and the body's bytes as sent; hex in <c>X-Bankflow-Signature: sha256=…</c>,
/// the timestamp in <c>X-Bankflow-Timestamp</c>. Binding the timestamp into the MAC lets the receiver refuse a replay
/// older than <see cref="ReplayWindow"/>; inside the window a repeat is harmless because the callback is idempotent.
/// Both sides (the Functions app and the DNB simulator) use this one definition, so it lives here, pure.
/// </summary>
public static class DnbCallbackSignature
{
    public const string TimestampHeader = "X-Bankflow-Timestamp";
    public const string SignatureHeader = "X-Bankflow-Signature";
    private const string Scheme = "sha256=";

    /// <summary>How far a callback's timestamp may be from now, either way: the partners' window.</summary>
    public static readonly TimeSpan ReplayWindow = PartnerSignature.ReplayWindow;

    /// <summary>The <see cref="SignatureHeader"/> value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, long timestamp, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Mac(secret, timestamp.ToString(CultureInfo.InvariantCulture), body));

    public static SignatureCheck Verify(ReadOnlySpan<byte> secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.Missing;
        }
        if (!PartnerSignature.TryReadTimestamp(timestampHeader, out var seconds)
            || !signatureHeader.StartsWith(Scheme, StringComparison.Ordinal) || signatureHeader.Length != Scheme.Length + 64)
        {
            return SignatureCheck.Malformed;
        }
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signatureHeader.AsSpan(Scheme.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return SignatureCheck.Malformed;
        }
        return PartnerSignature.Check(secret, seconds, given, Message(timestampHeader, body), now);
    }

    private static byte[] Mac(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body) =>
        PartnerSignature.Mac(secret, Message(timestamp, body));

    private static byte[] Message(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }
}
