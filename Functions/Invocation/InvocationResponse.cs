using System.Text.Json.Serialization;

namespace Bankflow.Functions.Invocation;

/// <summary>
/// What a custom handler answers (always 200 + JSON with a body, or the host waits until the timeout):
/// <c>{"Outputs": {binding name: value}, "Logs": [...], "ReturnValue": …}</c>.
/// Output values should be objects or arrays: the host decodes any output *string* that happens to be
/// valid base64 into bytes unless the binding says <c>"dataType": "binary"</c>.
/// </summary>
public sealed class InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; } = new(StringComparer.Ordinal);

    [JsonPropertyName("Logs")]
    public List<string> Logs { get; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; set; }
}
