using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Access;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Security;

namespace Bankflow.Functions.Sbanken;

/// <summary>Why a callback's state was not accepted.</summary>
public enum StateCheck
{
    Accepted,

    /// <summary>Not of our making, or for no stored onboarding.</summary>
    Unknown,

    Expired,

    /// <summary>Used before: a second callback with the same state (a replay or a double click).</summary>
    Replayed,
}

/// <summary>A sign-in just started: the state to send to Sbanken and the PKCE challenge of the verifier kept with it.</summary>
public sealed record StartedSignIn(string State, string CodeChallenge);

/// <summary>
/// A callback's state, checked and (when <see cref="Check"/> is Accepted) consumed: the client and user it was started
/// for, and what the code exchange must present — the PKCE verifier and the redirect URI of that sign-in.
/// </summary>
public sealed record ConsumedState(StateCheck Check, ClientId? Client, string? UserKey = null, string? CodeVerifier = null, Uri? RedirectUri = null);

/// <summary>A pending onboarding: the accounts Sbanken offered the signed-in user, waiting for completion.</summary>
public sealed record PendingOnboarding(ClientId Client, string UserKey, string CustomerId, IReadOnlyList<OfferedAccount> Accounts, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// The SbankenOnboarding table (PartitionKey client id). Rows <c>state-{hash}</c>: an OAuth state bound to
/// client and user, single use (consumed with an ETag-conditional update, so two racing callbacks cannot both
/// win), expiring, holding the sign-in's PKCE code verifier and redirect URI (the code exchange must present both,
/// so a code from another sign-in cannot be redeemed with this state). Rows <c>pending-{userKey}</c>: the accounts offered to that user for that client. Only a hash
/// of the state's secret part is stored; the user is kept as a hash too (no names or ids of people at rest), and
/// Sbanken's customer id (a national identity number) encrypted (<see cref="IFieldProtector"/>).
/// </summary>
public sealed class SbankenOnboardingStore(BankflowStorage storage, IFieldProtector protector)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(StorageNames.SbankenOnboardingTable);

    public static string UserKey(string subject) => Hash(subject)[..32];

    /// <summary>
    /// A new state <c>{clientId}.{random}</c> (the client part lets the callback find the row; the random part is the
    /// secret, stored only as a hash) with a fresh PKCE verifier and the redirect URI this sign-in uses, kept in the row.
    /// </summary>
    public async Task<StartedSignIn> CreateStateAsync(ClientId client, string userSubject, Uri redirectUri, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var verifier = Pkce.Verifier(RandomNumberGenerator.GetBytes(32));
        var entity = new TableEntity(client.Value, "state-" + Hash(secret)[..40])
        {
            ["UserKey"] = UserKey(userSubject),
            ["ExpiresAt"] = expiresAt,
            // The verifier is as secret as the code it unlocks: it never leaves this table except to Sbanken's token endpoint.
            ["CodeVerifier"] = verifier,
            ["RedirectUri"] = redirectUri.ToString(),
        };
        await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return new StartedSignIn(client.Value + "." + secret, Pkce.Challenge(verifier));
    }

    /// <summary>
    /// Checks and consumes a state. Once consumed it never works again, whatever happens next: of any number of
    /// callbacks racing with it, the ETag-conditional update lets exactly one through.
    /// </summary>
    public async Task<ConsumedState> ConsumeStateAsync(string? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dot = state?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || !ClientId.TryParse(state![..dot], out var client, out _) || state.Length - dot - 1 is < 20 or > 100)
        {
            return new ConsumedState(StateCheck.Unknown, null);
        }
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client!.Value, "state-" + Hash(state[(dot + 1)..])[..40], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return new ConsumedState(StateCheck.Unknown, null);
        }
        var entity = response.Value!;
        if (entity.GetDateTimeOffset("ConsumedAt") is not null)
        {
            return new ConsumedState(StateCheck.Replayed, client);
        }
        if (entity.GetDateTimeOffset("ExpiresAt") is not { } expires || expires <= now)
        {
            return new ConsumedState(StateCheck.Expired, client);
        }
        // A state from before PKCE (no verifier kept) cannot prove its code: treat it as not ours.
        if (entity.GetString("CodeVerifier") is not { } verifier || !Pkce.IsVerifier(verifier) ||
            !Uri.TryCreate(entity.GetString("RedirectUri"), UriKind.Absolute, out var redirect))
        {
            return new ConsumedState(StateCheck.Unknown, null);
        }
        entity["ConsumedAt"] = now;
        try
        {
            await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return new ConsumedState(StateCheck.Replayed, client);
        }
        return new ConsumedState(StateCheck.Accepted, client, entity.GetString("UserKey"), verifier, redirect);
    }

    public async Task SavePendingAsync(PendingOnboarding pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var entity = new TableEntity(pending.Client.Value, "pending-" + pending.UserKey)
        {
            ["CustomerId"] = await protector.ProtectAsync(pending.CustomerId, PendingContext(pending.Client, pending.UserKey), cancellationToken).ConfigureAwait(false),
            ["Accounts"] = JsonSerializer.Serialize(pending.Accounts.Select(a => new StoredOffer(a.AccountId, a.AccountNumber, a.Name, a.AccountType, a.Balance.Ore, a.Available.Ore)), Json),
            ["CreatedAt"] = pending.CreatedAt,
            ["ExpiresAt"] = pending.ExpiresAt,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where a pending customer id lives: bound to its ciphertext.</summary>
    private static string PendingContext(ClientId client, string userKey) => $"{StorageNames.SbankenOnboardingTable}/{client.Value}/pending-{userKey}/CustomerId";

    /// <summary>The user's pending onboarding for the client; null when there is none or it expired.</summary>
    public async Task<PendingOnboarding?> GetPendingAsync(ClientId client, string userKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, "pending-" + userKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }
        var e = response.Value!;
        var expires = e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue;
        if (expires <= now)
        {
            return null;
        }
        var offers = JsonSerializer.Deserialize<List<StoredOffer>>(e.GetString("Accounts") ?? "[]", Json) ?? [];
        var customerId = await protector.UnprotectAsync(e.GetString("CustomerId") ?? "", PendingContext(client, userKey), cancellationToken).ConfigureAwait(false);
        return new PendingOnboarding(client, userKey, customerId,
            offers.Select(o => new OfferedAccount(o.AccountId, o.AccountNumber, o.Name, o.AccountType, new Money(o.BalanceOre), new Money(o.AvailableOre))).ToList(),
            e.GetDateTimeOffset("CreatedAt") ?? now, expires);
    }

    private sealed record StoredOffer(string AccountId, string AccountNumber, string Name, string? AccountType, long BalanceOre, long AvailableOre);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
