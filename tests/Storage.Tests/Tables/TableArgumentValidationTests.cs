using Azure;
using Bankflow.Storage.Core;
using Bankflow.Storage.Tables;
using Bankflow.Testing;
using static Bankflow.Storage.Tests.Tables.TableTestSupport;

namespace Bankflow.Storage.Tests.Tables;

/// <summary>
/// Every check runs against a table that does not exist: had a request been sent, the answer would be a
/// 404 TableNotFound RequestFailedException, so an ArgumentException proves the client stopped first.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class TableArgumentValidationTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> BadKeys => new()
    {
        { "a/b", "must not contain '/', '\\', '#' or '?'; found '/' at index 1" },
        { "a\\b", "found '\\' at index 1" },
        { "#", "found '#' at index 0" },
        { "why?", "found '?' at index 3" },
        { "tab\there", "control characters (U+0000–U+001F, U+007F–U+009F); found U+0009 at index 3" },
        { "nul\0", "found U+0000 at index 3" },
        { "del\u007F", "found U+007F at index 3" },
        { "c1\u009F", "found U+009F at index 2" },
        { new string('k', 1025), "at most 1024 characters; found 1025" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Bad_keys_are_refused_before_any_request_in_every_operation(string key, string rule)
    {
        var table = MissingTable(azurite);
        var checks = new (string Parameter, Func<Task> Call)[]
        {
            ("partitionKey", () => table.GetEntityAsync(key, "r")),
            ("rowKey", () => table.GetEntityAsync("p", key)),
            ("partitionKey", () => table.GetEntityIfExistsAsync(key, "r")),
            ("rowKey", () => table.DeleteEntityAsync("p", key)),
            ("entity", () => table.AddEntityAsync(new TableEntity(key, "r"))),
            ("entity", () => table.UpsertEntityAsync(new TableEntity("p", key))),
            ("entity", () => table.UpdateEntityAsync(new TableEntity("p", key), ETag.All)),
        };
        foreach (var (parameter, call) in checks)
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(call);
            Assert.Equal(parameter, e.ParamName);
            Assert.Contains(rule, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Null_arguments_are_refused_naming_the_parameter()
    {
        var table = MissingTable(azurite);
        Assert.Equal("partitionKey", (await Assert.ThrowsAsync<ArgumentNullException>(() => table.GetEntityAsync(null!, "r"))).ParamName);
        Assert.Equal("rowKey", (await Assert.ThrowsAsync<ArgumentNullException>(() => table.DeleteEntityAsync("p", null!))).ParamName);
        Assert.Equal("entity", (await Assert.ThrowsAsync<ArgumentNullException>(() => table.AddEntityAsync(null!))).ParamName);
        Assert.Equal("entity", (await Assert.ThrowsAsync<ArgumentNullException>(() => table.UpsertEntityAsync(null!))).ParamName);
        Assert.Equal("entity", (await Assert.ThrowsAsync<ArgumentNullException>(() => table.AddEntityAsync(new TableEntity { PartitionKey = null! }))).ParamName);
        Assert.Throws<ArgumentNullException>(() => new TableServiceClient((StorageConnection)null!));
        Assert.Throws<ArgumentNullException>(() => new TableTransactionAction(TableTransactionActionType.Add, null!));
    }

    [Fact]
    public async Task Other_arguments_are_refused_before_any_request()
    {
        var table = MissingTable(azurite);
        Assert.Equal("ifMatch", (await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default))).ParamName);
        Assert.Equal("mode", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.UpsertEntityAsync(new TableEntity("p", "r"), (TableUpdateMode)7))).ParamName);
        Assert.Equal("maxPerPage", Assert.Throws<ArgumentOutOfRangeException>(() => table.QueryAsync(maxPerPage: 0)).ParamName);
        Assert.Equal("maxPerPage", Assert.Throws<ArgumentOutOfRangeException>(() => table.QueryAsync(maxPerPage: 1001)).ParamName);
        Assert.Equal("select", Assert.Throws<ArgumentException>(() => table.QueryAsync(select: ["bad-name"])).ParamName);
        Assert.Equal("select", (await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync("p", "r", ["a b"]))).ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await table.QueryAsync().AsPages(pageSizeHint: 5000).FirstAsync());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TableTransactionAction((TableTransactionActionType)42, new TableEntity("p", "r")));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("tab-le")]
    [InlineData("tåble")]
    [InlineData("Tables")]
    [InlineData("")]
    public async Task Bad_table_names_are_refused_before_any_request(string name)
    {
        var service = Service(azurite);
        Assert.Equal("tableName", Assert.Throws<ArgumentException>(() => service.GetTableClient(name)).ParamName);
        Assert.Equal("tableName", (await Assert.ThrowsAsync<ArgumentException>(() => service.CreateTableIfNotExistsAsync(name))).ParamName);
        Assert.Equal("tableName", (await Assert.ThrowsAsync<ArgumentException>(() => service.DeleteTableAsync(name))).ParamName);
        Assert.Equal("tableName", Assert.Throws<ArgumentException>(() => new TableClient(azurite.Connection, name)).ParamName);
    }

    [Fact]
    public void Table_names_of_3_and_63_characters_are_accepted()
    {
        var service = Service(azurite);
        Assert.Equal("abc", service.GetTableClient("abc").Name);
        Assert.Throws<ArgumentException>(() => service.GetTableClient("a" + new string('1', 63)));
        Assert.Equal(63, service.GetTableClient("a" + new string('1', 62)).Name.Length);
    }

    [Fact]
    public async Task A_key_between_513_and_1024_characters_passes_the_client_but_Azurite_refuses_it()
    {
        // Azure allows 1 KiB keys, Azurite 512 characters: the client enforces Azure's rule, so locally such a key
        // fails at the service (400) rather than in the client.
        var table = await NewTableAsync(azurite);
        var key = new string('k', 1024);
        TableKeys.Validate(key, "RowKey", "rowKey");
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", key)));
        Assert.Equal(400, e.Status);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_call()
    {
        var table = await NewTableAsync(azurite);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.AddEntityAsync(new TableEntity("p", "r"), cancel.Token));
        Assert.False((await table.GetEntityIfExistsAsync("p", "r")).HasValue);
    }
}
