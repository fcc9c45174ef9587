using Bankflow.Domain.Remittance;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Microsoft.Extensions.Logging;
using System.Text.Json;

namespace Bankflow.Functions.Sbanken;

/// <summary>What a callback came to.</summary>
public sealed record CallbackOutcome(StateCheck Check, ClientId? Client, int AccountCount, string? Failure = null);

/// <summary>What a completion came to: field issues, unaccepted balance differences, or the saved agreement.</summary>
public sealed record CompletionOutcome(
    IReadOnlyList<FieldIssue> Issues,
    IReadOnlyList<BalanceWarning> Warnings,
    bool Saved,
    int Version,
    IReadOnlyList<SbankenFetchMessage> Backfills);

/// <summary>
/// The onboarding use cases behind the HTTP functions (seed 002): start (state + authorisation URL),
/// callback (state check, code exchange, offered accounts kept as a pending onboarding), completion (rules,
/// balance check on the start date, agreement saved as a whole, backfill queued).
/// </summary>
public sealed partial class SbankenOnboardingService(
    SbankenClient sbanken,
    SbankenOptions options,
    SbankenOnboardingStore onboarding,
    SbankenAgreementStore agreements,
    BankflowStorage storage,
    TimeProvider time,
    ILogger<SbankenOnboardingService> logger)
{
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> StartAsync(ClientId client, string userSubject, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + options.StateLifetime;
        var redirect = options.RedirectUri ?? throw new InvalidOperationException("Bankflow:Sbanken:RedirectUri is not configured");
        var signIn = await onboarding.CreateStateAsync(client, userSubject, redirect, expires, cancellationToken).ConfigureAwait(false);
        return (sbanken.AuthorizationUrl(signIn.State, signIn.CodeChallenge), expires);
    }

    /// <summary>
    /// The browser's return from Sbanken. The state is consumed first (one use, even when callbacks race), then the code is
    /// exchanged with that sign-in's PKCE verifier and redirect URI: a code issued to another sign-in — another client's,
    /// another user's, or one lifted from a browser — is refused by Sbanken, and nothing is kept.
    /// </summary>
    public async Task<CallbackOutcome> CallbackAsync(string? code, string? state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var consumed = await onboarding.ConsumeStateAsync(state, now, cancellationToken).ConfigureAwait(false);
        if (consumed.Check != StateCheck.Accepted)
        {
            LogStateRefused(logger, consumed.Check.ToString());
            return new CallbackOutcome(consumed.Check, consumed.Client, 0);
        }
        var client = consumed.Client!;
        if (string.IsNullOrWhiteSpace(code))
        {
            return new CallbackOutcome(StateCheck.Accepted, client, 0, "the callback has no authorisation code (the sign-in at Sbanken was cancelled or refused)");
        }
        SbankenAuthorisation authorisation;
        try
        {
            authorisation = await sbanken.ExchangeCodeAsync(code, consumed.CodeVerifier!, consumed.RedirectUri!, cancellationToken).ConfigureAwait(false);
        }
        catch (SbankenApiException ex) when (ex is not SbankenContractException && ex.Status == 400 && !ex.Transient)
        {
            // invalid_grant: not this sign-in's code (PKCE or redirect URI do not match), used already, or expired.
            LogCodeRefused(logger, client.Value);
            return new CallbackOutcome(StateCheck.Accepted, client, 0,
                "Sbanken did not accept the authorisation code for this sign-in (it was issued to another sign-in, used already or expired); start the connection again");
        }
        var accounts = await sbanken.GetAccountsAsync(new SbankenCaller(authorisation.CustomerId, authorisation.AccessToken), cancellationToken).ConfigureAwait(false);
        await onboarding.SavePendingAsync(new PendingOnboarding(client, consumed.UserKey!, authorisation.CustomerId, accounts, now, now + options.PendingLifetime), cancellationToken).ConfigureAwait(false);
        LogOffered(logger, client.Value, accounts.Count);
        return new CallbackOutcome(StateCheck.Accepted, client, accounts.Count);
    }

    public Task<PendingOnboarding?> PendingAsync(ClientId client, string userSubject, CancellationToken cancellationToken) =>
        onboarding.GetPendingAsync(client, SbankenOnboardingStore.UserKey(userSubject), time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Validates and, when nothing is wrong (and balance differences are accepted or absent), saves the agreement
    /// as a whole and queues one backfill per reconciliation account from its start date through yesterday
    /// (today is read tomorrow morning, once it is complete).
    /// </summary>
    public async Task<CompletionOutcome> CompleteAsync(PendingOnboarding pending, CompletionRequest request, bool acceptBalanceDifferences, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = OsloBusinessDate.Today(now);
        var validation = OnboardingRules.Validate(request, pending.Accounts, today);
        if (!validation.IsValid)
        {
            return new CompletionOutcome(validation.Issues, [], false, 0, []);
        }
        var agreement = validation.Agreement!;
        var warnings = new List<BalanceWarning>();
        var caller = new SbankenCaller(pending.CustomerId);
        var current = await sbanken.GetAccountsAsync(caller, cancellationToken).ConfigureAwait(false);
        foreach (var account in agreement.Accounts.Where(a => a.Reconciles && a.ErpBalance is not null))
        {
            var start = account.ReconciliationStartDate!.Value;
            var balanceNow = current.FirstOrDefault(c => c.AccountId == account.AccountId)?.Balance
                             ?? throw new SbankenContractException($"account {account.Number.Formatted} is no longer listed by Sbanken");
            var lines = await sbanken.GetTransactionsAsync(caller, account.AccountId, start, today, cancellationToken).ConfigureAwait(false);
            if (OnboardingRules.CompareBalance(account, HistoricalBalance.OpeningBalance(balanceNow, start, lines)) is { } warning)
            {
                warnings.Add(warning);
            }
        }
        if (warnings.Count > 0 && !acceptBalanceDifferences)
        {
            return new CompletionOutcome([], warnings, false, 0, []);
        }

        var version = await agreements.SaveAsync(pending.Client, pending.CustomerId, agreement, now, cancellationToken).ConfigureAwait(false);
        var yesterday = today.AddDays(-1);
        var backfills = agreement.Accounts
            .Where(a => a.Reconciles && a.ReconciliationStartDate <= yesterday)
            .Select(a => new SbankenFetchMessage(pending.Client.Value, a.Number.Value, SbankenOnboardingStore.Format(a.ReconciliationStartDate!.Value), SbankenOnboardingStore.Format(yesterday), SbankenFetchMessage.Backfill))
            .ToList();
        // Queued after the agreement is saved: if queueing fails, the next morning reads the same unread days.
        var queue = storage.Queues.GetQueueClient(StorageNames.SbankenFetchQueue);
        foreach (var message in backfills)
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(message, MessageJson), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        LogCompleted(logger, pending.Client.Value, version, agreement.Accounts.Count, warnings.Count);
        return new CompletionOutcome([], warnings, true, version, backfills);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sbanken callback refused: state {Check}")]
    private static partial void LogStateRefused(ILogger logger, string check);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sbanken refused the authorisation code of a sign-in for client {ClientId} (not this sign-in's, used or expired); nothing kept")]
    private static partial void LogCodeRefused(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sbanken onboarding of client {ClientId}: {Count} accounts offered")]
    private static partial void LogOffered(ILogger logger, string clientId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sbanken agreement of client {ClientId} saved as version {Version}: {Accounts} accounts, {Warnings} balance differences accepted")]
    private static partial void LogCompleted(ILogger logger, string clientId, int version, int accounts, int warnings);
}
