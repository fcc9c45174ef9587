using System.Net.Sockets;
using Azure;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Tests.Infrastructure;

/// <summary>What counts as "storage unavailable" (503 and the health probe's reason) and what does not.</summary>
public sealed class StorageFailureTests
{
    public static TheoryData<string, Exception, string?> Cases() => new()
    {
        { "refused", new RequestFailedException(0, "x", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused))), "storage refused the connection" },
        { "reset", new RequestFailedException(0, "x", new HttpRequestException("x", new IOException("x", new SocketException((int)SocketError.ConnectionReset)))), "storage closed the connection" },
        { "no answer", new RequestFailedException(0, "x"), "storage did not answer" },
        { "busy", new RequestFailedException(503, "x", "ServerBusy", null), "storage answered 503 (ServerBusy)" },
        { "timeouts", new AggregateException("Retry failed after 4 tries.", Enumerable.Range(0, 4).Select(_ => new TaskCanceledException("timeout"))), "storage did not answer in time, on each of 4 tries" },
        { "conflict", new RequestFailedException(409, "x", "EntityAlreadyExists", null), null },
        { "not found", new RequestFailedException(404, "x", "TableNotFound", null), null },
        { "bug", new InvalidOperationException("x"), null },
        { "mixed aggregate", new AggregateException(new RequestFailedException(0, "x"), new InvalidOperationException("x")), null },
        { "cancelled alone", new OperationCanceledException(), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outages_are_told_apart_from_answers_about_the_request_and_from_bugs(string name, Exception exception, string? reason)
    {
        Assert.NotNull(name);
        Assert.Equal(reason, StorageFailure.Describe(exception));
        Assert.Equal(reason is not null, StorageFailure.IsUnavailable(exception));
    }
}
