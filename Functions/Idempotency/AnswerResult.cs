using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Idempotency;

/// <summary>Writes a <see cref="StoredAnswer"/>: the first answer, or its replay (marked with <c>Idempotency-Replayed: true</c>).</summary>
internal sealed class AnswerResult(StoredAnswer answer, bool replayed) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => answer.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = answer.Status;
        foreach (var (name, values) in answer.Headers)
        {
            response.Headers[name] = values;
        }
        if (replayed)
        {
            response.Headers[IdempotencyKeyHeader.ReplayedHeader] = "true";
        }
        response.ContentLength = answer.Body.Length;
        if (answer.Body.Length > 0)
        {
            await response.Body.WriteAsync(answer.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
