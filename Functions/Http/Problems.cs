using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Http;

/// <summary>RFC 9457 problem+json answers. Messages say what to fix and never echo secrets or personal data.</summary>
public static class Problems
{
    public static IResult BadRequest(string title, string detail, string? field = null) =>
        Results.Problem(
            title: title,
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>One message per offending field (validation of a request body).</summary>
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "the request has invalid fields", statusCode: StatusCodes.Status400BadRequest);

    public static IResult Unauthorized(string detail) =>
        Results.Problem(title: "authentication required", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult Forbidden(string detail) =>
        Results.Problem(title: "forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult TooLarge(string detail) =>
        Results.Problem(title: "payload too large", detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>An unexpected failure: the defaults of a 500 problem, no detail (nothing internal leaks).</summary>
    public static IResult Unexpected() => Results.Problem(statusCode: StatusCodes.Status500InternalServerError);

    public static IResult Unavailable(string detail) =>
        Results.Problem(title: "service unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// Storage could not be reached (or answered that it could not serve) after the SDK's retries: 503 with the reason
    /// (<see cref="Infrastructure.StorageFailure.Describe"/>) under <c>reason</c> and <c>storage-unavailable</c> as
    /// <c>code</c>, so a caller can tell an outage (try again) from a failure of its request.
    /// </summary>
    public static IResult StorageUnavailable(string reason) =>
        Results.Problem(
            title: "storage unavailable",
            detail: $"Bankflow's storage is unavailable ({reason}); try again in a few seconds",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["code"] = StorageUnavailableCode, ["reason"] = reason });

    /// <summary>The <c>code</c> of a storage-outage problem.</summary>
    public const string StorageUnavailableCode = "storage-unavailable";

    /// <summary>Seconds a caller should wait before trying again after a storage outage (the <c>Retry-After</c> header).</summary>
    public const int StorageRetryAfterSeconds = 5;
}
