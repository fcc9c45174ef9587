using System.Security.Cryptography;
using Azure;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Intake;

/// <summary>What waiting for a file's import came to: this attempt's claim, or the record another attempt decided.</summary>
/// <param name="Claim">This attempt holds the import; null when it was decided (see <paramref name="Record"/>).</param>
/// <param name="Record">The record as stored when the wait ended.</param>
/// <param name="Waited">Another attempt held the import at first sight: it was running concurrently with this one.</param>
public sealed record ClaimAcquisition(ImportClaim? Claim, FileImportRecord Record, bool Waited);

/// <summary>
/// One import of a file at a time, by a claim on its FileImports row (<see cref="FileImportStore.TryClaimAsync"/>).
/// Triggers are at-least-once, and two can fire for the same file at once (a retry overlapping a slow attempt, the same
/// bytes under two names, a host restart re-firing a blob it had not recorded). The first attempt claims the row; one
/// that finds it held waits until the holder decides (and then leaves the outcome and its event to the holder) or its
/// claim runs out. The claim runs out <see cref="IntakeOptions.ImportClaimDuration"/> after its last renewal; the holder
/// renews it every third of that while it imports, so a long import keeps it and a crashed one (a killed worker)
/// frees it within one duration. The decided record is written only on the claim's ETag: an attempt that lost its
/// claim (storage away for longer than the duration) cannot overwrite the outcome of the one that took over.
/// </summary>
public sealed partial class ImportClaim : IAsyncDisposable
{
    /// <summary>The longest pause between looks while another attempt holds the file.</summary>
    internal static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);

    private readonly FileImportStore _store;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewal;
    private ETag _etag;

    private ImportClaim(FileImportStore store, FileImportRecord record, ETag etag, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _store = store;
        Record = record;
        _etag = etag;
        _duration = duration;
        _time = time;
        _logger = logger;
        _renewal = RenewAsync();
    }

    /// <summary>The Received record as claimed: its receipt time is the first sight's (it fixes the archive path).</summary>
    public FileImportRecord Record { get; }

    /// <summary>Cancelled when the claim is found taken over: the import should stop, its outcome would be refused.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Claims the import of <paramref name="first"/>'s file, waiting while another attempt holds it. Returns the claim,
    /// or — when the file was decided, at first sight or while waiting — the decided record and no claim.
    /// </summary>
    public static async Task<ClaimAcquisition> AcquireAsync(FileImportStore store, FileImportRecord first, TimeSpan duration, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(time);
        if (duration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "an import claim must hold for at least a second");
        }
        var claimId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var waited = false;
        while (true)
        {
            var now = time.GetUtcNow();
            var look = await store.TryClaimAsync(first, claimId, now, now + duration, cancellationToken).ConfigureAwait(false);
            switch (look.Look)
            {
                case ClaimLook.Claimed:
                    if (waited)
                    {
                        LogTakenOver(logger, first.Client.Value, first.Sha256);
                    }
                    return new ClaimAcquisition(new ImportClaim(store, look.Record, look.ETag, duration, time, logger), look.Record, waited);
                case ClaimLook.Decided:
                    return new ClaimAcquisition(null, look.Record, waited);
                default:
                    if (!waited)
                    {
                        LogWaiting(logger, first.Client.Value, first.Sha256, look.Record.ClaimedUntil ?? now);
                    }
                    waited = true;
                    // Look again when the claim would run out, or sooner: the holder may decide before that.
                    var left = (look.Record.ClaimedUntil ?? now) - now;
                    var pause = left < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : left > MaxPoll ? MaxPoll : left;
                    await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>
    /// Records the decided outcome (Imported or Quarantined) on the claim: false when another attempt took the import
    /// over, in which case nothing was written.
    /// </summary>
    public async Task<bool> CommitAsync(FileImportRecord decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        await StopRenewingAsync().ConfigureAwait(false);
        return await _store.CommitAsync(decided with { ClaimId = Record.ClaimId }, _etag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Renews every third of the duration. A renewal that fails on storage is tried again at the next tick (the claim
    /// survives two missed ones); one that finds the claim gone cancels <see cref="Lost"/>. The request itself is not
    /// cancelled by stopping: a renewal that lands must be known, or the commit's ETag would be stale.
    /// </summary>
    private async Task RenewAsync()
    {
        var every = _duration / 3;
        while (true)
        {
            try
            {
                await Task.Delay(every, _time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var renewed = await _store.RenewClaimAsync(Record.Client, Record.Sha256, Record.ClaimId!, _etag, _time.GetUtcNow() + _duration, CancellationToken.None).ConfigureAwait(false);
                if (renewed is null)
                {
                    LogLost(_logger, Record.Client.Value, Record.Sha256);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
                _etag = renewed.Value;
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or IOException or HttpRequestException or OperationCanceledException)
            {
                LogRenewalFailed(_logger, Record.Client.Value, Record.Sha256, ex.GetType().Name);
            }
        }
    }

    private async Task StopRenewingAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        await _renewal.ConfigureAwait(false);
    }

    /// <summary>Stops renewing. An attempt that ends without committing leaves its claim to run out (a retry takes it then).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync().ConfigureAwait(false);
        _stop.Dispose();
        _lost.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File {Sha256} of client {ClientId} is being imported by another attempt (claimed until {Until:O}); waiting for it")]
    private static partial void LogWaiting(ILogger logger, string clientId, string sha256, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Sha256} of client {ClientId}: the other attempt's claim ran out without an outcome; this attempt takes the import over")]
    private static partial void LogTakenOver(ILogger logger, string clientId, string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Sha256} of client {ClientId}: the import claim was taken over by another attempt; this one stops")]
    private static partial void LogLost(ILogger logger, string clientId, string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Sha256} of client {ClientId}: renewing the import claim failed ({Failure}); trying again")]
    private static partial void LogRenewalFailed(ILogger logger, string clientId, string sha256, string failure);
}

/// <summary>An import attempt lost its claim to another (it ran past its claim); the other's outcome stands, the trigger retries this one.</summary>
public sealed class ImportClaimLostException(string message) : Exception(message);
