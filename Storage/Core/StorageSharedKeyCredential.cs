using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Storage.Core;

/// <summary>An account name and key for SharedKey signing. The key never leaves this type in readable form.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKeyBase64)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKeyBase64);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKeyBase64);
        }
        catch (FormatException)
        {
            throw new ArgumentException("account key is not valid base64", nameof(accountKeyBase64));
        }
    }

    public string AccountName { get; }

    /// <summary>Base64(HMAC-SHA256(key, UTF-8(stringToSign))).</summary>
    public string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"SharedKey({AccountName})";
}
