using System.Text.Json;
using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Collection;

/// <summary>Collection outcomes as HTTP answers: every refusal problem+json with the reason (and the field when there is one).</summary>
public static class CollectionHttp
{
    public static IResult Answer<T>(CollectionOutcome<T> outcome, Func<T, object> view, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(view);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => Results.Ok(view(outcome.Value!)),
            OutcomeKind.Created => Results.Json(view(outcome.Value!), JsonSerializerOptions.Web, statusCode: StatusCodes.Status201Created),
            _ => Refusal(outcome.Kind, outcome.Reason!, outcome.Field),
        };
    }

    public static IResult Refusal(OutcomeKind kind, string reason, string? field = null)
    {
        var extensions = field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } };
        return kind switch
        {
            OutcomeKind.NotFound => Results.Problem(title: "not found", detail: reason, statusCode: StatusCodes.Status404NotFound, extensions: extensions),
            OutcomeKind.Invalid => Problems.BadRequest("the request has invalid fields", reason, field),
            OutcomeKind.Precondition => Results.Problem(title: "precondition failed", detail: reason, statusCode: StatusCodes.Status412PreconditionFailed),
            OutcomeKind.Forbidden => Problems.Forbidden(reason),
            _ => Results.Problem(title: "conflict", detail: reason, statusCode: StatusCodes.Status409Conflict, extensions: extensions),
        };
    }
}
