using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Http;

/// <summary>
/// An HTTP function that throws (storage down past its retries, a bug) answers 500 problem+json, as the custom
/// handler's <c>UseExceptionHandler</c> did; the exception is logged, never echoed. Other triggers are left
/// alone: their exception fails the invocation, and the host retries it.
/// </summary>
public sealed partial class HttpExceptionMiddleware(ILogger<HttpExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (RequestRejection(ex) is { } rejected && !http.Response.HasStarted)
        {
            // Kestrel refused the request body while the function read it: too large (413), too slow (408, the
            // minimum data rate), malformed (400). The caller's fault, answered as such — not a 500.
            LogRejected(logger, context.FunctionDefinition.Name, rejected.StatusCode);
            await Problems.BodyRejected(rejected.StatusCode).ExecuteAsync(http).ConfigureAwait(false);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, ex, context.FunctionDefinition.Name);
            if (http.Response.HasStarted)
            {
                throw;
            }
            await Problems.Unexpected().ExecuteAsync(http).ConfigureAwait(false);
        }
    }

    private static BadHttpRequestException? RequestRejection(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException bad)
            {
                return bad;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP function {Function}: the request body was refused with {Status}")]
    private static partial void LogRejected(ILogger logger, string function, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
