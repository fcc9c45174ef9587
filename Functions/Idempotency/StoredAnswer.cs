namespace Bankflow.Functions.Idempotency;

/// <summary>
/// An HTTP answer as the first request with a key got it: status, the headers the result set (Content-Type, Location…)
/// and the body's bytes. Replays write exactly these, so a retry reads what the first caller read.
/// </summary>
public sealed record StoredAnswer(int Status, IReadOnlyList<KeyValuePair<string, string[]>> Headers, byte[] Body)
{
    /// <summary>5xx answers are never kept: the request failed, and a retry with the same key runs again.</summary>
    public bool IsKept => Status < 500;
}
