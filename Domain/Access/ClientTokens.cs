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

    /// <summary>Validates a token; the reason on failure is safe to show (it never echoes the token).</summary>
    public bool TryValidate(string? token, out ClientGrant? grant, out string? reason)
    {
        grant = null;
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            reason = "no Bankflow client token (expected 'Authorization: Bearer bf1.…')";
            return false;
        }
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= Prefix.Length)
        {
            reason = "malformed client token";
            return false;
        }
        var body = token[..lastDot];
        if (!TryFromBase64Url(token[(lastDot + 1)..], out var signature) ||
            !CryptographicOperations.FixedTimeEquals(signature, Sign(body)))
        {
            reason = "client token signature is not valid";
            return false;
        }
        if (!TryFromBase64Url(body[Prefix.Length..], out var payload))
        {
            reason = "malformed client token";
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            var subject = root.GetProperty("sub").GetString() ?? "";
            var expires = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            var clients = root.GetProperty("clients").EnumerateArray().Select(e => e.GetString() ?? "").ToHashSet(StringComparer.Ordinal);
            if (expires <= _time.GetUtcNow())
            {
                reason = "client token has expired";
                return false;
            }
            grant = new ClientGrant(subject, clients, expires);
            reason = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            reason = "malformed client token";
            return false;
        }
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
