using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Access;

/// <summary>Who is calling and for which clients they may act.</summary>
public sealed record ClientGrant(string Subject, IReadOnlySet<string> Clients, DateTimeOffset ExpiresAt)
{
    public bool Allows(ClientId client) => Clients.Contains(client.Value);
}

/// <summary>
/// Signed client tokens. The ERP's backend (trusted, holding the signing key from Key Vault) mints a
/// short-lived token per user session naming the clients that user may act for; Bankflow verifies the
/// signature, the expiry and that the route's client id is in the token before reading anything.
/// Format: <c>bf1.{base64url(payload json)}.{base64url(HMAC-SHA256(key, "bf1." + payload))}</c>,
/// payload <c>{"sub": user, "clients": [ids], "exp": unix seconds}</c>. Deliberately tiny: no header,
/// no algorithm choice, so no algorithm-confusion attacks.
/// </summary>
public sealed class ClientTokenService
{
    private const string Prefix = "bf1.";
    private const int MinimumKeyBytes = 32;

    // A token names a user and a handful of clients; anything longer is not one of ours (and is not parsed).
    private const int MaximumTokenLength = 8192;

    // 9999-12-31T23:59:59Z, the last second DateTimeOffset can hold.
    private const long MaximumUnixSeconds = 253_402_300_799;
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public ClientTokenService(byte[] signingKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(time);
        if (signingKey.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"the client-token signing key must be at least {MinimumKeyBytes} bytes", nameof(signingKey));
        }
        _key = signingKey;
        _time = time;
    }

    public string Issue(string subject, IEnumerable<ClientId> clients, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(clients);
        var expires = _time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["clients"] = clients.Select(c => c.Value).ToArray(),
            ["exp"] = expires,
        });
        var body = Prefix + Base64Url(payload);
        return body + "." + Base64Url(Sign(body));
    }

    /// <summary>
    /// Validates a token; the reason on failure is safe to show (it never echoes the token). Never throws on any
    /// input: every way a token can be wrong — shape, encoding, signature, payload — is a refusal (401 upstream).
    /// </summary>
    public bool TryValidate(string? token, out ClientGrant? grant, out string? reason)
    {
        grant = null;
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            reason = "no Bankflow client token (expected 'Authorization: Bearer bf1.…')";
            return false;
        }
        // Exactly bf1.{payload}.{signature}; base64url has no dots, so a third dot is not ours.
        var parts = token.Split('.');
        if (token.Length > MaximumTokenLength || parts.Length != 3 || parts[1].Length == 0)
        {
            reason = "malformed client token";
            return false;
        }
        var body = Prefix + parts[1];
        // Only the canonical spelling of the signature: one token, one text (no '=', '+', '/', stray bits).
        if (!CanonicalBase64Url.TryDecode(parts[2], out var signature) ||
            !CryptographicOperations.FixedTimeEquals(signature, Sign(body)))
        {
            reason = "client token signature is not valid";
            return false;
        }
        if (!CanonicalBase64Url.TryDecode(parts[1], out var payload) || !TryReadPayload(payload, out var subject, out var clients, out var expires))
        {
            // Signed by the key holder and still unreadable: a bug in the issuer, refused all the same.
            reason = "malformed client token";
            return false;
        }
        if (expires <= _time.GetUtcNow())
        {
            reason = "client token has expired";
            return false;
        }
        grant = new ClientGrant(subject, clients, expires);
        reason = null;
        return true;
    }

    /// <summary>
    /// The payload, read strictly: an object with a non-empty string <c>sub</c>, an array of strings <c>clients</c> and an
    /// integer <c>exp</c> (unix seconds, 1 up to year 9999). <c>1e20</c>, <c>1.5e9</c>, <c>"x"</c>, negative or missing
    /// <c>exp</c> are refused here, not turned into exceptions.
    /// </summary>
    private static bool TryReadPayload(byte[] payload, out string subject, out IReadOnlySet<string> clients, out DateTimeOffset expires)
    {
        subject = "";
        clients = new HashSet<string>();
        expires = default;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return false;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(sub.GetString()) ||
                !root.TryGetProperty("clients", out var list) || list.ValueKind != JsonValueKind.Array ||
                !root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number ||
                !exp.TryGetInt64(out var seconds) || seconds is < 1 or > MaximumUnixSeconds)
            {
                return false;
            }
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return false;
                }
                set.Add(item.GetString()!);
            }
            subject = sub.GetString()!;
            clients = set;
            expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));

    private static string Base64Url(byte[] bytes) => CanonicalBase64Url.Encode(bytes);
}
