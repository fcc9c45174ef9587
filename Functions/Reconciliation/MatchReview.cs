using Azure;
using Bankflow.Domain.Values;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Reconciliation;

public enum ReviewResult
{
    /// <summary>Done now, or done before (the same request again answers the same).</summary>
    Done,
    NotFound,

    /// <summary>The decision's state does not allow it (a confirmed match is final; a rejected one cannot be confirmed).</summary>
    Conflict,

    /// <summary>The decision changed since the ETag the caller sent (If-Match).</summary>
    PreconditionFailed,
}

/// <summary>What a person's confirm or reject came to.</summary>
/// <param name="Changed">This request changed the decision (false when it was so already).</param>
public sealed record ReviewAnswer(ReviewResult Result, MatchDecision? Decision, string? Reason = null, bool Changed = false);

/// <summary>
/// A person's word on an automatic match: <b>confirm</b> makes it final; <b>reject</b> frees its entry and items — the
/// entry is left to a person (unmatched, "rejected by a person", never matched automatically again) and the client is
/// reconciled again at once, so the items' settlement is right when the answer comes (or, when a run is under way, by
/// the run asked for). Both are replaces on the ETag read: two people acting on one match at once are told, not merged.
/// </summary>
public sealed partial class MatchReview(
    MatchStore matches,
    OutcomeStore outcomes,
    ReconcileClientUseCase reconcile,
    ReconcileRequests requests,
    TimeProvider time,
    ILogger<MatchReview> logger)
{
    private const int Attempts = 3;

    public Task<ReviewAnswer> ConfirmAsync(ClientId client, string matchId, string by, ETag? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(client, matchId, ifMatch, decision => decision.Decision switch
        {
            Decision.Confirmed => (ReviewResult.Done, null, null),
            Decision.Rejected => (ReviewResult.Conflict, null, $"the match was rejected on {Day(decision.RejectedAt)}; a rejected match cannot be confirmed"),
            _ => (ReviewResult.Done, decision with { Decision = Decision.Confirmed, ConfirmedAt = time.GetUtcNow(), ConfirmedBy = by }, null),
        }, cancellationToken);

    public async Task<ReviewAnswer> RejectAsync(ClientId client, string matchId, string by, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var answer = await ChangeAsync(client, matchId, ifMatch, decision => decision.Decision switch
        {
            Decision.Rejected => (ReviewResult.Done, null, null),
            Decision.Confirmed => (ReviewResult.Conflict, null, $"the match was confirmed on {Day(decision.ConfirmedAt)}; a confirmed match is final"),
            _ => (ReviewResult.Done, decision with { Decision = Decision.Rejected, RejectedAt = time.GetUtcNow(), RejectedBy = by }, null),
        }, cancellationToken).ConfigureAwait(false);
        if (answer is { Result: ReviewResult.Done, Changed: true, Decision: { } rejected })
        {
            // The entry is a person's now (the next run would write this too; written here so GET …/unmatched shows it at once).
            await outcomes.SaveAsync(ReconcileClientUseCase.RejectedOutcome(rejected, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            // Free the items: settle the client again now, or have the next run do it when one is under way.
            var run = await reconcile.RunAsync(client, cancellationToken).ConfigureAwait(false);
            if (run.State == ReconcileRunState.Busy)
            {
                await requests.RequestAsync(client, ReconcileRequests.BusyDelay, cancellationToken).ConfigureAwait(false);
            }
            LogRejected(logger, client.Value, matchId);
        }
        return answer;
    }

    private async Task<ReviewAnswer> ChangeAsync(ClientId client, string matchId, ETag? ifMatch,
        Func<MatchDecision, (ReviewResult Result, MatchDecision? Replacement, string? Reason)> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await matches.GetAsync(client, matchId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new ReviewAnswer(ReviewResult.NotFound, null);
            }
            if (ifMatch is { } expected && expected != ETag.All && expected != current.ETag)
            {
                return new ReviewAnswer(ReviewResult.PreconditionFailed, current, "the match changed since the ETag you sent; read it again");
            }
            var (result, replacement, reason) = decide(current);
            if (replacement is null)
            {
                return new ReviewAnswer(result, current, reason);
            }
            if (await matches.TryReplaceAsync(replacement, cancellationToken).ConfigureAwait(false))
            {
                return new ReviewAnswer(ReviewResult.Done, await matches.GetAsync(client, matchId, cancellationToken).ConfigureAwait(false) ?? replacement, Changed: true);
            }
            if (ifMatch is not null || attempt == Attempts)
            {
                // Someone changed it between our read and our write: with If-Match that is the caller's precondition; without,
                // it is read again and judged on what it is now.
                return new ReviewAnswer(ReviewResult.PreconditionFailed, current, "the match changed while this request was handled; read it again");
            }
        }
    }

    private static string Day(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "an earlier day";

    [LoggerMessage(Level = LogLevel.Information, Message = "Match {MatchId} of client {ClientId} rejected by a person; the client is reconciled again")]
    private static partial void LogRejected(ILogger logger, string clientId, string matchId);
}
