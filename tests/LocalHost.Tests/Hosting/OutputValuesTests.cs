using System.Text.Json.Nodes;
using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Hosting.Rpc.Messages;
using Google.Protobuf;

namespace Bankflow.LocalHost.Tests.Hosting;

public sealed class OutputValuesTests
{
    [Fact]
    public void Return_value_and_named_outputs_are_read_by_binding_name()
    {
        var response = new InvocationResponse { ReturnValue = new TypedData { String = "ret" } };
        response.OutputData.Add(new ParameterBinding { Name = "Messages", Data = new TypedData { CollectionString = new CollectionString { String = { "a", "b" } } } });
        response.OutputData.Add(new ParameterBinding { Name = "Doc", Data = new TypedData { Json = """{"x":1}""" } });
        var outputs = OutputValues.Read(response);
        Assert.Equal("ret", outputs["$return"]!.GetValue<string>());
        Assert.Equal(["a", "b"], outputs["messages"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(1, outputs["Doc"]!["x"]!.GetValue<int>());
    }

    [Fact]
    public void Http_results_and_empty_values_are_not_outputs_for_the_router()
    {
        var response = new InvocationResponse { ReturnValue = new TypedData { Http = new RpcHttp { StatusCode = "200" } } };
        response.OutputData.Add(new ParameterBinding { Name = "Nothing", Data = new TypedData() });
        Assert.Empty(OutputValues.Read(response));
    }

    [Fact]
    public void Bytes_are_read_as_utf8_text_and_invalid_json_stays_text()
    {
        Assert.Equal("æøå", OutputValues.ToJson(new TypedData { Bytes = ByteString.CopyFromUtf8("æøå") })!.GetValue<string>());
        Assert.Equal("{not json", OutputValues.ToJson(new TypedData { Json = "{not json" })!.GetValue<string>());
        Assert.Equal(7, OutputValues.ToJson(new TypedData { Int = 7 })!.GetValue<long>());
    }

    [Fact]
    public void Queue_names_resolve_tokens_from_trigger_values_and_a_missing_one_is_an_error()
    {
        Assert.Equal("lengths-acme-2", OutputRouter.Resolve("lengths-{clientId}-{n}", new Dictionary<string, string> { ["clientId"] = "ACME", ["n"] = "2" }));
        var error = Assert.Throws<InvalidOperationException>(() => OutputRouter.Resolve("q-{missing}", new Dictionary<string, string>()));
        Assert.Contains("{missing}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_text_is_a_string_as_it_is_and_other_json_as_json_text()
    {
        Assert.Equal("plain", OutputRouter.MessageText(JsonValue.Create("plain")));
        Assert.Equal("""{"a":1}""", OutputRouter.MessageText(new JsonObject { ["a"] = 1 }));
        Assert.Equal("12", OutputRouter.MessageText(JsonValue.Create(12)));
    }
}
