using Azure;
using Bankflow.Storage.Tables;
using Bankflow.Testing;
using static Bankflow.Storage.Tests.Tables.TableTestSupport;

namespace Bankflow.Storage.Tests.Tables;

[Collection(AzuriteFixture.Collection)]
public sealed class TableEntityOperationsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Create_table_twice_is_fine_and_CreateTable_then_reports_409()
    {
        var service = Service(azurite);
        var name = AzuriteFixture.UniqueName("t");
        Assert.Equal(204, (await service.CreateTableIfNotExistsAsync(name)).Status);
        Assert.Equal(409, (await service.CreateTableIfNotExistsAsync(name)).Status);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => service.CreateTableAsync(name));
        Assert.Equal(409, e.Status);
        Assert.Equal("TableAlreadyExists", e.ErrorCode);
    }

    [Fact]
    public async Task Delete_table_removes_it_and_a_missing_table_is_not_an_error()
    {
        var service = Service(azurite);
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r"));
        Assert.Equal(204, (await service.DeleteTableAsync(table.Name)).Status);
        Assert.Equal(404, (await service.DeleteTableAsync(table.Name)).Status);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "r"));
        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task Add_then_get_returns_the_row_with_etag_and_timestamp()
    {
        var table = await NewTableAsync(azurite);
        var added = await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "Draft" });
        Assert.Equal(204, added.Status);
        var got = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal("p", got.PartitionKey);
        Assert.Equal("r", got.RowKey);
        Assert.Equal("Draft", got.GetString("Status"));
        Assert.Equal(added.Headers.ETag, got.ETag);
        Assert.NotNull(got.Timestamp);
        Assert.InRange(got.Timestamp!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Add_of_an_existing_row_is_409_EntityAlreadyExists_and_leaves_it_unchanged()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }));
        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.Contains("PartitionKey 'p', RowKey 'r'", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task Get_of_a_missing_row_is_404_and_IfExists_gives_no_value()
    {
        var table = await NewTableAsync(azurite);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "absent"));
        Assert.Equal(404, e.Status);
        Assert.Equal("ResourceNotFound", e.ErrorCode);
        var maybe = await table.GetEntityIfExistsAsync("p", "absent");
        Assert.False(maybe.HasValue);
        Assert.Null(maybe.Value);
        Assert.Equal(404, maybe.GetRawResponse().Status);

        await table.AddEntityAsync(new TableEntity("p", "present") { ["A"] = "x" });
        var found = await table.GetEntityIfExistsAsync("p", "present");
        Assert.True(found.HasValue);
        Assert.Equal("x", found.Value!.GetString("A"));
    }

    [Fact]
    public async Task IfExists_on_a_missing_table_is_still_an_error()
    {
        var table = MissingTable(azurite);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));
        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task Get_with_select_returns_only_the_chosen_properties()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = 2L, ["C"] = true });
        var got = (await table.GetEntityAsync("p", "r", ["B"])).Value;
        Assert.Equal(["B"], got.Keys);
        Assert.Equal(2L, got.GetInt64("B"));
    }

    [Fact]
    public async Task Upsert_merge_keeps_unmentioned_properties_and_replace_drops_them()
    {
        var table = await NewTableAsync(azurite);
        // Upsert inserts when absent.
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, TableUpdateMode.Replace);

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2", ["C"] = "c" }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(["A", "B", "C"], merged.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a", merged.GetString("A"));
        Assert.Equal("b2", merged.GetString("B"));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c2" }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(["C"], replaced.Keys);
        Assert.Equal("c2", replaced.GetString("C"));
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_a_stale_etag_is_412()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1, ["Keep"] = "k" });
        var first = (await table.GetEntityAsync("p", "r")).Value;

        var updated = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first.ETag, TableUpdateMode.Merge);
        Assert.NotEqual(first.ETag, updated.Headers.ETag);
        var afterMerge = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(2, afterMerge.GetInt32("V"));
        Assert.Equal("k", afterMerge.GetString("Keep"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, first.ETag, TableUpdateMode.Replace));
        Assert.Equal(412, e.Status);
        Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r")).Value.GetInt32("V"));

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 4 }, afterMerge.ETag, TableUpdateMode.Replace);
        var afterReplace = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(4, afterReplace.GetInt32("V"));
        Assert.False(afterReplace.ContainsKey("Keep"));
    }

    [Fact]
    public async Task Update_of_a_missing_row_is_404_even_with_etag_all()
    {
        var table = await NewTableAsync(azurite);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(new TableEntity("p", "absent") { ["V"] = 1 }, ETag.All));
        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_412_with_the_current_one_succeeds_and_then_404()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var stale = (await table.GetEntityAsync("p", "r")).Value.ETag;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });
        var current = (await table.GetEntityAsync("p", "r")).Value.ETag;

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        Assert.Equal(412, e.Status);
        Assert.True((await table.GetEntityIfExistsAsync("p", "r")).HasValue);

        Assert.Equal(204, (await table.DeleteEntityAsync("p", "r", current)).Status);
        Assert.False((await table.GetEntityIfExistsAsync("p", "r")).HasValue);

        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r"));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task Delete_without_etag_sends_star_and_deletes_unconditionally()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "a"));
        await table.AddEntityAsync(new TableEntity("p", "b"));
        await table.UpsertEntityAsync(new TableEntity("p", "a") { ["Changed"] = true });
        await table.DeleteEntityAsync("p", "a");
        await table.DeleteEntityAsync("p", "b", ETag.All);
        Assert.Empty(await AllAsync(table));
    }

    [Theory]
    [InlineData("O'Brien", "row with spaces")]
    [InlineData("''", "'")]
    [InlineData("Blåbær og øl", "Ærlig Øystein Åse")]
    [InlineData("", "")]
    [InlineData("percent%20and+plus", "equals=&amp;(paren)")]
    public async Task Keys_with_quotes_spaces_and_norwegian_letters_work_in_every_operation(string partitionKey, string rowKey)
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["Name"] = "Kåre O'Hara" });
        var got = (await table.GetEntityAsync(partitionKey, rowKey)).Value;
        Assert.Equal(partitionKey, got.PartitionKey);
        Assert.Equal(rowKey, got.RowKey);
        Assert.Equal("Kåre O'Hara", got.GetString("Name"));

        await table.UpsertEntityAsync(new TableEntity(partitionKey, rowKey) { ["More"] = 1 }, TableUpdateMode.Merge);
        await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["More"] = 2 }, ETag.All, TableUpdateMode.Merge);
        Assert.Equal(2, (await table.GetEntityAsync(partitionKey, rowKey)).Value.GetInt32("More"));

        var filtered = await AllAsync(table, TableFilter.Create($"PartitionKey eq {partitionKey} and RowKey eq {rowKey}"));
        Assert.Equal(rowKey, Assert.Single(filtered).RowKey);

        await table.DeleteEntityAsync(partitionKey, rowKey);
        Assert.False((await table.GetEntityIfExistsAsync(partitionKey, rowKey)).HasValue);
    }

    [Fact]
    public async Task A_wrong_account_key_is_a_403_RequestFailedException()
    {
        var table = await NewTableAsync(azurite);
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connection = Bankflow.Storage.Core.StorageConnection.Parse(
            azurite.ConnectionString.Replace(Bankflow.Storage.Core.StorageConnection.DevelopmentAccountKey, wrongKey, StringComparison.Ordinal));
        var impostor = new TableClient(connection, table.Name, new Bankflow.Storage.Core.StorageClientOptions { Retry = { MaxRetries = 0 } });
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => impostor.AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(403, e.Status);
        Assert.Equal("AuthorizationFailure", e.ErrorCode);
        Assert.False((await table.GetEntityIfExistsAsync("p", "r")).HasValue);
    }

    [Fact]
    public async Task A_key_of_512_characters_works_on_Azurite()
    {
        // Our limit is Azure's 1024; Azurite's own is 512 (see TableKeys) — the longest key both accept.
        var table = await NewTableAsync(azurite);
        var key = new string('k', 512);
        await table.AddEntityAsync(new TableEntity(key, key));
        Assert.Equal(key, (await table.GetEntityAsync(key, key)).Value.RowKey);
    }
}
