using System.Security.Cryptography;
using System.Text;
using Azure;
using Bankflow.Domain.Dnb;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Remittance;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Dnb;

/// <summary>What starting an order came to: the rules' refusals, or the stored order and the wizard link.</summary>
public sealed record DnbOrderStart(IReadOnlyList<FieldIssue> Errors, StoredDnbOrder? Order, Uri? WizardUrl);

public enum DnbCallbackResult
{
    /// <summary>Applied now: agreements filled (or the failure recorded) and notifications written.</summary>
    Applied,

    /// <summary>This very callback was applied before: nothing changed.</summary>
    Duplicate,

    /// <summary>The state names no order of ours (or not this one).</summary>
    UnknownOrder,

    /// <summary>The order waited longer than <see cref="DnbOptions.OrderLifetime"/>.</summary>
    Expired,

    /// <summary>The callback does not fit the order (an account not in it, one missing, OCR without its KID setup).</summary>
    Invalid,

    /// <summary>Another callback completed the order, or this callback id came before with other content.</summary>
    Conflict,
}

public sealed record DnbCallbackOutcome(DnbCallbackResult Result, StoredDnbOrder? Order, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// The DNB ordering use cases (seed 001): start an order (rules against the client's registered accounts, a single-use
/// state bound to client, user and order, the wizard link), and DNB's callback (state check, claim, agreements filled,
/// notifications). A refused callback writes nothing; the same callback again changes nothing.
/// </summary>
public sealed partial class DnbOrderService(
    DnbOptions options,
    DnbOrderStore orders,
    AgreementStore agreements,
    NotificationStore notifications,
    TimeProvider time,
    ILogger<DnbOrderService> logger)
{
    private const int MaxTurns = 10;

    public async Task<DnbOrderStart> StartAsync(ClientId client, string userSubject, DnbOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var registered = await agreements.ListAsync(client, cancellationToken).ConfigureAwait(false);
        var errors = DnbOrderRules.Validate(request, registered.Select(a => a.Agreement).ToList());
        if (errors.Count > 0)
        {
            return new DnbOrderStart(errors, null, null);
        }
        var now = time.GetUtcNow();
        var orderId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var order = new StoredDnbOrder(client, orderId, DnbOrderStore.UserKey(userSubject), DnbOrderStore.Hash(secret), request, now, now + options.OrderLifetime);
        await orders.AddAsync(order, cancellationToken).ConfigureAwait(false);
        // The state names client and order so the callback finds the row; the random part is the secret, stored only as a hash.
        var state = $"{client.Value}.{orderId}.{secret}";
        LogOrdered(logger, client.Value, orderId, request.Lines.Count);
        return new DnbOrderStart([], order, DnbWizardLink.Build(options.WizardUrl!, new DnbWizardRequest(state, request.Lines, request.ClientKidSetup)));
    }

    public Task<IReadOnlyList<StoredDnbOrder>> ListAsync(ClientId client, CancellationToken cancellationToken) => orders.ListAsync(client, cancellationToken);

    public Task<StoredDnbOrder?> GetAsync(ClientId client, string orderId, CancellationToken cancellationToken) =>
        IsOrderId(orderId) ? orders.GetAsync(client, orderId, cancellationToken) : Task.FromResult<StoredDnbOrder?>(null);

    /// <param name="callback">The callback, its signature already checked.</param>
    /// <param name="body">The body as signed, for the claim's hash.</param>
    public async Task<DnbCallbackOutcome> CallbackAsync(DnbCallback callback, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var order = await FindAsync(callback.State, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return Refused(DnbCallbackResult.UnknownOrder, null, "the state names no DNB order of Bankflow's");
        }
        for (var turn = 1; ; turn++)
        {
            if (order.Status != DnbOrderStatus.Pending)
            {
                if (order.CallbackId != callback.CallbackId)
                {
                    return Refused(DnbCallbackResult.Conflict, order, $"order {order.OrderId} was completed by another callback; its state is single use");
                }
                if (order.BodyHash != bodyHash)
                {
                    return Refused(DnbCallbackResult.Conflict, order, $"callback {callback.CallbackId} was received before with other content");
                }
                if (order.Status != DnbOrderStatus.Completing)
                {
                    LogDuplicate(logger, order.Client.Value, order.OrderId);
                    return new DnbCallbackOutcome(DnbCallbackResult.Duplicate, order);
                }
                // Claimed by this very callback, which stopped before finishing (a crash, a timeout): finish it.
                break;
            }
            if (time.GetUtcNow() > order.ExpiresAt)
            {
                return Refused(DnbCallbackResult.Expired, order, $"order {order.OrderId} expired at {order.ExpiresAt:O}; start a new order");
            }
            if (Check(order, callback) is { Count: > 0 } errors)
            {
                LogRefused(logger, DnbCallbackResult.Invalid.ToString());
                return new DnbCallbackOutcome(DnbCallbackResult.Invalid, order, "the callback does not fit the order", errors);
            }
            var claimed = await orders.TryUpdateAsync(order with { Status = DnbOrderStatus.Completing, CallbackId = callback.CallbackId, BodyHash = bodyHash }, cancellationToken).ConfigureAwait(false);
            if (claimed is not null)
            {
                order = claimed;
                break;
            }
            if (turn == MaxTurns)
            {
                throw new InvalidOperationException($"DNB order {order.OrderId} kept changing while a callback claimed it");
            }
            // Another callback changed the row first: decide again on what it wrote.
            order = await orders.GetAsync(order.Client, order.OrderId, cancellationToken).ConfigureAwait(false) ?? order;
        }
        return await ApplyAsync(order, callback, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredDnbOrder?> FindAsync(string state, CancellationToken cancellationToken)
    {
        var parts = state.Split('.');
        if (parts.Length != 3 || !ClientId.TryParse(parts[0], out var client, out _) || !IsOrderId(parts[1]) || parts[2].Length is < 20 or > 100)
        {
            return null;
        }
        var order = await orders.GetAsync(client!, parts[1], cancellationToken).ConfigureAwait(false);
        var given = Encoding.ASCII.GetBytes(DnbOrderStore.Hash(parts[2]));
        return order is not null && CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(order.StateHash)) ? order : null;
    }

    /// <summary>The callback's accounts against the order's: the same accounts, each once, OCR ones with their KID setup.</summary>
    private static Dictionary<string, string[]> Check(StoredDnbOrder order, DnbCallback callback)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!callback.Registered)
        {
            return errors;
        }
        var ordered = order.Request.Lines.ToDictionary(l => l.Account);
        var seen = new HashSet<AccountNumber>();
        for (var i = 0; i < callback.Accounts.Count; i++)
        {
            var account = callback.Accounts[i];
            if (!ordered.TryGetValue(account.Account, out var line))
            {
                errors[$"accounts[{i}].accountNumber"] = [$"{account.Account.Formatted} is not in order {order.OrderId}"];
            }
            else if (!seen.Add(account.Account))
            {
                errors[$"accounts[{i}].accountNumber"] = [$"{account.Account.Formatted} is in the callback twice"];
            }
            else if (line.Services.HasFlag(DnbServices.Ocr) && account.OcrKidSetup is null)
            {
                errors[$"accounts[{i}].ocr"] = ["OCR was ordered on this account: the registered OCR agreement's KID setup is required"];
            }
        }
        var missing = order.Request.Lines.Where(l => !seen.Contains(l.Account)).Select(l => l.Account.Formatted).ToList();
        if (missing.Count > 0 && errors.Count == 0)
        {
            errors["accounts"] = [$"the order's account(s) {string.Join(", ", missing)} are missing from the callback"];
        }
        return errors;
    }

    private async Task<DnbCallbackOutcome> ApplyAsync(StoredDnbOrder order, DnbCallback callback, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var problems = new List<string>();
        if (callback.Registered)
        {
            foreach (var registered in callback.Accounts)
            {
                var line = order.Request.Lines.Single(l => l.Account == registered.Account);
                var outcome = await SaveAgreementAsync(order, line, registered, now, cancellationToken).ConfigureAwait(false);
                await NotifyAsync(order, line, registered, outcome, cancellationToken).ConfigureAwait(false);
                problems.AddRange(new[] { outcome.KidMismatch, outcome.RgbRefusal }.OfType<string>());
            }
        }
        else
        {
            await notifications.AddOnceAsync(new Notification(order.Client, Notification.CreateId(order.CreatedAt, "DnbOrderFailed", order.OrderId), NotificationSeverity.Error,
                "DnbOrderFailed", $"DNB could not register the order of {string.Join(", ", order.Request.Lines.Select(l => l.Account.Formatted))}",
                $"DNB's reason: {callback.Reason}. Nothing was changed in the bank account settings; correct what DNB names and order again.", now)
            {
                Subject = order.OrderId,
            }, cancellationToken).ConfigureAwait(false);
        }
        var done = order with
        {
            Status = callback.Registered ? DnbOrderStatus.Registered : DnbOrderStatus.Failed,
            CompletedAt = now,
            FailureReason = callback.Registered ? null : callback.Reason,
            Problems = problems,
        };
        var written = await orders.TryUpdateAsync(done, cancellationToken).ConfigureAwait(false);
        if (written is null)
        {
            // Only a retry of this same callback can hold the claim; it finished first and wrote the same.
            written = await orders.GetAsync(order.Client, order.OrderId, cancellationToken).ConfigureAwait(false) ?? done;
        }
        LogApplied(logger, order.Client.Value, order.OrderId, DnbOrderJson.StatusName(written.Status), problems.Count);
        return new DnbCallbackOutcome(DnbCallbackResult.Applied, written);
    }

    private async Task<DnbAccountOutcome> SaveAgreementAsync(StoredDnbOrder order, DnbOrderLine line, DnbRegisteredAccount registered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var turn = 1; ; turn++)
        {
            // The order's rules required the account's settings; they cannot be deleted through the API.
            var stored = await agreements.GetAsync(order.Client, line.Account, cancellationToken).ConfigureAwait(false)
                         ?? throw new InvalidOperationException($"the agreement settings of an account of DNB order {order.OrderId} are gone");
            var outcome = DnbRegistration.Apply(stored.Agreement, line, order.Request.FeeLedgerAccount, registered, order.Request.ClientKidSetup);
            try
            {
                var write = await agreements.SaveAsync(stored with { Agreement = outcome.Agreement, UpdatedAt = now }, stored.ETag, cancellationToken).ConfigureAwait(false);
                if (!write.IsWritten)
                {
                    throw new InvalidOperationException($"DNB order {order.OrderId}: the account's ledger account is held by another account");
                }
                return outcome;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && turn < MaxTurns)
            {
                // The settings changed between read and write: apply DNB's values to the new settings.
            }
        }
    }

    private async Task NotifyAsync(StoredDnbOrder order, DnbOrderLine line, DnbRegisteredAccount registered, DnbAccountOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var account = line.Account;
        var services = DnbServiceNames.Names(line.Services).Concat(line.AccountingApprovedPayments ? ["accounting-approved payments (RgB)"] : []);
        // Ids from the order and account: a retried callback never notifies twice.
        var subject = $"{order.OrderId}|{account.Value}";
        await notifications.AddOnceAsync(new Notification(order.Client, Notification.CreateId(order.CreatedAt, "DnbAgreementRegistered", subject), NotificationSeverity.Information,
            "DnbAgreementRegistered", $"DNB agreement registered for {account.Formatted}: {string.Join(", ", services)}",
            $"AvtaleID {registered.AvtaleId}, division {registered.Division.Name} ({registered.Division.Number}) filled in on the bank account. "
            + "The Nets OCR AvtaleID is not filled in (DNB has no access to it); OCR import does not need it.", now)
        {
            Subject = account.Value,
        }, cancellationToken).ConfigureAwait(false);
        if (outcome.KidMismatch is { } mismatch)
        {
            await notifications.AddOnceAsync(new Notification(order.Client, Notification.CreateId(order.CreatedAt, "DnbKidMismatch", subject), NotificationSeverity.Error,
                "DnbKidMismatch", $"The KID setup of DNB's OCR agreement for {account.Formatted} does not match the invoice settings", mismatch, now)
            {
                Subject = account.Value,
            }, cancellationToken).ConfigureAwait(false);
        }
        if (outcome.RgbRefusal is { } refusal)
        {
            await notifications.AddOnceAsync(new Notification(order.Client, Notification.CreateId(order.CreatedAt, "DnbRgbRefused", subject), NotificationSeverity.Error,
                "DnbRgbRefused", $"Accounting-approved payments (RgB) not switched on for {account.Formatted}", refusal, now)
            {
                Subject = account.Value,
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private DnbCallbackOutcome Refused(DnbCallbackResult result, StoredDnbOrder? order, string detail)
    {
        LogRefused(logger, result.ToString());
        return new DnbCallbackOutcome(result, order, detail);
    }

    internal static bool IsOrderId(string? text) => text is { Length: 16 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "DNB order {OrderId} of client {ClientId} started: {Accounts} account(s)")]
    private static partial void LogOrdered(ILogger logger, string clientId, string orderId, int accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNB callback refused: {Result}")]
    private static partial void LogRefused(ILogger logger, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "DNB callback for order {OrderId} of client {ClientId} received again: nothing changed")]
    private static partial void LogDuplicate(ILogger logger, string clientId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "DNB order {OrderId} of client {ClientId} completed: {Status}, {Problems} problem(s) notified")]
    private static partial void LogApplied(ILogger logger, string clientId, string orderId, string status, int problems);
}
