using Bankflow.Functions.Idempotency;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Endpoints.IdempotencyKeysPurge;

/// <summary>
/// Timer <c>0 30 3 * * *</c> (03:30 UTC, a quiet hour): deletes Idempotency-Key rows past their retention. Expired
/// rows are already ignored by the gate (the key is free again); this only keeps the table from growing.
/// </summary>
public sealed partial class IdempotencyKeysPurgeFunction(IdempotencyStore store, TimeProvider time, ILogger<IdempotencyKeysPurgeFunction> logger)
{
    public const string Name = "IdempotencyKeysPurge";
    public const string Schedule = "0 30 3 * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var deleted = await store.PurgeExpiredAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogPurged(logger, deleted);
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Idempotency keys past their retention deleted: {Count} rows")]
    private static partial void LogPurged(ILogger logger, int count);
}
