using Bankflow.Storage.Tables;
using Bankflow.Testing;
using static Bankflow.Storage.Tests.Tables.TableTestSupport;

namespace Bankflow.Storage.Tests.Tables;

[Collection(AzuriteFixture.Collection)]
public sealed class TableTypedPropertiesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset WithTicks = new DateTimeOffset(2026, 3, 31, 23, 59, 58, TimeSpan.Zero).AddTicks(1_234_567);

    private static TableEntity EveryType(string rowKey) => new("p", rowKey)
    {
        ["Text"] = "Kåre O'Hara, 100 % sikker",
        ["Empty"] = "",
        ["Big"] = (long)int.MaxValue + 1,
        ["Negative"] = long.MinValue,
        ["Small"] = -42,
        ["Flag"] = true,
        ["Off"] = false,
        ["Integral"] = 3.0,
        ["Fraction"] = 0.1,
        ["Huge"] = 1.7976931348623157E+308,
        ["Tiny"] = double.Epsilon,
        // +02:00 offset: the instant must survive; the offset comes back as UTC.
        ["When"] = WithTicks.ToOffset(TimeSpan.FromHours(2)),
        ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ["Bytes"] = new byte[] { 0, 1, 254, 255 },
        ["NoBytes"] = Array.Empty<byte>(),
    };

    private static void AssertEveryType(TableEntity got)
    {
        Assert.Equal("Kåre O'Hara, 100 % sikker", Assert.IsType<string>(got["Text"]));
        Assert.Equal("", Assert.IsType<string>(got["Empty"]));
        Assert.Equal(2_147_483_648L, Assert.IsType<long>(got["Big"]));
        Assert.Equal(long.MinValue, Assert.IsType<long>(got["Negative"]));
        Assert.Equal(-42, Assert.IsType<int>(got["Small"]));
        Assert.True(Assert.IsType<bool>(got["Flag"]));
        Assert.False(Assert.IsType<bool>(got["Off"]));
        Assert.Equal(3.0, Assert.IsType<double>(got["Integral"]));
        Assert.Equal(0.1, Assert.IsType<double>(got["Fraction"]));
        Assert.Equal(double.MaxValue, Assert.IsType<double>(got["Huge"]));
        Assert.Equal(double.Epsilon, Assert.IsType<double>(got["Tiny"]));
        var when = Assert.IsType<DateTimeOffset>(got["When"]);
        Assert.Equal(WithTicks.UtcTicks, when.UtcTicks);
        Assert.Equal(TimeSpan.Zero, when.Offset);
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Assert.IsType<Guid>(got["Id"]));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, Assert.IsType<byte[]>(got["Bytes"]));
        Assert.Empty(Assert.IsType<byte[]>(got["NoBytes"]));
        Assert.Equal(15, got.Count);
    }

    [Fact]
    public async Task Every_supported_type_round_trips_exactly_through_get()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(EveryType("r"));
        AssertEveryType((await table.GetEntityAsync("p", "r")).Value);
    }

    [Fact]
    public async Task Every_supported_type_round_trips_through_query_upsert_and_transaction()
    {
        var table = await NewTableAsync(azurite);
        await table.UpsertEntityAsync(EveryType("upsert-replace"), TableUpdateMode.Replace);
        await table.UpsertEntityAsync(EveryType("upsert-merge"), TableUpdateMode.Merge);
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, EveryType("batch"))]);
        var rows = await AllAsync(table);
        Assert.Equal(["batch", "upsert-merge", "upsert-replace"], rows.Select(r => r.RowKey));
        foreach (var row in rows)
        {
            AssertEveryType(row);
        }
    }

    [Fact]
    public async Task Typed_getters_read_each_type_and_refuse_a_mismatch()
    {
        var table = await NewTableAsync(azurite);
        await table.AddEntityAsync(EveryType("r"));
        var got = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(2_147_483_648L, got.GetInt64("Big"));
        Assert.Equal(-42, got.GetInt32("Small"));
        Assert.Equal(3.0, got.GetDouble("Integral"));
        Assert.True(got.GetBoolean("Flag"));
        Assert.Equal(WithTicks, got.GetDateTimeOffset("When"));
        Assert.NotNull(got.GetGuid("Id"));
        Assert.Equal(4, got.GetBinary("Bytes")!.Length);
        Assert.Null(got.GetString("Absent"));
        var e = Assert.Throws<InvalidOperationException>(() => got.GetInt32("Big"));
        Assert.Contains("'Big' holds Int64, not Int32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_values_and_names_are_refused_when_set()
    {
        var entity = new TableEntity("p", "r");
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => entity["Amount"] = 12.5m).ParamName);
        Assert.Contains("DateTimeOffset", Assert.Throws<ArgumentException>(() => entity["When"] = DateTime.UtcNow).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => entity["Nothing"] = null!);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => entity["X"] = double.NaN).Message, StringComparison.Ordinal);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => entity["has-dash"] = 1).ParamName);
        Assert.Throws<ArgumentException>(() => entity["1st"] = 1);
        Assert.Contains("system property", Assert.Throws<ArgumentException>(() => entity["RowKey"] = "x").Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => entity["Long"] = new string('x', 32 * 1024 + 1));
        Assert.Throws<ArgumentException>(() => entity["Blob"] = new byte[64 * 1024 + 1]);
        Assert.Empty(entity);
    }
}
