using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Reconciliation;

public enum RemovalResult
{
    Removed,
    NotFound,

    /// <summary>Payments are matched to the item, or a reconciliation run of the client is under way.</summary>
    Conflict,
}

/// <summary>What a removal came to, and why not when it did not.</summary>
public sealed record RemovalAnswer(RemovalResult Result, string? Reason = null, bool RetryLater = false);

/// <summary>
/// The ERP's side of the open items: a bulk upsert (then a reconciliation of the client is asked for, so new items meet the
/// payments waiting for them), and a removal — refused while payments are matched to the item (a person rejects those
/// first) and while a run of the client is under way (it could be matching the item at that moment).
/// </summary>
public sealed partial class OpenItemService(
    OpenItemStore items,
    MatchStore matches,
    ReconciliationLock runLock,
    ReconcileRequests requests,
    TimeProvider time,
    ILogger<OpenItemService> logger)
{
    /// <summary>Writes the items and asks for a run; returns how many were new.</summary>
    public async Task<int> UpsertAsync(ClientId client, IReadOnlyList<OpenItem> upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(upload);
        var created = await items.UpsertAsync(client, upload, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await requests.RequestAsync(client, null, cancellationToken).ConfigureAwait(false);
        LogUpserted(logger, client.Value, upload.Count, created);
        return created;
    }

    public async Task<RemovalAnswer> RemoveAsync(ClientId client, string invoiceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var lease = await runLock.TryAcquireAsync(client, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return new RemovalAnswer(RemovalResult.Conflict, "a reconciliation of this client is running and may be matching the item; try again in a moment", RetryLater: true);
        }
        try
        {
            if (await items.GetAsync(client, invoiceId, cancellationToken).ConfigureAwait(false) is null)
            {
                return new RemovalAnswer(RemovalResult.NotFound);
            }
            var holding = (await matches.ListAllAsync(client, cancellationToken).ConfigureAwait(false))
                .Where(d => d.Decision != Decision.Rejected && d.Allocations.Any(a => a.InvoiceId == invoiceId))
                .OrderBy(d => d.MatchId, StringComparer.Ordinal)
                .ToList();
            if (holding.Count > 0)
            {
                return new RemovalAnswer(RemovalResult.Conflict,
                    $"payments are matched to this item (match {string.Join(", ", holding.Select(d => d.MatchId))}); reject those matches first");
            }
            if (!await items.DeleteAsync(client, invoiceId, cancellationToken).ConfigureAwait(false))
            {
                return new RemovalAnswer(RemovalResult.NotFound);
            }
        }
        finally
        {
            await runLock.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        // Unmatched entries may have named it as a candidate: they are explained again without it.
        await requests.RequestAsync(client, null, cancellationToken).ConfigureAwait(false);
        return new RemovalAnswer(RemovalResult.Removed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} uploaded {Count} open items ({Created} new); reconciliation requested")]
    private static partial void LogUpserted(ILogger logger, string clientId, int count, int created);
}
