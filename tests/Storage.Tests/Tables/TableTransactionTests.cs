using Azure;
using Bankflow.Storage.Tables;
using Bankflow.Testing;
using static Bankflow.Storage.Tests.Tables.TableTestSupport;

namespace Bankflow.Storage.Tests.Tables;

[Collection(AzuriteFixture.Collection)]
public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    private static TableTransactionAction Act(TableTransactionActionType type, string rowKey, int value = 0, ETag etag = default) =>
        new(type, new TableEntity("p", rowKey) { ["V"] = value }, etag);

    [Fact]
    public async Task Every_action_type_commits_together_and_returns_one_response_per_action()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["V"] = 1, ["Keep"] = "k" });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["V"] = 1, ["Drop"] = "d" });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        await table.AddEntityAsync(new TableEntity("p", "upsertmerge") { ["Keep"] = "k" });
        var replaceEtag = (await table.GetEntityAsync("p", "replace")).Value.ETag;
        var deleteEtag = (await table.GetEntityAsync("p", "delete")).Value.ETag;

        var response = await table.SubmitTransactionAsync(
        [
            Act(TableTransactionActionType.Add, "new", 1),
            Act(TableTransactionActionType.UpsertMerge, "upsertmerge", 2),
            Act(TableTransactionActionType.UpsertReplace, "upsertreplace", 3),
            Act(TableTransactionActionType.UpdateMerge, "merge", 4),
            Act(TableTransactionActionType.UpdateReplace, "replace", 5, replaceEtag),
            Act(TableTransactionActionType.Delete, "delete", etag: deleteEtag),
        ]);

        Assert.Equal(202, response.GetRawResponse().Status);
        Assert.Equal(6, response.Value.Count);
        Assert.All(response.Value, r => Assert.Equal(204, r.Status));
        Assert.All(response.Value.Take(5), r => Assert.False(string.IsNullOrEmpty(r.Headers.ETag?.ToString())));

        var rows = (await AllAsync(table)).ToDictionary(e => e.RowKey);
        Assert.Equal(["merge", "new", "replace", "upsertmerge", "upsertreplace"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("k", rows["merge"].GetString("Keep"));
        Assert.Equal(4, rows["merge"].GetInt32("V"));
        Assert.False(rows["replace"].ContainsKey("Drop"));
        Assert.Equal(5, rows["replace"].GetInt32("V"));
        Assert.Equal("k", rows["upsertmerge"].GetString("Keep"));
        Assert.Equal(3, rows["upsertreplace"].GetInt32("V"));
        Assert.Equal(response.Value[0].Headers.ETag, rows["new"].ETag);
    }

    [Fact]
    public async Task A_failing_action_rolls_back_the_whole_transaction_and_names_its_index()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "existing") { ["V"] = 1 });

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            Act(TableTransactionActionType.Add, "a", 10),
            Act(TableTransactionActionType.UpsertReplace, "upserted", 10),
            Act(TableTransactionActionType.Add, "b", 10),
            Act(TableTransactionActionType.Add, "existing", 10),
            Act(TableTransactionActionType.Add, "c", 10),
        ]));

        Assert.Equal(3, e.FailedActionIndex);
        Assert.Equal("existing", e.FailedAction!.Entity.RowKey);
        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.Contains("action 3", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<RequestFailedException>(e);

        var rows = await AllAsync(table);
        var only = Assert.Single(rows);
        Assert.Equal("existing", only.RowKey);
        Assert.Equal(1, only.GetInt32("V"));
    }

    [Fact]
    public async Task A_stale_etag_in_a_transaction_fails_with_412_and_its_index()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var stale = (await table.GetEntityAsync("p", "r")).Value.ETag;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            Act(TableTransactionActionType.Add, "x"),
            Act(TableTransactionActionType.UpdateMerge, "r", 3, stale),
        ]));
        Assert.Equal(412, e.Status);
        Assert.Equal(1, e.FailedActionIndex);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r")).Value.GetInt32("V"));
        Assert.False((await table.GetEntityIfExistsAsync("p", "x")).HasValue);
    }

    [Fact]
    public async Task One_hundred_actions_with_quoted_and_norwegian_keys_are_accepted()
    {
        var table = await NewTableAsync(azurite);
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("Ås O'Neill", $"rad {i:D3} æøå'") { ["I"] = i }))
            .ToList();
        var response = await table.SubmitTransactionAsync(actions);
        Assert.Equal(100, response.Value.Count);
        var rows = await AllAsync(table, TableFilter.Create($"PartitionKey eq {"Ås O'Neill"}"));
        Assert.Equal(actions.Select(a => a.Entity.RowKey), rows.Select(r => r.RowKey));
    }

    // The rules below are checked before sending. The table does not exist: a request would answer 404 TableNotFound,
    // so an ArgumentException proves nothing was sent.

    [Fact]
    public async Task More_than_100_actions_are_refused_before_sending()
    {
        var table = MissingTable(azurite);
        var actions = Enumerable.Range(0, 101).Select(i => Act(TableTransactionActionType.Add, $"r{i}")).ToList();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions));
        Assert.Equal("transactionActions", e.ParamName);
        Assert.Contains("at most 100 actions; found 101", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_partition_keys_are_refused_before_sending_although_Azurite_would_accept_them()
    {
        var table = MissingTable(azurite);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            Act(TableTransactionActionType.Add, "a"),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("other", "b")),
        ]));
        Assert.Contains("one PartitionKey", e.Message, StringComparison.Ordinal);
        Assert.Contains("action 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_row_twice_is_refused_before_sending()
    {
        var table = MissingTable(azurite);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            Act(TableTransactionActionType.Add, "a"),
            Act(TableTransactionActionType.Add, "b"),
            Act(TableTransactionActionType.Delete, "a"),
        ]));
        Assert.Contains("RowKey \"a\" appears again at action 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_4_MiB_is_refused_before_sending()
    {
        var table = MissingTable(azurite);
        // 100 entities × 2 properties × 30 000 characters ≈ 6 MB of JSON (each string is within the 32 Ki limit).
        var text = new string('x', 30_000);
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["A"] = text, ["B"] = text }))
            .ToList();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions));
        Assert.Contains("4 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_null_and_invalid_key_transactions_are_refused_before_sending()
    {
        var table = MissingTable(azurite);
        Assert.Contains("at least one", (await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]))).Message, StringComparison.Ordinal);
        Assert.Equal("transactionActions", (await Assert.ThrowsAsync<ArgumentNullException>(() => table.SubmitTransactionAsync(null!))).ParamName);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Act(TableTransactionActionType.Add, "a/b")]));
        Assert.Contains("action 0: RowKey must not contain", e.Message, StringComparison.Ordinal);
    }
}
