using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Security;

/// <summary>
/// Picks the <see cref="IFieldProtector"/> from <c>Bankflow:DataProtection:*</c>: <c>KeyVaultKeyId</c> (Azure; the
/// app's managed identity needs wrap/unwrap on the key, "Key Vault Crypto User") or <c>LocalKey</c> (base64 of 32
/// bytes; LocalHost passes one per run). With neither, saving a protected field fails with that reason — a
/// personal number is never stored in clear for want of a key — while clear values stored before stay readable.
/// </summary>
public static class FieldProtection
{
    public const string Section = "Bankflow:DataProtection";

    public static IServiceCollection AddFieldProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var keyVaultKey = configuration[$"{Section}:KeyVaultKeyId"];
        var localKey = configuration[$"{Section}:LocalKey"];
        var identity = configuration[$"{Section}:ManagedIdentityClientId"] ?? configuration["AzureWebJobsStorage:clientId"];
        services.AddSingleton<IFieldProtector>(_ =>
            !string.IsNullOrWhiteSpace(keyVaultKey)
                ? new KeyVaultFieldProtector(new Uri(keyVaultKey.Trim()),
                    new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(identity) ? null : identity.Trim() }))
                : !string.IsNullOrWhiteSpace(localKey)
                    ? new LocalKeyFieldProtector(LocalKey(localKey))
                    : new NoKeyFieldProtector());
        return services;
    }

    private static byte[] LocalKey(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Section}:LocalKey is not valid base64");
        }
    }

    /// <summary>No key configured: reading clear (old) values works; protecting does not.</summary>
    private sealed class NoKeyFieldProtector : IFieldProtector
    {
        public ValueTask<string> ProtectAsync(string plaintext, string context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"no data-protection key is configured ({Section}:KeyVaultKeyId in Azure, {Section}:LocalKey locally)");

        public ValueTask<string> UnprotectAsync(string stored, string context, CancellationToken cancellationToken) =>
            FieldCipher.IsProtected(stored)
                ? throw new System.Security.Cryptography.CryptographicException($"the value is encrypted but no data-protection key is configured ({Section}:*)")
                : ValueTask.FromResult(stored);
    }
}
