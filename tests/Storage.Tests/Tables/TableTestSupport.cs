using Bankflow.Storage.Core;
using Bankflow.Storage.Tables;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Tables;

/// <summary>A fresh table per test on the collection's Azurite.</summary>
internal static class TableTestSupport
{
    public static TableServiceClient Service(AzuriteFixture azurite) =>
        new(azurite.Connection, new StorageClientOptions { Retry = { MaxRetries = 0 } });

    public static async Task<TableClient> NewTableAsync(AzuriteFixture azurite)
    {
        var table = Service(azurite).GetTableClient(AzuriteFixture.UniqueName("t"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <summary>A client for a table that was never created: any request would fail with 404 TableNotFound.</summary>
    public static TableClient MissingTable(AzuriteFixture azurite) =>
        Service(azurite).GetTableClient(AzuriteFixture.UniqueName("missing"));

    public static async Task<List<TableEntity>> AllAsync(TableClient table, string? filter = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(filter))
        {
            rows.Add(entity);
        }
        return rows;
    }
}
