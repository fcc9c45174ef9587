using System.Text;
using System.Text.Json;
using Bankflow.Storage.Tables;

namespace Bankflow.Storage.Tests.Tables;

/// <summary>Reading what other writers may have stored; the Azurite tests cover our own writes.</summary>
public sealed class TableEntityJsonTests
{
    [Fact]
    public void Service_values_we_would_not_set_are_still_read_and_written_back()
    {
        const string json = """
            {"odata.etag":"W/\"x\"","PartitionKey":"p","RowKey":"r","Timestamp":"2026-11-22T09:00:00.1234567Z",
             "N@odata.type":"Edm.Double","N":"NaN","Inf@odata.type":"Edm.Double","Inf":"-Infinity",
             "L@odata.type":"Edm.Int64","L":"-9223372036854775808","D":2.5,"I":-7,"S":"x"}
            """;
        using var doc = JsonDocument.Parse(json);
        var entity = TableEntityJson.Read(doc.RootElement);
        Assert.Equal("W/\"x\"", entity.ETag.ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), entity.Timestamp);
        Assert.True(double.IsNaN(entity.GetDouble("N")!.Value));
        Assert.Equal(double.NegativeInfinity, entity.GetDouble("Inf"));
        Assert.Equal(long.MinValue, entity.GetInt64("L"));
        Assert.Equal(2.5, entity.GetDouble("D"));
        Assert.Equal(-7, entity.GetInt32("I"));

        var written = Encoding.UTF8.GetString(TableEntityJson.Serialize(entity, "entity"));
        Assert.Contains("\"N@odata.type\":\"Edm.Double\",\"N\":\"NaN\"", written, StringComparison.Ordinal);
        Assert.Contains("\"Inf\":\"-Infinity\"", written, StringComparison.Ordinal);
        Assert.Contains("\"L@odata.type\":\"Edm.Int64\",\"L\":\"-9223372036854775808\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("Timestamp", written, StringComparison.Ordinal);
        Assert.DoesNotContain("odata.etag", written, StringComparison.Ordinal);
    }
}
