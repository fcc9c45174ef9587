using System.Globalization;
using Azure;
using Bankflow.Domain.Values;
using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Reconciliation;

/// <summary>Query parameters and answers shared by the reconciliation endpoints.</summary>
internal static class ReconciliationHttp
{
    /// <summary><c>continuationToken</c> (from the previous page) and <c>pageSize</c> (1–1000, default 500).</summary>
    public static bool TryPaging(HttpRequest request, out string? continuationToken, out int pageSize, out IResult? failure)
    {
        ArgumentNullException.ThrowIfNull(request);
        continuationToken = request.Query["continuationToken"].ToString() is { Length: > 0 } token ? token : null;
        pageSize = TablePaging.DefaultPageSize;
        failure = null;
        var text = request.Query["pageSize"].ToString();
        if (text.Length == 0)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) && pageSize is >= 1 and <= TablePaging.MaxPageSize)
        {
            return true;
        }
        failure = Problems.BadRequest("invalid pageSize", $"pageSize must be a whole number from 1 to {TablePaging.MaxPageSize}, found '{Shorten(text)}'", "pageSize");
        return false;
    }

    /// <summary>An optional date query parameter, yyyy-MM-dd.</summary>
    public static bool TryDate(HttpRequest request, string name, out DateOnly? date, out IResult? failure)
    {
        ArgumentNullException.ThrowIfNull(request);
        date = null;
        failure = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        failure = Problems.BadRequest($"invalid {name}", $"{name} must be a date as yyyy-MM-dd, found '{Shorten(text)}'", name);
        return false;
    }

    /// <summary>A page of a list: <c>{"items":[…],"continuationToken":…}</c> (null on the last page).</summary>
    public static IResult Page<T>(TablePage<T> page, Func<T, object> view) =>
        Results.Ok(new { items = page.Items.Select(view), continuationToken = page.ContinuationToken });

    /// <summary>The If-Match header, when sent.</summary>
    public static ETag? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.ToString() is { Length: > 0 } header ? new ETag(header) : null;

    public static void SetETag(HttpContext context, ETag etag)
    {
        if (etag != default)
        {
            context.Response.Headers.ETag = etag.ToString();
        }
    }

    public static IResult Conflict(string detail) =>
        Results.Problem(title: "conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static IResult PreconditionFailed(string detail) =>
        Results.Problem(title: "precondition failed", detail: detail, statusCode: StatusCodes.Status412PreconditionFailed);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
