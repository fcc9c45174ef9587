using System.Text.Json;

namespace Bankflow.LocalHost.Hosting;

/// <summary>One binding of a function, in function.json's shape; only the properties the local host acts on.</summary>
public sealed record BindingDefinition(string Type, string Direction, string Name)
{
    public string? Path { get; init; }
    public string? QueueName { get; init; }
    public string? Schedule { get; init; }
    public string? Route { get; init; }
    public string? AuthLevel { get; init; }
    public IReadOnlyList<string> Methods { get; init; } = [];
    public string? DataType { get; init; }
    public string? Source { get; init; }

    /// <summary>The app setting naming the storage account (the worker resolves it the same way).</summary>
    public string? Connection { get; init; }

    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);
    public bool IsOutput => Direction.Equals("out", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A function as the Functions host sees it: its name and bindings. The isolated worker describes each binding
/// as a "raw binding", the JSON object a function.json would hold (the worker's metadata answer and the
/// generated <c>functions.metadata</c> file both carry them), so the drivers read the same shape as before.
/// </summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<BindingDefinition> Bindings)
{
    public BindingDefinition Trigger => Bindings.Single(b => b.IsTrigger);

    public IEnumerable<BindingDefinition> Outputs => Bindings.Where(b => b.IsOutput);

    /// <summary>
    /// Reads a function's raw bindings. Anything malformed is an error naming <paramref name="source"/> and the
    /// problem: the real host refuses such a function too.
    /// </summary>
    public static FunctionDefinition FromRawBindings(string name, IEnumerable<string> rawBindings, string source)
    {
        try
        {
            var bindings = new List<BindingDefinition>();
            foreach (var raw in rawBindings)
            {
                using var doc = JsonDocument.Parse(raw);
                bindings.Add(ReadBinding(doc.RootElement));
            }
            var triggers = bindings.Count(x => x.IsTrigger);
            if (triggers != 1)
            {
                throw new FormatException($"a function needs exactly one trigger, found {triggers}");
            }
            return new FunctionDefinition(name, bindings);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: function {name}: {ex.Message}", ex);
        }
    }

    private static BindingDefinition ReadBinding(JsonElement b)
    {
        if (b.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a binding is not a JSON object");
        }
        string? Text(string p) => b.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new BindingDefinition(
            Text("type") ?? throw new FormatException("a binding has no type"),
            Text("direction") ?? "in",
            Text("name") ?? throw new FormatException("a binding has no name"))
        {
            Path = Text("path"),
            QueueName = Text("queueName"),
            Schedule = Text("schedule"),
            Route = Text("route"),
            AuthLevel = Text("authLevel"),
            DataType = Text("dataType"),
            Source = Text("source"),
            Connection = Text("connection"),
            Methods = b.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray()
                : [],
        };
    }
}
