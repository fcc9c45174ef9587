namespace Bankflow.Domain.Access;

/// <summary>
/// Base64url without padding (RFC 4648 §5, as JOSE and PKCE use it), read strictly. Decoding accepts only the
/// canonical form — the one <see cref="Encode"/> produces: no <c>=</c>, no <c>+</c> or <c>/</c>, no whitespace,
/// and zero bits in the last character's unused low bits. Otherwise one signature would have several spellings,
/// and anything that compares or remembers the text (a replay list, a cache key) would see different tokens where
/// the signature check sees one.
/// </summary>
public static class CanonicalBase64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Decodes <paramref name="text"/> when it is canonical unpadded base64url; false (and no bytes) otherwise.</summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        // A length of 1 mod 4 cannot be produced by any byte count.
        if (text is null || text.Length % 4 == 1)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!IsAlphabet(c))
            {
                return false;
            }
        }
        // The alphabet and length are checked above; standard base64 with its padding decodes the same bits.
        var standard = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
        var decoded = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(standard, decoded, out var written))
        {
            return false;
        }
        decoded = decoded[..written];
        // Non-zero unused bits decode to the same bytes as the canonical text: re-encoding tells them apart.
        if (!string.Equals(Encode(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }
        bytes = decoded;
        return true;
    }

    private static bool IsAlphabet(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
