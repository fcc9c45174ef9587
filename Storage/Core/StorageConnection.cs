namespace Bankflow.Storage.Core;

/// <summary>
/// Where the storage account lives and how to authenticate: parsed from a connection string (Azurite and
/// local runs; SharedKey) or built from endpoints plus a <see cref="Azure.Core.TokenCredential"/> (Azure; Entra ID).
/// </summary>
public sealed class StorageConnection
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented; not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnection(string accountName, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, StorageSharedKeyCredential? sharedKey, Azure.Core.TokenCredential? token)
    {
        AccountName = accountName;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
        SharedKey = sharedKey;
        TokenCredential = token;
    }

    public string AccountName { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>Set when the connection string carried an account key.</summary>
    public StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>Set for Entra ID authentication (DefaultAzureCredential or a managed identity in Azure).</summary>
    public Azure.Core.TokenCredential? TokenCredential { get; }

    /// <summary>
    /// True when the endpoints are path-style (Azurite: <c>http://127.0.0.1:10000/devstoreaccount1</c>): the
    /// account name is then part of the path, and Azurite expects it twice in the signed resource.
    /// </summary>
    public bool IsPathStyle(Uri endpoint) =>
        endpoint.AbsolutePath.Trim('/').Split('/')[0].Equals(AccountName, StringComparison.Ordinal)
        && !endpoint.Host.StartsWith(AccountName + ".", StringComparison.OrdinalIgnoreCase);

    /// <summary>Entra ID: account endpoints from the account name (<c>https://{name}.blob.core.windows.net</c>, …).</summary>
    public static StorageConnection FromAccountName(string accountName, Azure.Core.TokenCredential credential, string endpointSuffix = "core.windows.net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageConnection(
            accountName,
            new Uri($"https://{accountName}.blob.{endpointSuffix}"),
            new Uri($"https://{accountName}.queue.{endpointSuffix}"),
            new Uri($"https://{accountName}.table.{endpointSuffix}"),
            sharedKey: null,
            credential);
    }

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c> or <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…;</c>
    /// with optional <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c>/<c>EndpointSuffix</c>.
    /// The error never repeats the key.
    /// </summary>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException("connection string segments must be Name=Value", nameof(connectionString));
            }
            parts[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? p.TrimEnd('/') : "http://127.0.0.1";
            return new StorageConnection(
                DevelopmentAccountName,
                new Uri($"{proxy}:10000/{DevelopmentAccountName}"),
                new Uri($"{proxy}:10001/{DevelopmentAccountName}"),
                new Uri($"{proxy}:10002/{DevelopmentAccountName}"),
                new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
                token: null);
        }

        if (!parts.TryGetValue("AccountName", out var name) || string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("connection string has no AccountName", nameof(connectionString));
        }
        if (!parts.TryGetValue("AccountKey", out var key) || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("connection string has no AccountKey (use Entra ID via FromAccountName for keyless access)", nameof(connectionString));
        }
        var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto : "https";
        var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
        Uri Endpoint(string setting, string service) =>
            parts.TryGetValue(setting, out var explicitEndpoint)
                ? new Uri(explicitEndpoint.TrimEnd('/'))
                : new Uri($"{protocol}://{name}.{service}.{suffix}");
        return new StorageConnection(
            name,
            Endpoint("BlobEndpoint", "blob"),
            Endpoint("QueueEndpoint", "queue"),
            Endpoint("TableEndpoint", "table"),
            new StorageSharedKeyCredential(name, key),
            token: null);
    }

    /// <summary>A connection string for Azurite on the given loopback ports (tests and the local run).</summary>
    public static string AzuriteConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccountName};";

    public override string ToString() => $"StorageConnection({AccountName}, {(SharedKey is null ? "Entra ID" : "SharedKey")})";
}
