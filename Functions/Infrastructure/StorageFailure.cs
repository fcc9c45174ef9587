using System.Net.Sockets;
using Azure;

namespace Bankflow.Functions.Infrastructure;

/// <summary>
/// Telling "storage could not be reached" apart from other failures, in one place: the HTTP functions' 503 (see
/// <see cref="Http.HttpExceptionMiddleware"/>) and the health probe both ask here.
/// </summary>
public static class StorageFailure
{
    /// <summary>
    /// True when storage was unreachable or answered that it could not serve: no answer at all (refused or reset
    /// connections, timeouts: Azure.Core reports them as status 0), or a transient status (408, 429, 500, 502, 503, 504).
    /// When every try fails, the SDK's retry policy gives up with an <see cref="AggregateException"/> ("Retry failed
    /// after N tries") of the tries' exceptions, not with one of them. A storage answer that is about the request
    /// (404, 409, 412, …) is not an outage: it stays what it is.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => Describe(exception) is not null;

    /// <summary>
    /// Why storage is unavailable, in words fit for a problem's detail — never the exception's message, which names
    /// hosts and paths — or null when <paramref name="exception"/> is not a storage outage.
    /// </summary>
    public static string? Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } failed => failed.InnerException is { } inner ? Describe(inner) ?? "storage did not answer" : "storage did not answer",
        RequestFailedException { Status: 408 or 429 or 500 or 502 or 503 or 504 } failed => $"storage answered {failed.Status}{(string.IsNullOrEmpty(failed.ErrorCode) ? "" : $" ({failed.ErrorCode})")}",
        AggregateException { InnerExceptions.Count: > 0 } aggregate when aggregate.InnerExceptions.All(IsTry) =>
            $"{Describe(aggregate.InnerExceptions[^1]) ?? "storage did not answer in time"}, on each of {aggregate.InnerExceptions.Count} tries",
        HttpRequestException http => http.InnerException is { } inner ? Describe(inner) ?? "storage could not be reached" : "storage could not be reached",
        IOException { InnerException: SocketException socket } => Describe(socket),
        IOException => "the connection to storage broke",
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "storage refused the connection",
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "storage closed the connection",
            SocketError.TimedOut => "storage did not answer in time",
            SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable => "storage could not be reached",
            _ => $"network error ({socket.SocketErrorCode})",
        },
        TimeoutException => "storage did not answer in time",
        _ => null,
    };

    /// <summary>
    /// One failed try inside Azure.Core's "Retry failed" aggregate: an outage, or the per-try network timeout (which the
    /// SDK reports as a cancellation).
    /// </summary>
    private static bool IsTry(Exception exception) => exception is OperationCanceledException || IsUnavailable(exception);
}
