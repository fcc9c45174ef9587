using Azure.Storage.Queues;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Plays queue and Service Bus triggers over Azurite queues: receives with a visibility timeout, invokes,
/// deletes on success; a failed message becomes visible again after a doubling delay, and one delivered
/// <see cref="LocalHostOptions.MaxDequeueCount"/> times moves to <c>{queue}-poison</c> (the Storage queue
/// rule; Service Bus would dead-letter).
/// </summary>
public sealed class QueueTriggerDriver(FunctionDefinition function, QueueServiceClient queues, LocalInvoker invoker, LocalHostOptions options)
{
    private readonly bool _serviceBus = function.Trigger.Type.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase);

    public string QueueName { get; } = OutputRouter.LocalQueueName(function.Trigger);

    /// <summary>One poll: handles every visible message. Returns how many were handled.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        var handled = 0;
        var messages = await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        foreach (var message in messages.Value)
        {
            handled++;
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await queues.GetQueueClient(QueueName + "-poison").SendMessageAsync(message.MessageText, cancellationToken: cancellationToken).ConfigureAwait(false);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                options.Log($"{function.Name}: message {message.MessageId} failed {message.DequeueCount - 1} times; moved to {QueueName}-poison");
                continue;
            }
            var payload = HostPayloads.Message(function.Name, function.Trigger.Name, message.MessageText, message.MessageId, message.DequeueCount, _serviceBus, DateTimeOffset.UtcNow);
            var ok = await invoker.InvokeAsync(function, $"{(_serviceBus ? "serviceBus" : "queue")} {QueueName}", payload, (int)message.DequeueCount, cancellationToken).ConfigureAwait(false);
            if (ok)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var delay = options.RetryDelay * Math.Pow(2, Math.Min(message.DequeueCount - 1, 6));
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        return handled;
    }
}
