namespace Bankflow.Testing.Faults;

/// <summary>What the fault proxy does to one request.</summary>
public enum FaultKind
{
    /// <summary>Forwarded untouched.</summary>
    None,

    /// <summary>Held back for a while, then forwarded.</summary>
    Latency,

    /// <summary>Answered 500 InternalError by the proxy; storage never sees the request.</summary>
    Status500,

    /// <summary>Answered 503 ServerBusy by the proxy; storage never sees the request.</summary>
    Status503,

    /// <summary>The connection is reset once the request is read; storage never sees it.</summary>
    ResetBeforeForward,

    /// <summary>
    /// Forwarded, storage's answer read — then the connection is reset: the write happened and the caller does not know
    /// (the case that makes a retried insert meet its own row).
    /// </summary>
    ResetAfterForward,
}

/// <summary>
/// The proxy's decisions, from a seed: each request draws the same amount of randomness whatever is decided, so a seed
/// gives the same sequence of decisions (which request gets which depends on the order requests arrive in). A share
/// <see cref="Rate"/> of requests gets a fault, the kinds equally often. Thread-safe.
/// </summary>
public sealed class FaultPlan(int seed, double rate)
{
    private static readonly FaultKind[] Kinds = [FaultKind.Latency, FaultKind.Status500, FaultKind.Status503, FaultKind.ResetBeforeForward, FaultKind.ResetAfterForward];

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public int Seed => seed;

    public double Rate => rate;

    /// <summary>Latency faults hold a request between 100 ms and this.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Off: every request is forwarded untouched (set-up and checks run without faults). On by default.</summary>
    public bool Enabled { get; set; } = true;

    private readonly List<(Func<string, bool> Matches, FaultKind Kind)> _once = [];

    /// <summary>
    /// The next request whose request line (<c>PUT /devstoreaccount1/inbox/…?comp=blocklist HTTP/1.1</c>) matches gets
    /// <paramref name="kind"/>, whatever the seed and <see cref="Enabled"/> say: a test of one fault at one place.
    /// </summary>
    public FaultPlan Once(Func<string, bool> matches, FaultKind kind)
    {
        lock (_gate)
        {
            _once.Add((matches, kind));
        }
        return this;
    }

    /// <summary>The decision for the next request (its request line, for <see cref="Once"/>).</summary>
    public (FaultKind Kind, TimeSpan Latency) Next(string requestLine)
    {
        lock (_gate)
        {
            var roll = _random.NextDouble();
            var kind = Kinds[_random.Next(Kinds.Length)];
            var latency = TimeSpan.FromMilliseconds(100 + (_random.NextDouble() * (MaxLatency.TotalMilliseconds - 100)));
            var targeted = _once.FindIndex(o => o.Matches(requestLine));
            if (targeted >= 0)
            {
                var once = _once[targeted].Kind;
                _once.RemoveAt(targeted);
                return (once, latency);
            }
            return Enabled && roll < rate ? (kind, latency) : (FaultKind.None, TimeSpan.Zero);
        }
    }
}
