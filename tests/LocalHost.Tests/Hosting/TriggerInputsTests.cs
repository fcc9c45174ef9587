using System.Text.Json;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Tests.Hosting;

/// <summary>The invocation data per trigger kind, in the shapes the isolated worker binds (checked end to end by the contract tests).</summary>
public sealed class TriggerInputsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private static FunctionDefinition Function(string json) => FunctionDefinition.FromRawBindings("F", [json], "test");

    [Fact]
    public void A_blob_trigger_sends_a_reference_the_worker_resolves_itself_and_the_path_tokens_as_metadata()
    {
        var function = Function("""{"name":"file","direction":"In","type":"blobTrigger","path":"inbox/{clientId}/{name}","connection":"Storage"}""");
        var input = TriggerInputs.Blob(function, "inbox", "acme/a b.txt", new Dictionary<string, string> { ["clientId"] = "acme", ["name"] = "a b.txt" },
            new Uri("http://127.0.0.1:1/devstoreaccount1/inbox/acme/a%20b.txt"),
            new TriggerInputs.BlobFacts(42, "text/plain", "\"0x8D\"", Now, new Dictionary<string, string> { ["origin"] = "sftp" }), Now);

        var reference = input.Inputs["file"].ModelBindingData;
        Assert.Equal(("1.0", "AzureStorageBlobs", "application/json"), (reference.Version, reference.Source, reference.ContentType));
        var content = JsonDocument.Parse(reference.Content.ToStringUtf8()).RootElement;
        Assert.Equal("Storage", content.GetProperty("Connection").GetString());
        Assert.Equal("inbox", content.GetProperty("ContainerName").GetString());
        Assert.Equal("acme/a b.txt", content.GetProperty("BlobName").GetString());

        Assert.Equal("acme", input.Metadata["clientId"].String);
        Assert.Equal("a b.txt", input.Metadata["name"].String);
        Assert.Equal("inbox/acme/a b.txt", input.Metadata["BlobTrigger"].String);
        Assert.Equal(42, JsonDocument.Parse(input.Metadata["Properties"].Json).RootElement.GetProperty("ContentLength").GetInt64());
        Assert.Equal("sftp", JsonDocument.Parse(input.Metadata["Metadata"].Json).RootElement.GetProperty("origin").GetString());
        Assert.Equal("F", JsonDocument.Parse(input.Metadata["sys"].Json).RootElement.GetProperty("MethodName").GetString());
    }

    [Fact]
    public void A_blob_binding_without_a_connection_uses_AzureWebJobsStorage()
    {
        var function = Function("""{"name":"b","direction":"In","type":"blobTrigger","path":"c/{name}"}""");
        var input = TriggerInputs.Blob(function, "c", "x", new Dictionary<string, string>(), new Uri("http://x/c/x"), new TriggerInputs.BlobFacts(0, null, "e", Now, new Dictionary<string, string>()), Now);
        Assert.Equal("AzureWebJobsStorage", JsonDocument.Parse(input.Inputs["b"].ModelBindingData.Content.ToStringUtf8()).RootElement.GetProperty("Connection").GetString());
    }

    [Fact]
    public void A_queue_message_goes_as_text_with_the_hosts_metadata_and_its_json_scalars_where_the_host_keys_win()
    {
        var function = Function("""{"name":"msg","direction":"In","type":"queueTrigger","queueName":"q"}""");
        var text = """{"clientId":"acme","count":3,"flag":true,"Id":"spoofed","nested":{"a":1}}""";
        var input = TriggerInputs.Queue(function, text, new TriggerInputs.QueueFacts("id-1", 2, "pop", Now, Now.AddDays(7), Now.AddSeconds(30)), Now);

        Assert.Equal(text, input.Inputs["msg"].String);
        Assert.Equal("acme", input.Metadata["clientId"].String);
        Assert.Equal("3", input.Metadata["count"].Json);   // numbers as JSON: the worker refuses TypedData.int in metadata
        Assert.Equal("true", input.Metadata["flag"].Json);
        Assert.False(input.Metadata.ContainsKey("nested")); // only top-level scalars
        Assert.Equal("id-1", input.Metadata["Id"].String);
        Assert.Equal("2", input.Metadata["DequeueCount"].Json);
        Assert.Equal("pop", input.Metadata["PopReceipt"].String);
        Assert.Equal(text, input.Metadata["QueueTrigger"].String);
        Assert.Equal(Now, JsonSerializer.Deserialize<DateTimeOffset>(input.Metadata["InsertionTime"].Json));
        Assert.True(input.Metadata.ContainsKey("ExpirationTime") && input.Metadata.ContainsKey("NextVisibleTime"));
    }

    [Theory]
    [InlineData("plain words")]
    [InlineData("{broken json")]
    [InlineData("[1,2]")]
    public void A_message_that_is_not_a_json_object_adds_no_properties(string text)
    {
        var input = TriggerInputs.Queue(Function("""{"name":"m","direction":"In","type":"queueTrigger","queueName":"q"}"""), text,
            new TriggerInputs.QueueFacts("i", 1, "p", null, null, null), Now);
        Assert.Equal(["DequeueCount", "Id", "PopReceipt", "QueueTrigger", "sys"], input.Metadata.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_timer_sends_timer_info_as_json()
    {
        var input = TriggerInputs.Timer(Function("""{"name":"timer","direction":"In","type":"timerTrigger","schedule":"0 0 5 * * *"}"""), true, Now.AddDays(-1), Now.AddDays(1), Now);
        var info = JsonDocument.Parse(input.Inputs["timer"].Json).RootElement;
        Assert.True(info.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(Now.AddDays(1), info.GetProperty("ScheduleStatus").GetProperty("Next").GetDateTimeOffset());
        Assert.Equal(Now.AddDays(-1), info.GetProperty("ScheduleStatus").GetProperty("Last").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Object, info.GetProperty("Schedule").ValueKind);
    }

    [Fact]
    public void Http_sends_an_empty_request_and_the_route_values_as_metadata()
    {
        var input = TriggerInputs.Http(Function("""{"name":"req","direction":"In","type":"httpTrigger","route":"x/{id}"}"""), new Dictionary<string, string> { ["id"] = "42" }, Now);
        Assert.Equal(TypedData.DataOneofCase.Http, input.Inputs["req"].DataCase);
        Assert.Equal("", input.Inputs["req"].Http.Url);
        Assert.Equal("42", input.Metadata["id"].String);
    }
}
