namespace Bankflow.Functions.Idempotency;

/// <summary>Idempotency-Key settings, from configuration section <c>Bankflow:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a key is remembered per client, counted from its first request (then it may be used afresh).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a request holds its key while it runs. host.json's <c>functionTimeout</c> (10 minutes) ends any
    /// invocation before that, so a claim older than this belongs to a process that died without recording an answer
    /// (killed, or storage unreachable when it tried): the next request with the key may run. Until then it gets 409.
    /// </summary>
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Largest JSON body the gate reads to fingerprint (413 above it, before anything runs). Equal to the remittance
    /// bodies' limit, the largest of the JSON endpoints.
    /// </summary>
    public long MaxJsonBodyBytes { get; set; } = 8L * 1024 * 1024;
}
