using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Performs an invocation's queue output bindings on Azurite, as the host does after a successful invocation: a JSON
/// array is one message per element, anything else one message (a string as its text, other JSON as its JSON text).
/// A queue name with <c>{token}</c>s is resolved from the invocation's trigger metadata (path tokens, JSON message
/// properties). Other output types (HTTP results) are not the router's.
/// </summary>
public sealed partial class OutputRouter(QueueServiceClient queues, InvocationLog log)
{
    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    public static bool IsQueue(BindingDefinition output) =>
        output.Type.Equals("queue", StringComparison.OrdinalIgnoreCase) && output.QueueName is not null;

    /// <summary>Queue names known before any invocation (those without tokens), to create at start-up.</summary>
    public static IEnumerable<string> StaticDestinations(FunctionDefinition function) =>
        function.Outputs.Where(IsQueue).Select(o => o.QueueName!.ToLowerInvariant()).Where(q => !q.Contains('{', StringComparison.Ordinal));

    /// <summary>A queue name with its <c>{token}</c>s replaced from the metadata; a token with no value is an error.</summary>
    public static string Resolve(string queueName, IReadOnlyDictionary<string, string> metadata) =>
        Token().Replace(queueName, m => metadata.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"queue name {queueName}: no trigger value for {{{m.Groups[1].Value}}}")).ToLowerInvariant();

    /// <summary>A queue message's text: a string as it is, any other JSON as its JSON text.</summary>
    public static string MessageText(JsonNode? item) => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? "null";

    public async Task RouteAsync(FunctionDefinition function, IReadOnlyDictionary<string, JsonNode?> outputs, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        foreach (var binding in function.Outputs.Where(IsQueue))
        {
            if (!outputs.TryGetValue(binding.Name, out var value) || value is null)
            {
                continue;
            }
            var queueName = Resolve(binding.QueueName!, metadata);
            var queue = queues.GetQueueClient(queueName);
            if (_created.TryAdd(queueName, true))
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            var items = value is JsonArray array ? array.ToList() : [value];
            foreach (var item in items)
            {
                log.Add(new OutputMessage(function.Name, binding.Name, queueName, item?.DeepClone()));
                await queue.SendMessageAsync(MessageText(item), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
