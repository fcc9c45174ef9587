using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Bankflow.Functions.Security;

/// <summary>
/// Envelope encryption with a Key Vault key (Azure): each process makes one random AES-256 data key, has Key Vault
/// wrap it (RSA-OAEP-256, <c>POST {key}/wrapkey</c>) once, and stores the wrapped key beside each value:
/// <c>bfenc1.kv.{key id}.{wrapped data key}.{nonce}.{ciphertext}.{tag}</c>. Reading unwraps a data key once per
/// process (<c>POST {key id}/unwrapkey</c>, the exact key version that wrapped it) and keeps it in memory. The key
/// never leaves the vault; losing access to it makes the values unreadable, as intended.
/// Key Vault's REST API is called through an Azure.Core pipeline (the Keys SDK is not on this project's feed).
/// </summary>
public sealed class KeyVaultFieldProtector : IFieldProtector
{
    public const string Scheme = "kv";
    public const string ApiVersion = "7.4";
    private const string Algorithm = "RSA-OAEP-256";

    private readonly Uri _keyId;
    private readonly HttpPipeline _pipeline;
    private readonly Lazy<Task<(byte[] Key, string Kid, string Wrapped)>> _dataKey;
    private readonly ConcurrentDictionary<string, Task<byte[]>> _unwrapped = new(StringComparer.Ordinal);

    /// <param name="keyId">The key's URI, with or without a version (<c>https://{vault}.vault.azure.net/keys/{name}[/{version}]</c>).</param>
    public KeyVaultFieldProtector(Uri keyId, TokenCredential credential)
        : this(keyId, HttpPipelineBuilder.Build(new VaultClientOptions(), new BearerTokenAuthenticationPolicy(credential, "https://vault.azure.net/.default")))
    {
    }

    internal KeyVaultFieldProtector(Uri keyId, HttpPipeline pipeline)
    {
        _keyId = keyId ?? throw new ArgumentNullException(nameof(keyId));
        _pipeline = pipeline;
        _dataKey = new Lazy<Task<(byte[], string, string)>>(NewDataKeyAsync);
    }

    public async ValueTask<string> ProtectAsync(string plaintext, string context, CancellationToken cancellationToken)
    {
        var (key, kid, wrapped) = await _dataKey.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return $"{FieldCipher.Prefix}{Scheme}.{Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(kid))}.{wrapped}.{FieldCipher.Seal(key, plaintext, context)}";
    }

    public async ValueTask<string> UnprotectAsync(string stored, string context, CancellationToken cancellationToken)
    {
        if (!FieldCipher.IsProtected(stored))
        {
            return stored; // written before encryption: clear text
        }
        var parts = FieldCipher.Parts(stored, Scheme);
        if (parts.Length != 5)
        {
            throw new CryptographicException("the protected value is not in the expected form");
        }
        var kid = System.Text.Encoding.UTF8.GetString(Base64Url.Decode(parts[0]));
        var key = await _unwrapped.GetOrAdd(parts[1], wrapped => UnwrapAsync(kid, wrapped)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return FieldCipher.Open(key, parts.AsSpan(2), context);
    }

    private async Task<(byte[] Key, string Kid, string Wrapped)> NewDataKeyAsync()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var (kid, wrapped) = await CallAsync(_keyId.AbsoluteUri.TrimEnd('/') + "/wrapkey", Base64Url.Encode(key), CancellationToken.None).ConfigureAwait(false);
        _unwrapped.TryAdd(wrapped, Task.FromResult(key));
        return (key, kid, wrapped);
    }

    private async Task<byte[]> UnwrapAsync(string kid, string wrapped)
    {
        // Only keys of the configured vault are asked: a stored kid cannot send our token elsewhere.
        if (!Uri.TryCreate(kid, UriKind.Absolute, out var uri) || uri.Host != _keyId.Host || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new CryptographicException("the value names a key outside the configured Key Vault");
        }
        var (_, value) = await CallAsync(uri.AbsoluteUri.TrimEnd('/') + "/unwrapkey", wrapped, CancellationToken.None).ConfigureAwait(false);
        return Base64Url.Decode(value);
    }

    /// <summary>One key operation: <c>{"alg","value"}</c> in, <c>{"kid","value"}</c> out (Key Vault keys REST API).</summary>
    private async Task<(string Kid, string Value)> CallAsync(string operationUri, string value, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri($"{operationUri}?api-version={ApiVersion}"));
        request.Headers.Add("Content-Type", "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = Algorithm, ["value"] = value }));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw new RequestFailedException(response.Status, $"Key Vault refused the key operation with {response.Status}");
        }
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        return (json.RootElement.GetProperty("kid").GetString() ?? "", json.RootElement.GetProperty("value").GetString() ?? "");
    }

    private sealed class VaultClientOptions : ClientOptions;
}
