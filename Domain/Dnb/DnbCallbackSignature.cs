using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Domain.Dnb;

/// <summary>Why a callback's signature was not accepted.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>No timestamp or no signature header.</summary>
    Missing,

    /// <summary>The timestamp is not Unix seconds, or the signature not <c>sha256=</c> and 64 hex digits.</summary>
    Malformed,

    /// <summary>The HMAC does not match: another secret, or an altered body or timestamp.</summary>
    Mismatch,

    /// <summary>Signed correctly, but more than <see cref="DnbCallbackSignature.ReplayWindow"/> from now: an old message sent again.</summary>
    OutsideWindow,
}

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

    /// <summary>How far a callback's timestamp may be from now, either way (clocks drift; DNB retries quickly).</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    /// <summary>The <see cref="SignatureHeader"/> value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, long timestamp, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Mac(secret, timestamp.ToString(CultureInfo.InvariantCulture), body));

    public static SignatureCheck Verify(ReadOnlySpan<byte> secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.Missing;
        }
        if (timestampHeader.Length > 12 || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !signatureHeader.StartsWith(Scheme, StringComparison.Ordinal) || signatureHeader.Length != Scheme.Length + 64)
        {
            return SignatureCheck.Malformed;
        }
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signatureHeader.AsSpan(Scheme.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return SignatureCheck.Malformed;
        }
        // Constant time: how much of the MAC matched must not show in how long the answer takes.
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestampHeader, body)))
        {
            return SignatureCheck.Mismatch;
        }
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        return (now - sent).Duration() > ReplayWindow ? SignatureCheck.OutsideWindow : SignatureCheck.Valid;
    }

    private static byte[] Mac(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret, message);
    }
}
