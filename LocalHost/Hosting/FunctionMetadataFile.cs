using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The Worker SDK's generated <c>functions.metadata</c> (beside the worker dll): what the host reads when the worker
/// does not index its own functions. LocalHost asks the worker first (<c>FunctionsMetadataRequest</c>) and falls
/// back to this file, turning each entry into the <see cref="RpcFunctionMetadata"/> a load request carries.
/// </summary>
public static class FunctionMetadataFile
{
    public const string FileName = "functions.metadata";

    public static IReadOnlyList<RpcFunctionMetadata> Read(string appDirectory)
    {
        var path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing: build the worker app first (the Worker SDK generates it)");
        }
        return Parse(File.ReadAllText(path), appDirectory, path);
    }

    public static IReadOnlyList<RpcFunctionMetadata> Parse(string json, string appDirectory, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var functions = new List<RpcFunctionMetadata>();
            foreach (var entry in doc.RootElement.EnumerateArray())
            {
                string? Text(string p) => entry.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var name = Text("name") ?? throw new FormatException("an entry has no name");
                var metadata = new RpcFunctionMetadata
                {
                    Name = name,
                    Directory = appDirectory,
                    ScriptFile = Path.Combine(appDirectory, Text("scriptFile") ?? throw new FormatException($"{name} has no scriptFile")),
                    EntryPoint = Text("entryPoint") ?? throw new FormatException($"{name} has no entryPoint"),
                    Language = Text("language") ?? "dotnet-isolated",
                    FunctionId = StableId(name),
                };
                foreach (var binding in entry.GetProperty("bindings").EnumerateArray())
                {
                    metadata.RawBindings.Add(binding.GetRawText());
                    metadata.Bindings[binding.GetProperty("name").GetString()!] = ToBindingInfo(binding);
                }
                if (entry.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        metadata.Properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    }
                }
                functions.Add(metadata);
            }
            return functions;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }
    }

    private static BindingInfo ToBindingInfo(JsonElement binding)
    {
        string Text(string p) => binding.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        return new BindingInfo
        {
            Type = Text("type"),
            Direction = Text("direction").ToUpperInvariant() switch
            {
                "OUT" => BindingInfo.Types.Direction.Out,
                "INOUT" => BindingInfo.Types.Direction.Inout,
                _ => BindingInfo.Types.Direction.In,
            },
            DataType = Text("dataType").ToUpperInvariant() switch
            {
                "STRING" => BindingInfo.Types.DataType.String,
                "BINARY" => BindingInfo.Types.DataType.Binary,
                "STREAM" => BindingInfo.Types.DataType.Stream,
                _ => BindingInfo.Types.DataType.Undefined,
            },
        };
    }

    /// <summary>The same id for the same function name across restarts, as the host keeps function ids stable.</summary>
    private static string StableId(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();
}
