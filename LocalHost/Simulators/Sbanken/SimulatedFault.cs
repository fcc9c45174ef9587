namespace Bankflow.LocalHost.Simulators.Sbanken;

/// <summary>A fault the simulator answers the next data-API request with (one fault per request, in order).</summary>
public sealed record SimulatedFault(int Status, TimeSpan? RetryAfter = null, TimeSpan? Delay = null)
{
    /// <summary>429 Too Many Requests, with Retry-After in whole seconds.</summary>
    public static SimulatedFault TooManyRequests(int retryAfterSeconds) => new(429, TimeSpan.FromSeconds(retryAfterSeconds));

    public static SimulatedFault ServerError() => new(500);

    /// <summary>Answers normally but only after the delay (longer than the client's timeout = a timeout).</summary>
    public static SimulatedFault Slow(TimeSpan delay) => new(200, Delay: delay);
}
