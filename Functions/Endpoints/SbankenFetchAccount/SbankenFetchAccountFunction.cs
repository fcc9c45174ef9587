using System.Text.Json;
using Bankflow.Functions.Events;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Sbanken;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Endpoints.SbankenFetchAccount;

/// <summary>
/// Queue trigger on <c>sbanken-fetch</c> (<see cref="SbankenFetchMessage"/>): reads the account's unread days,
/// stores them as BankEntries and marks them read; then publishes one FileImported event per day read on bank-events and,
/// when any day brought entries, asks for a reconciliation of the client.
/// A Sbanken failure after retries notifies and leaves the days unread (the invocation succeeds: the next
/// morning catches up); a storage failure fails the invocation so the host retries it.
/// </summary>
public sealed partial class SbankenFetchAccountFunction(SbankenFetchService service, IEventPublisher events, ReconcileRequests reconcile, ILogger<SbankenFetchAccountFunction> logger)
{
    public const string Name = "SbankenFetchAccount";
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.SbankenFetchQueue, Connection = "AzureWebJobsStorage")] string fetch, CancellationToken cancellationToken)
    {
        var message = Read(fetch);
        FetchOutcome outcome;
        try
        {
            outcome = await service.FetchAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
        // After each day's read marker (its commit): a re-run publishes the same event ids again.
        foreach (var bankEvent in outcome.Events)
        {
            await events.PublishAsync(bankEvent, cancellationToken).ConfigureAwait(false);
        }
        // One reconciliation for the days read (every day's event names the same client).
        if (outcome.Events.FirstOrDefault(e => e.EntryCount > 0) is { } withEntries)
        {
            await ImportBankFileFunction.ReconcileAfterAsync(reconcile, withEntries, cancellationToken).ConfigureAwait(false);
        }
        foreach (var line in outcome.Log)
        {
            LogOutcome(logger, line);
        }
    }

    /// <summary>The message; one that is not JSON or lacks a required field fails the invocation (retried, then poisoned).</summary>
    internal static SbankenFetchMessage Read(string? text)
    {
        SbankenFetchMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<SbankenFetchMessage>(text ?? "", MessageJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"sbanken-fetch message is not JSON: {ex.Message}", ex);
        }
        if (message is null || string.IsNullOrEmpty(message.ClientId) || string.IsNullOrEmpty(message.AccountNumber) || string.IsNullOrEmpty(message.Through))
        {
            throw new InvalidDataException("sbanken-fetch message needs clientId, accountNumber and through");
        }
        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sbanken fetch: {Line}")]
    private static partial void LogOutcome(ILogger logger, string line);
}
