using System.Globalization;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Sbanken;

/// <summary>What one account's fetch did: the events for the days read now, and lines for the log.</summary>
public sealed record FetchOutcome(IReadOnlyList<FileImportedEvent> Events, IReadOnlyList<string> Log);

/// <summary>
/// The morning fetch. <see cref="FanOut"/> turns the agreements into one message per active reconciliation
/// account; <see cref="FetchAsync"/> reads that account's unread days. Exactly once per account and day:
/// entries have deterministic ids and are upserted, and a day is marked read only after its entries are
/// stored — so a retry rewrites the same rows and a read day is never read again. When Sbanken fails after
/// the client's retries, the days stay unread (the next run catches up) and the client is notified once.
/// </summary>
public sealed partial class SbankenFetchService(
    SbankenClient sbanken,
    SbankenAgreementStore agreements,
    SbankenDayStore days,
    BankEntryStore entries,
    NotificationStore notifications,
    TimeProvider time,
    ILogger<SbankenFetchService> logger)
{
    public const string EventFormat = "sbanken-api";
    public const string FailureKind = "SbankenFetchFailed";

    /// <summary>One message per active reconciliation account of every client, reading through yesterday (Oslo).</summary>
    public static IReadOnlyList<SbankenFetchMessage> FanOut(IEnumerable<StoredSbankenAgreement> all, DateTimeOffset now)
    {
        var through = SbankenOnboardingStore.Format(OsloBusinessDate.Yesterday(now));
        return all
            .SelectMany(a => a.Agreement.Accounts.Where(x => x.Reconciles).Select(x => new SbankenFetchMessage(a.Client.Value, x.Number.Value, null, through, SbankenFetchMessage.Morning)))
            .ToList();
    }

    public async Task<IReadOnlyList<SbankenFetchMessage>> FanOutAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Agreements saved before customer ids were encrypted: encrypted now, once (a no-op when none is left).
            var protectedNow = await agreements.ProtectClearCustomerIdsAsync(cancellationToken).ConfigureAwait(false);
            if (protectedNow > 0)
            {
                LogProtected(logger, protectedNow);
            }
        }
        catch (InvalidOperationException)
        {
            LogNoKey(logger); // no data-protection key configured: the clear rows stay readable, the fetch goes on
        }
        return FanOut(await agreements.ListAllAsync(cancellationToken).ConfigureAwait(false), time.GetUtcNow());
    }

    public async Task<FetchOutcome> FetchAsync(SbankenFetchMessage message, CancellationToken cancellationToken)
    {
        var log = new List<string>();
        if (!ClientId.TryParse(message.ClientId, out var client, out var clientError))
        {
            throw new ArgumentException($"fetch message has no valid client id: {clientError}", nameof(message));
        }
        var stored = await agreements.GetAsync(client!, cancellationToken).ConfigureAwait(false);
        var account = stored?.Agreement.Accounts.FirstOrDefault(a => a.Number.Value == message.AccountNumber);
        if (stored is null || account is not { Reconciles: true, ReconciliationStartDate: { } start })
        {
            log.Add($"{Masked(message.AccountNumber)} of {client} has no active Sbanken reconciliation; nothing to fetch");
            return new FetchOutcome([], log);
        }
        var now = time.GetUtcNow();
        // A day is read only once it is over in Oslo, whatever the message asks.
        var through = Min(ParseDay(message.Through, nameof(message.Through)), OsloBusinessDate.Yesterday(now));
        var from = message.From is null ? (DateOnly?)null : ParseDay(message.From, nameof(message.From));
        var read = await days.ReadDaysAsync(client!, account.Number.Value, start, cancellationToken).ConfigureAwait(false);
        var toRead = FetchPlan.DaysToRead(start, from, through, read);
        if (toRead.Count == 0)
        {
            log.Add($"{Masked(account.Number.Value)} of {client}: every day through {through:yyyy-MM-dd} is read already");
            return new FetchOutcome([], log);
        }

        IReadOnlyList<SbankenTransaction> lines;
        try
        {
            lines = await sbanken.GetTransactionsAsync(new SbankenCaller(stored.CustomerId), account.AccountId, toRead[0], toRead[^1], cancellationToken).ConfigureAwait(false);
        }
        catch (SbankenApiException ex)
        {
            await NotifyFailureAsync(client!, account.Number.Value, toRead, ex.Message, now, cancellationToken).ConfigureAwait(false);
            LogFetchFailed(logger, client!.Value, toRead[0], toRead[^1], ex.Message);
            log.Add($"{Masked(account.Number.Value)} of {client}: Sbanken failed ({ex.Message}); {toRead.Count} day(s) left unread for the next run");
            return new FetchOutcome([], log);
        }

        var byDay = lines.Where(l => !l.IsReservation).GroupBy(l => l.AccountingDate).ToDictionary(g => g.Key, g => g.ToList());
        var events = new List<FileImportedEvent>();
        foreach (var day in toRead)
        {
            var dayLines = byDay.TryGetValue(day, out var list) ? list : [];
            var dayEntries = TransactionIds.Assign(account.Number.Value, dayLines).Select(l => SbankenEntryMapper.ToBankEntry(account.Number.Value, l)).ToList();
            var importId = ImportId(account.Number.Value, day);
            await entries.UpsertAsync(client!, importId, dayEntries, cancellationToken).ConfigureAwait(false);
            // The read marker last: the day's commit.
            await days.MarkReadAsync(client!, account.Number.Value, day, dayEntries.Count, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            events.Add(new FileImportedEvent(
                $"sbanken-{client!.Value}-{account.Number.Value}-{day:yyyyMMdd}",
                FileImportedEvent.Imported, client.Value, importId, "Imported", EventFormat, dayEntries.Count, time.GetUtcNow()));
        }
        LogRead(logger, client!.Value, toRead.Count, toRead[0], toRead[^1], events.Sum(e => e.EntryCount));
        log.Add($"{Masked(account.Number.Value)} of {client}: read {toRead.Count} day(s) {toRead[0]:yyyy-MM-dd}..{toRead[^1]:yyyy-MM-dd}, {events.Sum(e => e.EntryCount)} entries ({message.Reason})");
        return new FetchOutcome(events, log);
    }

    /// <summary>The import id of one account's day (the BankEntries rows' SourceImport, and the event's ImportId).</summary>
    public static string ImportId(string accountNumber, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"sbanken:{accountNumber}:{day:yyyy-MM-dd}");

    private Task NotifyFailureAsync(ClientId client, string accountNumber, IReadOnlyList<DateOnly> unread, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One notification per account and first unread day: a retried invocation (or a second failing
        // morning for the same gap) adds none.
        var subject = string.Create(CultureInfo.InvariantCulture, $"{accountNumber}|{unread[0]:yyyy-MM-dd}");
        return notifications.AddOnceAsync(new Notification(
                client,
                Notification.CreateId(OsloBusinessDate.StartOfDay(unread[0]), FailureKind, subject),
                NotificationSeverity.Warning,
                FailureKind,
                string.Create(CultureInfo.InvariantCulture, $"Sbanken transactions for {accountNumber} were not read"),
                string.Create(CultureInfo.InvariantCulture,
                    $"Reading {unread.Count} day(s) from {unread[0]:yyyy-MM-dd} to {unread[^1]:yyyy-MM-dd} failed: {reason}. The days stay unread and are read on the next morning run; nothing is missing from what was read before."),
                now)
            { Subject = subject },
            cancellationToken);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly ParseDay(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"fetch message {field} must be yyyy-MM-dd, found '{text}'", field);

    /// <summary>An account number as the log lines show it: the last four digits (the whole number stays out of logs).</summary>
    internal static string Masked(string? accountNumber) =>
        accountNumber is { Length: > 4 } n ? "account …" + n[^4..] : "account …";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sbanken agreements: {Count} customer id(s) stored in clear were encrypted")]
    private static partial void LogProtected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sbanken agreements hold customer ids in clear and no data-protection key is configured (Bankflow:DataProtection)")]
    private static partial void LogNoKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sbanken fetch for client {ClientId} ({First}..{Last}) failed: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string clientId, DateOnly first, DateOnly last, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sbanken fetch for client {ClientId}: {Days} day(s) {First}..{Last} read, {Entries} entries")]
    private static partial void LogRead(ILogger logger, string clientId, int days, DateOnly first, DateOnly last, int entries);
}
