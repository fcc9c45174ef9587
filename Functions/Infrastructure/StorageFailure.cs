using Azure;

namespace Bankflow.Functions.Infrastructure;

/// <summary>Telling "storage could not be reached" apart from other failures.</summary>
public static class StorageFailure
{
    /// <summary>
    /// True for a storage error or an unreachable account. When every try fails without an answer, the SDK's retry
    /// policy gives up with an <see cref="AggregateException"/> of the tries' <see cref="RequestFailedException"/>s
    /// (status 0), not with one of them.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException or HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        _ => false,
    };
}
