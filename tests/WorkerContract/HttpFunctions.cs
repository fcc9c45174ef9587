using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.WorkerContract;

/// <summary>HTTP trigger (ASP.NET Core integration): a route parameter, an optional segment, the body and the query echoed back.</summary>
public static class HttpFunctions
{
    [Function("HttpEcho")]
    public static async Task<IResult> EchoAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "echo/{id}/{suffix?}")] HttpRequest request,
        string id,
        string? suffix)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(new
        {
            id,
            suffix,
            method = request.Method,
            body,
            query = request.Query["q"].ToString(),
            header = request.Headers["x-contract"].ToString(),
        }, statusCode: body.Length > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>The cheapest possible function: what LocalHost's per-invocation overhead is measured on.</summary>
    [Function("Ping")]
    public static IResult Ping([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping")] HttpRequest request) =>
        Results.Text("pong");
}
