using System.Net;
using System.Text;

namespace Bankflow.Functions.Tests.Sbanken;

/// <summary>Answers requests from a script (one function per request, in order); records what was asked.</summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] script) : HttpMessageHandler
{
    private int _next;

    public List<string> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
        }
        var step = Interlocked.Increment(ref _next) - 1;
        if (step >= script.Length)
        {
            throw new InvalidOperationException($"unexpected request {step + 1}: {request.RequestUri}");
        }
        return script[step](request, cancellationToken);
    }

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status, TimeSpan? retryAfter = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            if (retryAfter is { } after)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
            }
            return Task.FromResult(response);
        };

    /// <summary>Never answers until the request's own timeout cancels it.</summary>
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

    public static readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Token =
        Json("""{"access_token":"app-token","expires_in":3600,"token_type":"Bearer"}""");
}
