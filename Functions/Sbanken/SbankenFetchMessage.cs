namespace Bankflow.Functions.Sbanken;

/// <summary>
/// One account's fetch, on the <c>sbanken-fetch</c> queue: from the morning fan-out (no <see cref="From"/>:
/// every unread day from the start date) or from a completed onboarding (a backfill from the start date).
/// Dates are yyyy-MM-dd (Oslo business dates). Property names avoid Id/MessageId/DequeueCount, which the
/// host would let shadow its own metadata.
/// </summary>
public sealed record SbankenFetchMessage(string ClientId, string AccountNumber, string? From, string Through, string Reason)
{
    public const string Morning = "morning";
    public const string Backfill = "backfill";
}
