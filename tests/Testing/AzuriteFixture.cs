using Bankflow.LocalHost.Azurite;
using Xunit;

namespace Bankflow.Testing;

/// <summary>
/// A real Azurite for the tests of one test collection: started on free loopback ports with in-memory
/// persistence, stopped when the collection ends. No storage mocks anywhere.
/// Each test project declares its own collection (xunit 2 wants the definition in the test assembly):
/// <code>[CollectionDefinition(AzuriteFixture.Collection)] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</code>
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Collection = "Azurite";

    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started");

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A fresh, valid resource name per test so tests never see each other's data (letters and digits only).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
