using System.Text.Json;

namespace Bankflow.LocalHost.Hosting;

/// <summary>One binding from a function.json; only the properties the local host acts on.</summary>
public sealed record BindingDefinition(string Type, string Direction, string Name)
{
    public string? Path { get; init; }
    public string? QueueName { get; init; }
    public string? TopicName { get; init; }
    public string? SubscriptionName { get; init; }
    public string? Schedule { get; init; }
    public string? Route { get; init; }
    public string? AuthLevel { get; init; }
    public IReadOnlyList<string> Methods { get; init; } = [];
    public string? DataType { get; init; }
    public string? Source { get; init; }

    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);
    public bool IsOutput => Direction.Equals("out", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A function as the Functions host sees it: the folder name and its function.json bindings.</summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<BindingDefinition> Bindings)
{
    public BindingDefinition Trigger => Bindings.Single(b => b.IsTrigger);

    public IEnumerable<BindingDefinition> Outputs => Bindings.Where(b => b.IsOutput);

    /// <summary>
    /// Reads every <c>{root}/{Name}/function.json</c>, as the host does at start-up. A malformed file is an
    /// error naming the file: the real host would refuse the function too.
    /// </summary>
    public static IReadOnlyList<FunctionDefinition> LoadAll(string appRoot)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var dir in Directory.EnumerateDirectories(appRoot).Order(StringComparer.Ordinal))
        {
            var file = System.IO.Path.Combine(dir, "function.json");
            if (File.Exists(file))
            {
                functions.Add(Load(System.IO.Path.GetFileName(dir), File.ReadAllText(file), file));
            }
        }
        return functions;
    }

    public static FunctionDefinition Load(string name, string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var bindings = new List<BindingDefinition>();
            foreach (var b in doc.RootElement.GetProperty("bindings").EnumerateArray())
            {
                string? Text(string p) => b.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                bindings.Add(new BindingDefinition(
                    Text("type") ?? throw new FormatException("a binding has no type"),
                    Text("direction") ?? "in",
                    Text("name") ?? throw new FormatException("a binding has no name"))
                {
                    Path = Text("path"),
                    QueueName = Text("queueName"),
                    TopicName = Text("topicName"),
                    SubscriptionName = Text("subscriptionName"),
                    Schedule = Text("schedule"),
                    Route = Text("route"),
                    AuthLevel = Text("authLevel"),
                    DataType = Text("dataType"),
                    Source = Text("source"),
                    Methods = b.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                        ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray()
                        : [],
                });
            }
            var triggers = bindings.Count(x => x.IsTrigger);
            if (triggers != 1)
            {
                throw new FormatException($"a function needs exactly one trigger, found {triggers}");
            }
            return new FunctionDefinition(name, bindings);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }
    }
}
