namespace Bankflow.Functions.Sbanken;

/// <summary>
/// Sbanken could not be reached or refused. <see cref="Transient"/> faults (429, 5xx, timeouts) were retried
/// until the attempts ran out; others (4xx) were not retried. Messages never hold tokens or secrets.
/// </summary>
public class SbankenApiException(string message, int? status, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;

    public bool Transient { get; } = transient;
}

/// <summary>Sbanken answered, but not in the shape of the contract.</summary>
public sealed class SbankenContractException(string message) : SbankenApiException(message, null, false);
