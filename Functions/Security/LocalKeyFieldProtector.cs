using System.Security.Cryptography;

namespace Bankflow.Functions.Security;

/// <summary>
/// AES-256-GCM with a key from configuration (<c>Bankflow:DataProtection:LocalKey</c>, base64 of 32 bytes): local
/// runs on Azurite. Stored as <c>bfenc1.local.{key id}.{nonce}.{ciphertext}.{tag}</c>; the key id (a hash prefix of
/// the key) says "another key" instead of a bare decryption failure.
/// </summary>
public sealed class LocalKeyFieldProtector : IFieldProtector
{
    public const string Scheme = "local";

    private readonly byte[] _key;
    private readonly string _keyId;

    public LocalKeyFieldProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("the local data-protection key must be 32 bytes (AES-256)", nameof(key));
        }
        _key = key;
        _keyId = Base64Url.Encode(SHA256.HashData(key).AsSpan(0, 6));
    }

    public ValueTask<string> ProtectAsync(string plaintext, string context, CancellationToken cancellationToken) =>
        ValueTask.FromResult($"{FieldCipher.Prefix}{Scheme}.{_keyId}.{FieldCipher.Seal(_key, plaintext, context)}");

    public ValueTask<string> UnprotectAsync(string stored, string context, CancellationToken cancellationToken)
    {
        if (!FieldCipher.IsProtected(stored))
        {
            return ValueTask.FromResult(stored); // written before encryption: clear text
        }
        var parts = FieldCipher.Parts(stored, Scheme);
        if (parts[0] != _keyId)
        {
            throw new CryptographicException("the value was protected with another local key (Bankflow:DataProtection:LocalKey changed)");
        }
        return ValueTask.FromResult(FieldCipher.Open(_key, parts.AsSpan(1), context));
    }
}
