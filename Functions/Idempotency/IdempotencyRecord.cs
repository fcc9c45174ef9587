using Azure;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Idempotency;

/// <summary>Where a key stands: held by a running request, or done with its answer kept.</summary>
public enum KeyState
{
    InFlight,
    Completed,
}

/// <summary>
/// One client's use of one Idempotency-Key: the fingerprint of the request that claimed it, when (the key is kept
/// until <see cref="ExpiresAt"/>), until when a running request holds it, and — once done — the answer to replay.
/// <see cref="ClaimId"/> names one claim: a stale claim taken over by a later request cannot complete over it.
/// </summary>
public sealed record IdempotencyRecord(
    ClientId Client,
    string KeyHash,
    string RequestHash,
    KeyState State,
    string ClaimId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset LeaseUntil)
{
    /// <summary>The kept answer (only when <see cref="State"/> is Completed).</summary>
    public StoredAnswer? Answer { get; init; }

    public ETag ETag { get; init; }
}
