using System.Text.Json.Nodes;
using Azure.Storage.Queues;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Delivers an invocation's queue and Service Bus outputs to Azurite queues, as the bindings would to the real
/// services: a JSON array is one message per element, anything else one message. A Service Bus topic fans
/// out to one queue per subscription found among the function.json triggers (<c>{topic}-{subscription}</c>);
/// a topic nobody subscribes to drops the message, like a topic without subscriptions.
/// </summary>
public sealed class OutputRouter(QueueServiceClient queues, IReadOnlyList<FunctionDefinition> functions, InvocationLog log)
{
    /// <summary>The local queue a Service Bus trigger reads: the queue itself, or topic-subscription.</summary>
    public static string LocalQueueName(BindingDefinition trigger) =>
        (trigger.QueueName ?? $"{trigger.TopicName}-{trigger.SubscriptionName}").ToLowerInvariant();

    public IEnumerable<string> DestinationsOf(BindingDefinition output)
    {
        if (output.Type.Equals("queue", StringComparison.OrdinalIgnoreCase) && output.QueueName is { } q)
        {
            return [q.ToLowerInvariant()];
        }
        if (output.Type.Equals("serviceBus", StringComparison.OrdinalIgnoreCase))
        {
            if (output.QueueName is { } sbQueue)
            {
                return [sbQueue.ToLowerInvariant()];
            }
            return functions
                .Select(f => f.Trigger)
                .Where(t => t.Type.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase)
                            && string.Equals(t.TopicName, output.TopicName, StringComparison.OrdinalIgnoreCase))
                .Select(LocalQueueName)
                .Distinct();
        }
        return [];
    }

    public async Task RouteAsync(FunctionDefinition function, IReadOnlyDictionary<string, JsonNode?> outputs, CancellationToken cancellationToken)
    {
        foreach (var binding in function.Outputs)
        {
            if (!outputs.TryGetValue(binding.Name, out var value) || value is null)
            {
                continue;
            }
            var items = value is JsonArray array ? array.ToList() : [value];
            var destinations = DestinationsOf(binding).ToList();
            foreach (var item in items)
            {
                log.Add(new OutputMessage(function.Name, binding.Name, binding.TopicName ?? binding.QueueName ?? binding.Type, item?.DeepClone()));
                var text = item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? "null";
                foreach (var queue in destinations)
                {
                    await queues.GetQueueClient(queue).SendMessageAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
