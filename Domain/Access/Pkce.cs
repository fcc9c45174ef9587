using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Domain.Access;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636), method S256 only: the client keeps a random <c>code_verifier</c>, sends
/// <c>code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))</c> with the authorisation request, and the verifier
/// with the code exchange. A code is then good only to whoever started that sign-in — a code lifted from one
/// sign-in and replayed into another fails at the token endpoint. ("plain" is not offered: it protects nothing
/// once the authorisation request is seen.)
/// </summary>
public static class Pkce
{
    public const string Method = "S256";

    /// <summary>RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~].</summary>
    public static bool IsVerifier(string? text) =>
        text is { Length: >= 43 and <= 128 } && text.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~');

    /// <summary>A verifier from 32 bytes of entropy (the caller's CSPRNG): their base64url, 43 characters.</summary>
    public static string Verifier(ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length < 32)
        {
            throw new ArgumentException("a PKCE verifier needs at least 32 bytes of entropy", nameof(entropy));
        }
        return CanonicalBase64Url.Encode(entropy);
    }

    public static string Challenge(string verifier)
    {
        if (!IsVerifier(verifier))
        {
            throw new ArgumentException("not a PKCE code verifier (43–128 unreserved characters)", nameof(verifier));
        }
        return CanonicalBase64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>Whether <paramref name="verifier"/> is the one <paramref name="challenge"/> (S256) was made from; constant time.</summary>
    public static bool Verifies(string? verifier, string? challenge) =>
        IsVerifier(verifier) && challenge is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(verifier!)), Encoding.ASCII.GetBytes(challenge));
}
