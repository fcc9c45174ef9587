using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Http;

/// <summary>
/// One function serves one host route with optional segments (<c>…/{id?}/{action?}</c>) and picks its operation
/// inside. A path no operation has is 404; a path that exists for another method is 405 with <c>Allow</c> — the
/// answers ASP.NET Core routing (with status-code pages) gave when each operation was its own endpoint.
/// </summary>
public static class RouteMiss
{
    public static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound);

    public static IResult MethodNotAllowed(HttpContext context, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>An optional route segment the request did not have (the host leaves it out or sends it empty).</summary>
    public static bool Absent(string? segment) => string.IsNullOrEmpty(segment);

    /// <summary>A literal route segment; routing matched them ignoring case.</summary>
    public static bool Is(string? segment, string literal) => string.Equals(segment, literal, StringComparison.OrdinalIgnoreCase);

    public static bool IsGet(HttpRequest request) => HttpMethods.IsGet(request?.Method ?? "");

    public static bool IsPost(HttpRequest request) => HttpMethods.IsPost(request?.Method ?? "");

    public static bool IsPut(HttpRequest request) => HttpMethods.IsPut(request?.Method ?? "");

    /// <summary>
    /// An optional boolean query parameter as minimal APIs bound <c>bool?</c>: absent or empty is null, text that is
    /// not a boolean is a 400 (a binding failure, answered by status-code pages).
    /// </summary>
    public static bool TryOptionalBool(HttpRequest request, string name, out bool? value, out IResult? failure)
    {
        ArgumentNullException.ThrowIfNull(request);
        value = null;
        failure = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }
        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }
        failure = Results.Problem(statusCode: StatusCodes.Status400BadRequest);
        return false;
    }
}
