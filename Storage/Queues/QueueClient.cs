using System.Globalization;
using Azure;
using Azure.Core;

namespace Bankflow.Storage.Queues;

/// <summary>
/// One queue: create, delete, send, receive, update, delete and peek messages, approximate count. Message text is
/// sent as given inside the XML (no base64): Bankflow's host.json sets the queue binding's messageEncoding to none.
/// </summary>
public sealed class QueueClient
{
    /// <summary>Get Messages and Peek Messages return at most this many at once.</summary>
    public const int MaxMessagesPerCall = 32;

    /// <summary>Pass as time to live for a message that never expires (the service's -1).</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private static readonly TimeSpan s_maxVisibility = TimeSpan.FromDays(7);

    private readonly QueueRest _rest;

    internal QueueClient(QueueRest rest, string name)
    {
        _rest = rest;
        Name = name;
        Uri = QueueRest.Child(rest.ServiceEndpoint, name);
        MessagesUri = QueueRest.Child(Uri, "messages");
    }

    public string Name { get; }

    public Uri Uri { get; }

    private Uri MessagesUri { get; }

    /// <summary>Creates the queue; the value is true when it was created, false when it already existed.</summary>
    public async Task<Response<bool>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var operation = $"Create queue '{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Put, Uri);
        var response = await _rest.SendAsync(message, operation, cancellationToken, tolerated: 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            response.Headers.TryGetValue("x-ms-error-code", out var code);
            if (code != "QueueAlreadyExists")
            {
                throw Core.StorageErrors.Create(response, operation);
            }
            return Response.FromValue(false, response);
        }
        // 201 Created; 204 No Content means it already existed with the same (no) metadata.
        return Response.FromValue(response.Status == 201, response);
    }

    /// <summary>Deletes the queue and its messages; 404 QueueNotFound when it does not exist.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Delete, Uri);
        return await _rest.SendAsync(message, $"Delete queue '{Name}'", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the queue exists.</summary>
    public async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = MetadataMessage();
        var response = await _rest.SendAsync(message, $"Get metadata of queue '{Name}'", cancellationToken, tolerated: 404).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>Get Queue Metadata: the approximate message count; 404 QueueNotFound when missing.</summary>
    public async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var operation = $"Get metadata of queue '{Name}'";
        using var message = MetadataMessage();
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var countText = QueueRest.RequiredHeader(response, "x-ms-approximate-messages-count", operation);
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new RequestFailedException(response.Status, $"{operation}: x-ms-approximate-messages-count is '{countText}'", "InvalidResponseHeader", null);
        }
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }
        return Response.FromValue(new QueueProperties(count, metadata), response);
    }

    /// <summary>
    /// Put Message. <paramref name="visibilityDelay"/> (0 s – 7 days, whole seconds) hides the message at first;
    /// <paramref name="timeToLive"/> is ≥ 1 s, or <see cref="NeverExpires"/> (or <see cref="Timeout.InfiniteTimeSpan"/>);
    /// the service default is 7 days. The delay must end before the message expires.
    /// </summary>
    public async Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var body = QueueMessageXml.Body(messageText, nameof(messageText));
        string? delay = visibilityDelay is { } d ? QueueRest.Seconds(d, TimeSpan.Zero, s_maxVisibility, nameof(visibilityDelay)) : null;
        string? ttl = null;
        if (timeToLive is { } t)
        {
            if (t == NeverExpires || t == Timeout.InfiniteTimeSpan)
            {
                ttl = "-1";
            }
            else
            {
                ttl = QueueRest.Seconds(t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(int.MaxValue), nameof(timeToLive));
                if (visibilityDelay is { } delaySpan && delaySpan >= t)
                {
                    throw new ArgumentException($"visibility delay {delaySpan} must be shorter than the time to live {t}", nameof(visibilityDelay));
                }
            }
        }
        else if (visibilityDelay is { } delaySpan && delaySpan >= TimeSpan.FromDays(7))
        {
            throw new ArgumentException($"visibility delay {delaySpan} must be shorter than the default time to live (7 days)", nameof(visibilityDelay));
        }

        var operation = $"Send message to queue '{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Post, MessagesUri);
        if (delay is not null)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", delay);
        }
        if (ttl is not null)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl);
        }
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(body);
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var fields = Single(QueueMessageXml.Parse(response.ContentStream!, operation), operation, response);
        return Response.FromValue(
            new SendReceipt(
                QueueMessageXml.Field(fields, "MessageId", operation),
                QueueMessageXml.Field(fields, "PopReceipt", operation),
                QueueMessageXml.Time(fields, "InsertionTime", operation),
                QueueMessageXml.Time(fields, "ExpirationTime", operation),
                QueueMessageXml.Time(fields, "TimeNextVisible", operation)),
            response);
    }

    /// <summary>
    /// Get Messages: up to <paramref name="maxMessages"/> (1–32) visible messages, each hidden from other receivers for
    /// <paramref name="visibilityTimeout"/> (1 s – 7 days, whole seconds; service default 30 s). Empty when none are visible.
    /// </summary>
    public async Task<Response<IReadOnlyList<QueueMessage>>> ReceiveMessagesAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        if (maxMessages is < 1 or > MaxMessagesPerCall)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, $"must be 1–{MaxMessagesPerCall}");
        }
        string? timeout = visibilityTimeout is { } v ? QueueRest.Seconds(v, TimeSpan.FromSeconds(1), s_maxVisibility, nameof(visibilityTimeout)) : null;
        var operation = $"Receive messages from queue '{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Get, MessagesUri);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        if (timeout is not null)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", timeout);
        }
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var messages = QueueMessageXml.Parse(response.ContentStream!, operation)
            .Select(f => new QueueMessage(
                QueueMessageXml.Field(f, "MessageId", operation),
                QueueMessageXml.Field(f, "PopReceipt", operation),
                QueueMessageXml.Field(f, "MessageText", operation),
                QueueMessageXml.Count(f, "DequeueCount", operation),
                QueueMessageXml.Time(f, "InsertionTime", operation),
                QueueMessageXml.Time(f, "ExpirationTime", operation),
                QueueMessageXml.Time(f, "TimeNextVisible", operation)))
            .ToList();
        return Response.FromValue<IReadOnlyList<QueueMessage>>(messages, response);
    }

    /// <summary>Peek Messages: up to <paramref name="maxMessages"/> (1–32) visible messages without receiving them.</summary>
    public async Task<Response<IReadOnlyList<PeekedMessage>>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        if (maxMessages is < 1 or > MaxMessagesPerCall)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, $"must be 1–{MaxMessagesPerCall}");
        }
        var operation = $"Peek messages in queue '{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Get, MessagesUri);
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        var messages = QueueMessageXml.Parse(response.ContentStream!, operation)
            .Select(f => new PeekedMessage(
                QueueMessageXml.Field(f, "MessageId", operation),
                QueueMessageXml.Field(f, "MessageText", operation),
                QueueMessageXml.Count(f, "DequeueCount", operation),
                QueueMessageXml.Time(f, "InsertionTime", operation),
                QueueMessageXml.Time(f, "ExpirationTime", operation)))
            .ToList();
        return Response.FromValue<IReadOnlyList<PeekedMessage>>(messages, response);
    }

    /// <summary>
    /// Update Message: hides the message for <paramref name="visibilityTimeout"/> from now (0 s – 7 days, whole
    /// seconds; 0 makes it visible at once) and, when <paramref name="messageText"/> is given, replaces its text. The
    /// old pop receipt stops working; use the returned one.
    /// </summary>
    public async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken cancellationToken = default)
    {
        ValidateReceipt(messageId, popReceipt);
        var timeout = QueueRest.Seconds(visibilityTimeout, TimeSpan.Zero, s_maxVisibility, nameof(visibilityTimeout));
        var body = messageText is null ? null : QueueMessageXml.Body(messageText, nameof(messageText));
        var operation = $"Update message {messageId} in queue '{Name}'";
        using var message = _rest.CreateMessage(RequestMethod.Put, MessageUri(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        message.Request.Uri.AppendQuery("visibilitytimeout", timeout);
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
            message.Request.Content = RequestContent.Create(body);
        }
        var response = await _rest.SendAsync(message, operation, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(
            new UpdateReceipt(
                QueueRest.RequiredHeader(response, "x-ms-popreceipt", operation),
                QueueRest.ParseHttpDate(QueueRest.RequiredHeader(response, "x-ms-time-next-visible", operation))),
            response);
    }

    /// <summary>
    /// Delete Message. A message that is gone answers 404 MessageNotFound; a pop receipt made stale by a later receive
    /// or update answers 400 PopReceiptMismatch on Azurite (Azure documents the same code) — either way the caller no
    /// longer holds the message.
    /// </summary>
    public async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ValidateReceipt(messageId, popReceipt);
        using var message = _rest.CreateMessage(RequestMethod.Delete, MessageUri(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        return await _rest.SendAsync(message, $"Delete message {messageId} from queue '{Name}'", cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateReceipt(string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(popReceipt);
    }

    private Uri MessageUri(string messageId) => QueueRest.Child(MessagesUri, Uri.EscapeDataString(messageId));

    private HttpMessage MetadataMessage()
    {
        var message = _rest.CreateMessage(RequestMethod.Get, Uri);
        message.Request.Uri.AppendQuery("comp", "metadata");
        return message;
    }

    private static IReadOnlyDictionary<string, string> Single(IReadOnlyList<IReadOnlyDictionary<string, string>> messages, string operation, Response response) =>
        messages.Count == 1
            ? messages[0]
            : throw new RequestFailedException(response.Status, $"{operation}: expected one QueueMessage in the answer, found {messages.Count}", "InvalidResponseXml", null);
}
