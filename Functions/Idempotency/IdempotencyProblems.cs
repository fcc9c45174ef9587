using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Idempotency;

/// <summary>The gate's own answers, problem+json naming the header. None of them is kept: nothing ran.</summary>
internal static class IdempotencyProblems
{
    public static IResult InvalidKey() => Problems.BadRequest(
        "invalid Idempotency-Key",
        $"an Idempotency-Key is one header of 1–{IdempotencyKeyHeader.MaxLength} visible ASCII characters (a UUID, for example)",
        IdempotencyKeyHeader.Name);

    public static IResult Mismatch() => Results.Problem(
        title: "Idempotency-Key already used for another request",
        detail: "this Idempotency-Key was used for a request with another method, path, query or body within its retention; " +
                "send a retry with the same bytes, or a new request with a new key",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: Field("used for another request"));

    public static IResult InProgress(HttpContext context)
    {
        // A retry a moment later gets the first request's answer.
        context.Response.Headers.RetryAfter = "1";
        return Results.Problem(
            title: "a request with this Idempotency-Key is in progress",
            detail: "the first request with this Idempotency-Key has not finished; retry shortly to get its answer",
            statusCode: StatusCodes.Status409Conflict,
            extensions: Field("in use by a request that has not finished"));
    }

    public static IResult TooLarge(long limit) =>
        Problems.TooLarge($"the body is larger than the limit of {limit:N0} bytes");

    private static Dictionary<string, object?> Field(string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [IdempotencyKeyHeader.Name] = [message] } };
}
