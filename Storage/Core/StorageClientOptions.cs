using Azure.Core;

namespace Bankflow.Storage.Core;

/// <summary>Options for every Bankflow storage client: Azure.Core's retry, logging and transport, plus the REST version.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The x-ms-version sent on every request. Azurite 3.37 accepts up to 2026-06-06.</summary>
    public string ServiceVersion { get; set; } = "2025-01-05";
}
