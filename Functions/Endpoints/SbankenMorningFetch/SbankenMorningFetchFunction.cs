using System.Text.Json;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Sbanken;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Endpoints.SbankenMorningFetch;

/// <summary>
/// Timer <c>0 0 5 * * *</c> (05:00 UTC: 06:00 Oslo in winter, 07:00 in summer — after Sbanken has closed the
/// day either way). Fans out one <c>sbanken-fetch</c> message per active reconciliation account (the queue
/// output binding writes one message per element); the business date (yesterday in Oslo) comes from the
/// injected clock, not from the schedule.
/// </summary>
public sealed partial class SbankenMorningFetchFunction(SbankenOptions options, SbankenFetchService fetch, ILogger<SbankenMorningFetchFunction> logger)
{
    public const string Name = "SbankenMorningFetch";
    public const string Schedule = "0 0 5 * * *";
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    [Function(Name)]
    [QueueOutput(StorageNames.SbankenFetchQueue, Connection = "AzureWebJobsStorage")]
    public async Task<string[]> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (!options.IsConfigured)
        {
            LogNotConfigured(logger);
            return [];
        }
        var messages = await fetch.FanOutAsync(cancellationToken).ConfigureAwait(false);
        LogQueued(logger, timer.IsPastDue ? " (past due)" : "", messages.Count);
        return [.. messages.Select(ToQueueText)];
    }

    /// <summary>The message text on the queue: camelCase JSON, as the onboarding's backfills write it.</summary>
    internal static string ToQueueText(SbankenFetchMessage message) => JsonSerializer.Serialize(message, MessageJson);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sbanken is not configured; no morning fetch")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Morning fetch{PastDue}: {Count} account(s) queued")]
    private static partial void LogQueued(ILogger logger, string pastDue, int count);
}
