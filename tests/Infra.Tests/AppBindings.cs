using System.Text.Json;
using Bankflow.Testing;

namespace Bankflow.Infra.Tests;

/// <summary>One binding of one function: the function's name, the binding type, the binding's JSON.</summary>
internal sealed record AppBinding(string Function, string Type, JsonElement Json)
{
    /// <summary>A string property of the binding (e.g. path, connection, source, route), or null.</summary>
    public string? Property(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// The Functions app's bindings, from wherever the app declares them. Two shapes, because the app is
/// moving from hand-written function.json files (custom handler) to attributes from which the .NET
/// isolated Worker SDK generates <c>functions.metadata</c> in the build output:
/// <list type="bullet">
/// <item><c>Functions/bin/Release/net10.0/functions.metadata</c> when it exists: a JSON array of
/// functions, each with <c>name</c> and <c>bindings</c>;</item>
/// <item>otherwise every <c>Functions/Endpoints/*/function.json</c>, the function named by its folder.</item>
/// </list>
/// Binding properties are the same names in both (type, path, connection, source, route, authLevel,
/// topicName); only enum values may differ in case ("anonymous" vs "Anonymous"), so compare those
/// case-insensitively. Once function.json is gone for good, the second branch can go too.
/// </summary>
internal static class AppBindings
{
    public static IReadOnlyList<AppBinding> Read()
    {
        var functions = Path.Combine(RepositoryPaths.Root, "Functions");
        var metadata = Path.Combine(functions, "bin", "Release", "net10.0", "functions.metadata");
        var bindings = File.Exists(metadata) ? FromFunctionsMetadata(metadata) : FromFunctionJsonFiles(Path.Combine(functions, "Endpoints"));
        Assert.True(bindings.Count > 0,
            $"no bindings found: neither {metadata} (build Functions in Release first) nor any Functions/Endpoints/*/function.json");
        return bindings;
    }

    private static List<AppBinding> FromFunctionsMetadata(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return [.. json.RootElement.EnumerateArray().SelectMany(function =>
            Bindings(function.GetProperty("name").GetString()!, function.GetProperty("bindings")))];
    }

    private static List<AppBinding> FromFunctionJsonFiles(string endpoints)
    {
        if (!Directory.Exists(endpoints))
        {
            return [];
        }
        var bindings = new List<AppBinding>();
        foreach (var path in Directory.EnumerateFiles(endpoints, "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            bindings.AddRange(Bindings(Path.GetFileName(Path.GetDirectoryName(path))!, json.RootElement.GetProperty("bindings")));
        }
        return bindings;
    }

    private static IEnumerable<AppBinding> Bindings(string function, JsonElement bindings) =>
        [.. bindings.EnumerateArray().Select(b => new AppBinding(function, b.GetProperty("type").GetString()!, b.Clone()))];
}
