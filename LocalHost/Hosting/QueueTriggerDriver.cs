using Azure.Storage.Queues;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Plays a Storage queue trigger over Azurite: receives with a visibility timeout, invokes, deletes on success; a
/// failed message becomes visible again after a doubling delay, and one delivered more than
/// <see cref="LocalHostOptions.MaxDequeueCount"/> times moves to <c>{queue}-poison</c> (<see cref="HostRules"/>).
/// </summary>
public sealed class QueueTriggerDriver(FunctionDefinition function, QueueServiceClient queues, LocalInvoker invoker, LocalHostOptions options)
{
    public string QueueName { get; } = (function.Trigger.QueueName ?? throw new InvalidDataException($"{function.Name}: queueTrigger has no queueName")).ToLowerInvariant();

    /// <summary>One poll: handles every visible message. Returns how many were handled.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        var handled = 0;
        var messages = await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        foreach (var message in messages.Value)
        {
            handled++;
            var text = message.MessageText;
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                var poison = QueueName + HostRules.PoisonSuffix;
                await queues.GetQueueClient(poison).SendMessageAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                options.Log($"{function.Name}: message {message.MessageId} failed {message.DequeueCount - 1} times; moved to {poison}");
                continue;
            }
            var input = TriggerInputs.Queue(function, text,
                new TriggerInputs.QueueFacts(message.MessageId, message.DequeueCount, message.PopReceipt, message.InsertedOn, message.ExpiresOn, message.NextVisibleOn),
                DateTimeOffset.UtcNow);
            var ok = await invoker.InvokeAsync(function, $"queue {QueueName}", input, (int)message.DequeueCount, cancellationToken).ConfigureAwait(false);
            if (ok)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: HostRules.RetryDelay(options.RetryDelay, message.DequeueCount), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        return handled;
    }
}
