using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.OpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 description of every HTTP function (anonymous: it holds no data).</summary>
public sealed class OpenApiFunction
{
    public const string Name = "OpenApi";
    public const string Route = "openapi.json";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return Results.Text(await ApiDocument.JsonAsync().ConfigureAwait(false), "application/json", System.Text.Encoding.UTF8);
    }
}
