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

    /// <summary>At most this many messages go into one answer's <c>errors</c>; the rest are counted in <c>omittedErrors</c>.</summary>
    public const int MaxErrors = 100;

    /// <summary>A message longer than this (one that echoes a long value) is cut.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>One message per offending field (validation of a request body); capped, see <see cref="Cap"/>.</summary>
    public static IResult Validation(IDictionary<string, string[]> errors)
    {
        var (shown, omitted) = Cap(errors);
        return Results.ValidationProblem(shown,
            detail: omitted > 0 ? OmittedDetail(shown, omitted) : null,
            title: "the request has invalid fields",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: omitted > 0 ? new Dictionary<string, object?> { ["omittedErrors"] = omitted } : null);
    }

    /// <summary>A problem whose detail joins the reasons and whose <c>errors</c> names them per field; capped like <see cref="Validation"/>.</summary>
    public static IResult WithErrors(string title, int statusCode, IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var (shown, omitted) = Cap(errors);
        var extensions = new Dictionary<string, object?> { ["errors"] = shown };
        if (omitted > 0)
        {
            extensions["omittedErrors"] = omitted;
        }
        var detail = string.Join(" ", shown.SelectMany(e => e.Value));
        return Results.Problem(title: title, detail: omitted > 0 ? $"{detail} ({OmittedDetail(shown, omitted)})" : detail, statusCode: statusCode, extensions: extensions);
    }

    /// <summary>
    /// The first <see cref="MaxErrors"/> messages in field order (each cut to <see cref="MaxMessageLength"/>) and how
    /// many were left out: a body with 100,000 bad fields gets a short answer, not one larger than itself.
    /// </summary>
    public static (Dictionary<string, string[]> Shown, int Omitted) Cap(IEnumerable<KeyValuePair<string, string[]>> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var count = 0;
        var omitted = 0;
        foreach (var (field, messages) in errors)
        {
            var room = Math.Max(0, MaxErrors - count);
            if (room > 0)
            {
                var kept = messages.Take(room).Select(Cut).ToArray();
                shown[Cut(field)] = kept;
                count += kept.Length;
            }
            omitted += messages.Length - Math.Min(room, messages.Length);
        }
        return (shown, omitted);
    }

    private static string OmittedDetail(Dictionary<string, string[]> shown, int omitted) =>
        $"the first {shown.Sum(e => e.Value.Length)} errors are listed; {omitted:N0} more were left out";

    private static string Cut(string text) => text.Length > MaxMessageLength ? text[..MaxMessageLength] + "…" : text;

    public static IResult Unauthorized(string detail) =>
        Results.Problem(title: "authentication required", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult Forbidden(string detail) =>
        Results.Problem(title: "forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult TooLarge(string detail) =>
        Results.Problem(title: "payload too large", detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The server refused the request body as it was read (Kestrel's limits): 413, 408 or 400 problem+json.</summary>
    public static IResult BodyRejected(int statusCode) => statusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => TooLarge("the request body is larger than this request accepts"),
        StatusCodes.Status408RequestTimeout => Results.Problem(title: "request timeout",
            detail: "the request body arrived slower than the minimum data rate; send it again on a faster connection", statusCode: StatusCodes.Status408RequestTimeout),
        _ => Results.Problem(title: "bad request", detail: "the request body could not be read", statusCode: StatusCodes.Status400BadRequest),
    };

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
