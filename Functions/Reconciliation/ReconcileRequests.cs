using System.Text.Json;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Reconciliation;

/// <summary>A request to reconcile one client, as it travels on <c>reconcile-requests</c>.</summary>
public sealed record ReconcileRequest(string ClientId);

/// <summary>
/// The <c>reconcile-requests</c> queue: <c>{"clientId":"…"}</c> as plain text. Asking twice is harmless — a run
/// reconciles everything not yet decided, and a run with nothing new changes nothing.
/// </summary>
public sealed class ReconcileRequests(BankflowStorage storage)
{
    /// <summary>How long a request waits when it found the client's reconciliation busy: about as long as a typical run.</summary>
    public static readonly TimeSpan BusyDelay = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="delay">Hidden this long first (a run that found the client busy asks again later).</param>
    public async Task RequestAsync(ClientId client, TimeSpan? delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = JsonSerializer.Serialize(new ReconcileRequest(client.Value), Json);
        await storage.Queue(StorageNames.ReconcileRequestsQueue).SendMessageAsync(text, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The client a message names; a message that is not one fails the invocation (retried, then poisoned).</summary>
    public static ClientId Read(string? text)
    {
        ReconcileRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ReconcileRequest>(text ?? "", Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"reconcile-requests message is not JSON: {ex.Message}", ex);
        }
        if (!ClientId.TryParse(request?.ClientId, out var client, out var error))
        {
            throw new InvalidDataException($"reconcile-requests message needs a valid clientId: {error}");
        }
        return client!;
    }
}
