using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Reads an invocation's outputs: <c>$return</c> from <c>return_value</c>, every other output binding from
/// <c>output_data</c> by name, each as JSON for the <see cref="OutputRouter"/> (a string stays a string; JSON is parsed;
/// collections become arrays, which the router writes as one message per element).
/// </summary>
public static class OutputValues
{
    public const string ReturnBinding = "$return";

    public static IReadOnlyDictionary<string, JsonNode?> Read(InvocationResponse response)
    {
        var outputs = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var binding in response.OutputData)
        {
            if (binding.Data is { } data && ToJson(data) is { } node)
            {
                outputs[binding.Name] = node;
            }
        }
        if (response.ReturnValue is { } value && ToJson(value) is { } returned)
        {
            outputs[ReturnBinding] = returned;
        }
        return outputs;
    }

    /// <summary>The value as JSON, or null for "no value" and for HTTP responses (those travel on the HTTP connection).</summary>
    public static JsonNode? ToJson(TypedData data) => data.DataCase switch
    {
        TypedData.DataOneofCase.String => JsonValue.Create(data.String),
        TypedData.DataOneofCase.Json => ParseJson(data.Json),
        TypedData.DataOneofCase.Bytes => JsonValue.Create(Encoding.UTF8.GetString(data.Bytes.Span)),
        TypedData.DataOneofCase.Stream => JsonValue.Create(Encoding.UTF8.GetString(data.Stream.Span)),
        TypedData.DataOneofCase.Int => JsonValue.Create(data.Int),
        TypedData.DataOneofCase.Double => JsonValue.Create(data.Double),
        TypedData.DataOneofCase.CollectionString => new JsonArray(data.CollectionString.String.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        TypedData.DataOneofCase.CollectionBytes => new JsonArray(data.CollectionBytes.Bytes.Select(b => (JsonNode?)JsonValue.Create(Encoding.UTF8.GetString(b.Span))).ToArray()),
        TypedData.DataOneofCase.CollectionDouble => new JsonArray(data.CollectionDouble.Double.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
        TypedData.DataOneofCase.CollectionSint64 => new JsonArray(data.CollectionSint64.Sint64.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        _ => null,
    };

    private static JsonNode? ParseJson(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Not JSON after all: deliver the text as it is.
            return JsonValue.Create(json);
        }
    }
}
