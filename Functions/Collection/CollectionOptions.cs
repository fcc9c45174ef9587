using System.Text;
using Microsoft.Extensions.Configuration;

namespace Bankflow.Functions.Collection;

/// <summary>
/// <c>Bankflow:Collection:*</c>: per agency id the secret it signs its calls with (<c>Agencies:{agencyId}:Secret</c>, a Key
/// Vault reference in Azure), and the daily step's schedule. An agency without a secret of at least
/// <see cref="MinimumSecretBytes"/> bytes cannot call: its requests are answered 401 like an unknown agency's.
/// </summary>
public sealed class CollectionOptions
{
    public const int MinimumSecretBytes = 32;

    private readonly Dictionary<string, byte[]> secrets = new(StringComparer.Ordinal);

    public static CollectionOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new CollectionOptions();
        foreach (var agency in configuration.GetSection("Bankflow:Collection:Agencies").GetChildren())
        {
            if (agency["Secret"] is { } secret && Encoding.UTF8.GetByteCount(secret) >= MinimumSecretBytes)
            {
                options.secrets[agency.Key] = Encoding.UTF8.GetBytes(secret);
            }
        }
        return options;
    }

    public bool TryGetSecret(string agencyId, out byte[] secret) => secrets.TryGetValue(agencyId, out secret!);
}
