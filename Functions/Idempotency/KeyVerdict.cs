namespace Bankflow.Functions.Idempotency;

/// <summary>What a request with a key may do, given what the key's record says.</summary>
public enum KeyVerdict
{
    /// <summary>No live record: this request may claim the key and run.</summary>
    Claim,
    /// <summary>The same request was answered: send that answer again, do nothing.</summary>
    Replay,
    /// <summary>The key was used for another request (method, path, query or body): 422.</summary>
    Mismatch,
    /// <summary>A request with this key is still running: 409, try again later.</summary>
    InProgress,
    /// <summary>The key was answered, and only the body's hash can tell replay from mismatch (a streamed body not read yet).</summary>
    NeedBody,
}

/// <summary>The rules, apart from storage and HTTP.</summary>
public static class KeyRules
{
    /// <param name="existing">The key's record, if any.</param>
    /// <param name="fingerprint">This request's fingerprint, or null while its streamed body is unread.</param>
    /// <param name="now">The time of the decision.</param>
    public static KeyVerdict Judge(IdempotencyRecord? existing, string? fingerprint, DateTimeOffset now)
    {
        if (existing is null || now >= existing.ExpiresAt)
        {
            return KeyVerdict.Claim; // never used, or kept for its full retention: the key is free again
        }
        if (existing.State == KeyState.InFlight && now >= existing.LeaseUntil)
        {
            return KeyVerdict.Claim; // its request died without an answer (no invocation outlives the lease)
        }
        if (fingerprint is not null && !string.Equals(existing.RequestHash, fingerprint, StringComparison.Ordinal))
        {
            return KeyVerdict.Mismatch;
        }
        if (existing.State == KeyState.InFlight)
        {
            return KeyVerdict.InProgress;
        }
        return fingerprint is null ? KeyVerdict.NeedBody : KeyVerdict.Replay;
    }
}
