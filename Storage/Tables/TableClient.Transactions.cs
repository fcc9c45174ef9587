using Azure;
using Azure.Core;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tables;

public partial class TableClient
{
    /// <summary>
    /// Submits an entity group transaction: all actions succeed or none does. Checked before sending (ArgumentException):
    /// 1–100 actions, one PartitionKey, each RowKey once, valid keys, body ≤ 4 MiB (Azurite does not check the
    /// partition rule; Azure does). A refused transaction throws <see cref="TableTransactionFailedException"/> naming the
    /// failing action's index. The result holds one response per action, in order (ETag header for writes).
    /// </summary>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        var actions = TableBatch.Validate(transactionActions, nameof(transactionActions));
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        var body = TableBatch.CreateBody(batchBoundary, changesetBoundary, _rest.Endpoint, Name, actions, nameof(transactionActions));

        var message = _rest.CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var operation = $"Transaction of {actions.Count} actions on {Name} (PartitionKey '{TableNames.Shorten(actions[0].Entity.PartitionKey)}')";
        StorageErrors.ThrowIfFailed(response, operation);

        response.Headers.TryGetValue(HttpHeader.Names.ContentType, out var contentType);
        List<TableBatch.PartResponse> parts;
        try
        {
            parts = TableBatch.ParseResponse(response.Content.ToString(), contentType);
        }
        catch (FormatException e)
        {
            throw new RequestFailedException(response.Status, $"{operation}: the service's answer could not be read: {e.Message}", "InvalidBatchResponse", e);
        }

        var failed = parts.FindIndex(p => p.Status >= 400);
        if (failed >= 0)
        {
            throw Failure(parts[failed], failed, parts.Count, actions, operation, response);
        }
        IReadOnlyList<Response> results = parts
            .Select(p => (Response)new TablePartResponse(p.Status, p.ReasonPhrase, p.Headers, p.Body, response.ClientRequestId))
            .ToList();
        return Response.FromValue(results, response);
    }

    private static TableTransactionFailedException Failure(TableBatch.PartResponse part, int position, int partCount, List<TableTransactionAction> actions, string operation, Response response)
    {
        using var partResponse = new TablePartResponse(part.Status, part.ReasonPhrase, part.Headers, part.Body, response.ClientRequestId);
        var error = StorageErrors.Create(partResponse, operation);
        // The service puts the index in front of the message ("1:The specified entity already exists."); when every
        // action got its own answer the position says it too.
        var index = TableBatch.IndexFromMessage(ErrorMessage(part.Body)) ?? (partCount == actions.Count ? position : null);
        if (index is not null && (index < 0 || index >= actions.Count))
        {
            index = null;
        }
        var failedAction = index is { } i ? actions[i] : null;
        var which = failedAction is null
            ? "the failing action is unknown"
            : $"action {index} ({failedAction.ActionType} {Describe(failedAction.Entity.PartitionKey, failedAction.Entity.RowKey)}) failed";
        return new TableTransactionFailedException(
            part.Status,
            $"{error.Message}; {which}; nothing was committed",
            error.ErrorCode,
            index,
            failedAction);
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("odata.error", out var error) && error.TryGetProperty("message", out var message)
                ? (message.ValueKind == System.Text.Json.JsonValueKind.Object && message.TryGetProperty("value", out var v) ? v.GetString() : message.GetString())
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
