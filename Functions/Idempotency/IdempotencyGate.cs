using System.Security.Cryptography;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> for any operation that creates or changes something. An endpoint authorises the caller
/// first (keys are per client), then hands its operation to <see cref="RunAsync"/> (a JSON or empty body, read here to
/// fingerprint it) or <see cref="RunStreamedAsync"/> (a streamed body, which the operation hashes as it reads it):
/// <list type="bullet">
/// <item>no header: the operation runs, nothing is recorded;</item>
/// <item>a key not seen for this client (or seen more than the retention ago): the request claims it with a
/// conditional insert — of any number of racing requests exactly one wins — runs, and its answer is kept
/// (unless it is a 5xx: then the key is released and a retry runs again);</item>
/// <item>the same key with the same request: the kept answer, byte for byte, and nothing runs;</item>
/// <item>the same key with another request: 422; while the first request still runs: 409.</item>
/// </list>
/// </summary>
public sealed partial class IdempotencyGate(IdempotencyStore store, IdempotencyOptions options, TimeProvider time, ILogger<IdempotencyGate> logger)
{
    /// <summary>A claim lost this many times in a row (each time to a request that then vanished) gives up with 409.</summary>
    private const int MaxClaimAttempts = 4;

    /// <summary>For an operation whose body is JSON (at most <see cref="IdempotencyOptions.MaxJsonBodyBytes"/>) or empty.</summary>
    public Task<IResult> RunAsync(HttpContext context, ClientId client, Func<Task<IResult>> operation) => RunAsync(context, client, [], operation);

    /// <inheritdoc cref="RunAsync(HttpContext, ClientId, Func{Task{IResult}})"/>
    /// <param name="fingerprintHeaders">Request headers that change what the operation does (part of "the same request").</param>
    public async Task<IResult> RunAsync(HttpContext context, ClientId client, IReadOnlyList<string> fingerprintHeaders, Func<Task<IResult>> operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operation);
        var scope = Scope(context, client, fingerprintHeaders, out var refusal);
        if (scope is null)
        {
            return refusal ?? await operation().ConfigureAwait(false);
        }
        var request = context.Request;
        if (request.ContentLength > options.MaxJsonBodyBytes)
        {
            return IdempotencyProblems.TooLarge(options.MaxJsonBodyBytes);
        }
        // Buffered (in memory up to 30 KB, beyond that in a temporary file) so the operation reads the body again.
        request.EnableBuffering();
        var digest = await RequestFingerprint.HashBodyAsync(request.Body, options.MaxJsonBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (digest is null)
        {
            return IdempotencyProblems.TooLarge(options.MaxJsonBodyBytes);
        }
        request.Body.Position = 0;
        var claim = new IdempotencyClaim(this, context, scope);
        return await ClaimAsync(claim, context, digest, context.RequestAborted).ConfigureAwait(false)
               ?? await FinishAsync(claim, context, operation).ConfigureAwait(false);
    }

    /// <summary>
    /// For an operation that streams its body (uploads): it reads and hashes the body itself and calls
    /// <see cref="IdempotencyClaim.TryClaimAsync"/> before it changes anything. When the key was already answered the
    /// body is hashed here as it streams (at most <paramref name="maxBodyBytes"/>, never held) to tell a replay from
    /// another request, and the operation does not run.
    /// </summary>
    public async Task<IResult> RunStreamedAsync(HttpContext context, ClientId client, long maxBodyBytes, IReadOnlyList<string> fingerprintHeaders, Func<IdempotencyClaim, Task<IResult>> operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operation);
        var scope = Scope(context, client, fingerprintHeaders, out var refusal);
        if (scope is null)
        {
            return refusal ?? await operation(IdempotencyClaim.None).ConfigureAwait(false);
        }
        var existing = await store.GetAsync(scope.Client, scope.KeyHash, context.RequestAborted).ConfigureAwait(false);
        switch (KeyRules.Judge(existing, null, time.GetUtcNow()))
        {
            case KeyVerdict.InProgress:
                LogInProgress(logger, scope.Client.Value, Short(scope));
                return IdempotencyProblems.InProgress(context);
            case KeyVerdict.NeedBody:
                var digest = await RequestFingerprint.HashBodyAsync(context.Request.Body, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
                // A body over the limit was never answered under any key: it is another request.
                var fingerprint = digest is null ? "" : RequestFingerprint.Of(context.Request, digest, scope.FingerprintHeaders);
                return Decide(context, scope, existing!, fingerprint) ?? throw new InvalidOperationException("an answered key is never free");
        }
        var claim = new IdempotencyClaim(this, context, scope);
        return await FinishAsync(claim, context, () => operation(claim)).ConfigureAwait(false);
    }

    /// <summary>Claims the key for the request with this body, or says what to answer instead.</summary>
    internal async Task<IResult?> ClaimAsync(IdempotencyClaim claim, HttpContext context, string bodySha256, CancellationToken cancellationToken)
    {
        var scope = claim.Scope!;
        var fingerprint = RequestFingerprint.Of(context.Request, bodySha256, scope.FingerprintHeaders);
        var (method, path) = (context.Request.Method, (context.Request.PathBase + context.Request.Path).ToString());
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var existing = await store.GetAsync(scope.Client, scope.KeyHash, cancellationToken).ConfigureAwait(false);
            if (Decide(context, scope, existing, fingerprint) is { } answer)
            {
                return answer;
            }
            var now = time.GetUtcNow();
            var record = new IdempotencyRecord(scope.Client, scope.KeyHash, fingerprint, KeyState.InFlight, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                now, now + options.Retention, now + options.InFlightLease);
            claim.Held = existing is null
                ? await store.TryAddAsync(record, method, path, cancellationToken).ConfigureAwait(false)
                : await store.TryReplaceAsync(record, existing.ETag, method, path, cancellationToken).ConfigureAwait(false);
            if (claim.Held is not null)
            {
                return null;
            }
            // Another request claimed it between our read and our write: look again.
        }
        return IdempotencyProblems.InProgress(context);
    }

    /// <summary>The answer for a key someone holds or held (replay, 422, 409); null when this request may claim it.</summary>
    private IResult? Decide(HttpContext context, KeyScope scope, IdempotencyRecord? existing, string fingerprint)
    {
        switch (KeyRules.Judge(existing, fingerprint, time.GetUtcNow()))
        {
            case KeyVerdict.Replay:
                LogReplayed(logger, scope.Client.Value, Short(scope), existing!.Answer?.Status ?? 0);
                return new AnswerResult(existing.Answer ?? throw new InvalidOperationException("an answered idempotency key lost its answer"), replayed: true);
            case KeyVerdict.Mismatch:
                LogMismatch(logger, scope.Client.Value, Short(scope));
                return IdempotencyProblems.Mismatch();
            case KeyVerdict.InProgress:
                LogInProgress(logger, scope.Client.Value, Short(scope));
                return IdempotencyProblems.InProgress(context);
            default:
                return null;
        }
    }

    /// <summary>Runs the operation; keeps its answer if it claimed the key, or gives the key up if it failed.</summary>
    private async Task<IResult> FinishAsync(IdempotencyClaim claim, HttpContext context, Func<Task<IResult>> operation)
    {
        StoredAnswer answer;
        try
        {
            var result = await operation().ConfigureAwait(false);
            if (claim.Held is null)
            {
                return result; // refused before it claimed (too large, empty…): nothing was done, nothing to keep
            }
            answer = await AnswerCapture.CaptureAsync(result, context).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // It failed (a 500 follows) or the caller went away: the outcome is not an answer to keep.
            await ReleaseAsync(claim).ConfigureAwait(false);
            throw;
        }
        var held = claim.Held;
        var scope = claim.Scope!;
        if (!answer.IsKept)
        {
            LogReleased(logger, scope.Client.Value, Short(scope), answer.Status);
            await ReleaseAsync(claim).ConfigureAwait(false);
            return new AnswerResult(answer, replayed: false);
        }
        try
        {
            var path = (context.Request.PathBase + context.Request.Path).ToString();
            // Not the request's token: the operation is done, and its answer is kept even if the caller has gone.
            if (!await store.TryCompleteAsync(held, context.Request.Method, path, answer, CancellationToken.None).ConfigureAwait(false))
            {
                LogTakenOver(logger, scope.Client.Value, Short(scope));
            }
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            // Done but not recorded: the caller still gets the answer; the key stays in progress until its lease ends.
            LogNotKept(logger, ex, scope.Client.Value, Short(scope));
        }
        return new AnswerResult(answer, replayed: false);
    }

    private async Task ReleaseAsync(IdempotencyClaim claim)
    {
        if (claim.Held is not { } held)
        {
            return;
        }
        try
        {
            await store.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex))
        {
            // The lease frees the key later.
            LogNotReleased(logger, ex, held.Client.Value, held.KeyHash[..12]);
        }
    }

    private static KeyScope? Scope(HttpContext context, ClientId client, IReadOnlyList<string> fingerprintHeaders, out IResult? refusal)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fingerprintHeaders);
        refusal = null;
        switch (IdempotencyKeyHeader.Read(context.Request, out var key))
        {
            case KeyPresence.Absent:
                return null;
            case KeyPresence.Invalid:
                refusal = IdempotencyProblems.InvalidKey();
                return null;
            default:
                return new KeyScope(client, IdempotencyKeyHeader.RowKey(key), fingerprintHeaders);
        }
    }

    /// <summary>Enough of the key's hash to find its row; never the key.</summary>
    private static string Short(KeyScope scope) => scope.KeyHash[..12];

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Idempotency key {KeyHash} of client {ClientId}: answer {Status} replayed")]
    private static partial void LogReplayed(ILogger logger, string clientId, string keyHash, int status);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Idempotency key {KeyHash} of client {ClientId}: used for another request (422)")]
    private static partial void LogMismatch(ILogger logger, string clientId, string keyHash);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Idempotency key {KeyHash} of client {ClientId}: its first request is still running (409)")]
    private static partial void LogInProgress(ILogger logger, string clientId, string keyHash);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Idempotency key {KeyHash} of client {ClientId}: answer {Status} not kept, key released")]
    private static partial void LogReleased(ILogger logger, string clientId, string keyHash, int status);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Idempotency key {KeyHash} of client {ClientId}: claimed by a later request after this one's lease ran out; its answer is not kept")]
    private static partial void LogTakenOver(ILogger logger, string clientId, string keyHash);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Idempotency key {KeyHash} of client {ClientId}: the answer could not be kept; the key stays in progress until its lease ends")]
    private static partial void LogNotKept(ILogger logger, Exception exception, string clientId, string keyHash);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Idempotency key {KeyHash} of client {ClientId}: could not be released; it is free when its lease ends")]
    private static partial void LogNotReleased(ILogger logger, Exception exception, string clientId, string keyHash);
}
