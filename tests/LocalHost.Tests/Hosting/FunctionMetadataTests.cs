using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Tests.Hosting;

public sealed class FunctionMetadataTests
{
    [Theory]
    [InlineData(new string[0], "exactly one trigger")]
    [InlineData(new[] { """{"type":"queueTrigger","direction":"In"}""" }, "no name")]
    [InlineData(new[] { """{"name":"x","direction":"In"}""" }, "no type")]
    [InlineData(new[] { """not json""" }, "x.metadata")]
    [InlineData(new[] { """[1]""" }, "not a JSON object")]
    [InlineData(new[] { """{"type":"queueTrigger","name":"a"}""", """{"type":"timerTrigger","name":"b"}""" }, "found 2")]
    public void Broken_raw_bindings_name_the_source_the_function_and_the_problem(string[] bindings, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => FunctionDefinition.FromRawBindings("X", bindings, "x.metadata"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("function X", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_metadata_file_becomes_load_requests_with_binding_infos_and_stable_ids()
    {
        const string json = """
            [{"name":"Relay","scriptFile":"App.dll","entryPoint":"App.Relay.Run","language":"dotnet-isolated","properties":{"IsCodeless":false},
              "bindings":[{"name":"text","direction":"In","type":"queueTrigger","dataType":"String","queueName":"in"},
                          {"name":"$return","direction":"Out","type":"queue","queueName":"out"}]}]
            """;
        var first = Assert.Single(FunctionMetadataFile.Parse(json, "/app", "f"));
        Assert.Equal(("Relay", "/app/App.dll", "App.Relay.Run", "/app"), (first.Name, first.ScriptFile, first.EntryPoint, first.Directory));
        Assert.Equal(2, first.RawBindings.Count);
        Assert.Equal(BindingInfo.Types.Direction.In, first.Bindings["text"].Direction);
        Assert.Equal(BindingInfo.Types.DataType.String, first.Bindings["text"].DataType);
        Assert.Equal(BindingInfo.Types.Direction.Out, first.Bindings["$return"].Direction);
        Assert.Equal("False", first.Properties["IsCodeless"], ignoreCase: true);
        Assert.Equal(first.FunctionId, Assert.Single(FunctionMetadataFile.Parse(json, "/app", "f")).FunctionId);
        Assert.True(Guid.TryParse(first.FunctionId, out _));
    }

    [Fact]
    public void A_missing_or_malformed_metadata_file_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("metadata-").FullName;
        try
        {
            Assert.Contains("functions.metadata is missing", Assert.Throws<InvalidDataException>(() => FunctionMetadataFile.Read(dir)).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "functions.metadata"), """[{"name":"A","bindings":[]}]""");
            Assert.Contains("A has no scriptFile", Assert.Throws<InvalidDataException>(() => FunctionMetadataFile.Read(dir)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
