using Bankflow.LocalHost.Hosting;
using Bankflow.Testing;

namespace Bankflow.LocalHost.Tests.Hosting;

public sealed class FunctionDefinitionTests
{
    private static readonly string Endpoints = Path.Combine(RepositoryPaths.Root, "Functions", "Endpoints");

    [Fact]
    public void Every_function_json_of_the_app_loads_with_one_trigger()
    {
        var functions = FunctionDefinition.LoadAll(Endpoints);
        Assert.Contains(functions, f => f.Name == "ImportBankFile");
        foreach (var function in functions)
        {
            Assert.Single(function.Bindings, b => b.IsTrigger);
        }
    }

    [Fact]
    public void ImportBankFile_is_an_event_grid_blob_trigger_on_the_inbox_with_a_bank_events_output()
    {
        var import = FunctionDefinition.LoadAll(Endpoints).Single(f => f.Name == "ImportBankFile");
        Assert.Equal("blobTrigger", import.Trigger.Type);
        Assert.Equal("inbox/{clientId}/{channel}/{name}", import.Trigger.Path);
        Assert.Equal("EventGrid", import.Trigger.Source); // Flex Consumption accepts only this source
        var events = Assert.Single(import.Outputs);
        Assert.Equal(("serviceBus", "bank-events"), (events.Type, events.TopicName));
    }

    [Fact]
    public void Http_functions_have_a_route_and_an_auth_level()
    {
        foreach (var function in FunctionDefinition.LoadAll(Endpoints).Where(f => f.Trigger.Type == "httpTrigger"))
        {
            Assert.False(string.IsNullOrEmpty(function.Trigger.Route), function.Name);
            Assert.Contains(function.Trigger.AuthLevel, new[] { "function", "anonymous", "admin" });
            // Forwarding needs exactly one http in and one http out.
            Assert.Equal(2, function.Bindings.Count);
        }
    }

    [Theory]
    [InlineData("""{"bindings":[]}""", "exactly one trigger")]
    [InlineData("""{"bindings":[{"type":"queueTrigger","direction":"in"}]}""", "no name")]
    [InlineData("""not json""", "x.json")]
    [InlineData("""{"nobindings":1}""", "x.json")]
    public void A_broken_function_json_names_the_file_and_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => FunctionDefinition.Load("X", json, "x.json"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
