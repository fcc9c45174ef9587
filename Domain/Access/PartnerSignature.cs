using System.Globalization;
using System.Security.Cryptography;

namespace Bankflow.Domain.Access;

/// <summary>Why a partner's signed call was not accepted.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>No timestamp or no signature header.</summary>
    Missing,

    /// <summary>The timestamp is not Unix seconds, or the signature not in the partner's encoding.</summary>
    Malformed,

    /// <summary>The HMAC does not match: another secret, or an altered message or timestamp.</summary>
    Mismatch,

    /// <summary>Signed correctly, but further than the replay window from now: an old message sent again.</summary>
    OutsideWindow,
}

/// <summary>
/// What every partner that calls us signs with (DNB's agreement callback, a collection agency's API calls): HMAC-SHA256
/// with a secret shared with that partner over a message that binds a Unix-seconds timestamp, compared in constant time,
/// and refused when the timestamp is more than <see cref="ReplayWindow"/> from now. Each partner decides what the signed
/// message holds and how the MAC is encoded in its header; the cryptography and the window live here, once.
/// </summary>
public static class PartnerSignature
{
    /// <summary>How far a call's timestamp may be from now, either way (clocks drift; partners retry quickly).</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    /// <summary>Unix seconds of at most 12 digits (no sign, no spaces); false otherwise.</summary>
    public static bool TryReadTimestamp(string? header, out long seconds)
    {
        seconds = 0;
        return header is { Length: > 0 and <= 12 } && long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
    }

    public static byte[] Mac(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> message) => HMACSHA256.HashData(secret, message);

    /// <summary>
    /// Compares the MAC the partner sent with ours over <paramref name="message"/> in constant time — how much of it matched
    /// must not show in how long the answer takes — then checks the timestamp against the window.
    /// </summary>
    public static SignatureCheck Check(ReadOnlySpan<byte> secret, long timestamp, ReadOnlySpan<byte> given, ReadOnlySpan<byte> message, DateTimeOffset now)
    {
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(secret, message)))
        {
            return SignatureCheck.Mismatch;
        }
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253_402_300_799));
        return (now - sent).Duration() > ReplayWindow ? SignatureCheck.OutsideWindow : SignatureCheck.Valid;
    }
}
