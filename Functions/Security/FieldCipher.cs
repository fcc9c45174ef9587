using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Functions.Security;

/// <summary>
/// AES-256-GCM of one field, written as dot-separated base64url parts after <see cref="Prefix"/>:
/// <c>bfenc1.{scheme}.{key parts…}.{nonce}.{ciphertext}.{tag}</c>. The scheme says which key opens it.
/// </summary>
public static class FieldCipher
{
    public const string Prefix = "bfenc1.";

    public static bool IsProtected(string? stored) => stored?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>nonce, ciphertext, tag as base64url, dot-separated.</summary>
    public static string Seal(ReadOnlySpan<byte> key, string plaintext, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[clear.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, clear, cipher, tag, Encoding.UTF8.GetBytes(context));
        return $"{Base64Url.Encode(nonce)}.{Base64Url.Encode(cipher)}.{Base64Url.Encode(tag)}";
    }

    /// <summary>Opens what <see cref="Seal"/> wrote (the last three parts); a wrong key or context throws <see cref="CryptographicException"/>.</summary>
    public static string Open(ReadOnlySpan<byte> key, ReadOnlySpan<string> parts, string context)
    {
        if (parts.Length != 3)
        {
            throw new CryptographicException("the protected value is not in the expected form");
        }
        var nonce = Base64Url.Decode(parts[0]);
        var cipher = Base64Url.Decode(parts[1]);
        var tag = Base64Url.Decode(parts[2]);
        var clear = new byte[cipher.Length];
        using var aes = new AesGcm(key, tag.Length);
        aes.Decrypt(nonce, cipher, tag, clear, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(clear);
    }

    /// <summary>The parts after the prefix; throws when <paramref name="stored"/> is not protected by <paramref name="scheme"/>.</summary>
    public static string[] Parts(string stored, string scheme)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored[Prefix.Length..].Split('.');
        if (parts[0] != scheme)
        {
            throw new CryptographicException($"the value was protected with the '{parts[0]}' key scheme, but this installation uses '{scheme}'");
        }
        return parts[1..];
    }
}

/// <summary>Base64url without padding (RFC 4648 §5), as JOSE and Key Vault use it.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
