using Bankflow.Functions.Collection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Endpoints.CollectionDaily;

/// <summary>
/// The daily collection step, 06:30 Oslo time (the schedule is UTC; 05:30 UTC is 06:30 in winter and 07:30 in summer — the
/// step only needs to run after midnight in Oslo): for every client with an active integration the draft rule on the Oslo
/// business date, Automatic mode approving at once. Idempotent per date (an invoice is a case once). Then the agency
/// signatures older than the replay window are purged.
/// </summary>
public sealed partial class CollectionDailyFunction(CollectionService service, CollectionStore store, AgencySignatureStore signatures, TimeProvider time,
    ILogger<CollectionDailyFunction> logger)
{
    public const string Name = "CollectionDaily";
    public const string Schedule = "0 30 5 * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var today = service.OsloBusinessDay();
        foreach (var client in await store.ListActiveClientsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await service.RunDailyAsync(client, today, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex)
            {
                // One client's storage trouble must not stop the others; tomorrow's run (or daily-run) catches up.
                LogClientFailed(logger, client.Value, ex.Status);
            }
        }
        await signatures.PurgeAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collection daily step failed for client {ClientId} (storage status {Status})")]
    private static partial void LogClientFailed(ILogger logger, string clientId, int status);
}
