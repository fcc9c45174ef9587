using System.Text.Json;
using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Remittance;

/// <summary>HTTP plumbing shared by the agreement and payment-batch endpoints: bounded JSON bodies and problem answers.</summary>
internal static class RemittanceHttp
{
    /// <summary>9 999 payments of a few hundred bytes each fit comfortably.</summary>
    public const long MaxBodyBytes = 8L * 1024 * 1024;

    /// <summary>The request body as a JSON object, or the problem to answer (empty, too large, not JSON, not an object).</summary>
    public static Task<(JsonDocument? Document, IResult? Failure)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.ReadObjectAsync(request, MaxBodyBytes, cancellationToken);

    /// <summary>409 with the reasons per field: the request is well-formed but the batch's state does not allow it.</summary>
    public static IResult Conflict(string title, IReadOnlyDictionary<string, string[]> errors) =>
        Problems.WithErrors(title, StatusCodes.Status409Conflict, errors);

    public static IResult PreconditionFailed(string detail) =>
        Results.Problem(title: "precondition failed", detail: detail, statusCode: StatusCodes.Status412PreconditionFailed);
}
