using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Invocation;

/// <summary>
/// Maps a non-HTTP function to <c>POST /{FunctionName}</c> as the host calls it. A payload that cannot be
/// decoded is answered 400 (a failed invocation: the host retries, then poisons); an exception is 500 with
/// the same effect; the handler process itself keeps running. Success is always 200 with a JSON body.
/// </summary>
public static partial class InvocationEndpoints
{
    private static readonly JsonSerializerOptions ResponseJson = new() { PropertyNamingPolicy = null };
    private static readonly JsonSerializerOptions OutputJson = new(JsonSerializerDefaults.Web);

    public delegate Task<InvocationResponse> Handler(InvocationRequest request, IServiceProvider services, CancellationToken cancellationToken);

    public static void MapInvocation(this IEndpointRouteBuilder app, string functionName, Handler handler)
    {
        app.MapPost("/" + functionName, async (HttpContext context) =>
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Bankflow.Functions.Invocation");
            var (request, error) = await InvocationRequest.ParseAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            if (request is null)
            {
                LogMalformed(logger, functionName, error!);
                return Results.Problem(title: "malformed invocation payload", detail: error, statusCode: StatusCodes.Status400BadRequest);
            }
            try
            {
                var response = await handler(request, context.RequestServices, context.RequestAborted).ConfigureAwait(false);
                return Results.Json(response, ResponseJson, statusCode: StatusCodes.Status200OK);
            }
            catch (InvalidInvocationException ex)
            {
                LogMalformed(logger, functionName, ex.Message);
                return Results.Problem(title: "malformed invocation payload", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Infrastructure faults (storage down, timeouts): fail the invocation so the host retries it.
                LogFailed(logger, ex, functionName);
                return Results.Problem(title: "invocation failed", detail: "the function failed; the host will retry it", statusCode: StatusCodes.Status500InternalServerError);
            }
        }).WithName(functionName);
    }

    /// <summary>An output value as a JSON object (never a bare string: the host base64-decodes strings that look like base64).</summary>
    public static JsonElement Output<T>(T value) => JsonSerializer.SerializeToElement(value, OutputJson);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation of {Function} has a malformed payload: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation of {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}

/// <summary>The trigger payload cannot be decoded; the invocation fails with this reason.</summary>
public sealed class InvalidInvocationException(string message) : Exception(message);
