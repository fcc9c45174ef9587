using System.Globalization;
using Bankflow.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Http;

/// <summary>
/// An HTTP function that throws answers problem+json, and this is the one place that decides which: a storage
/// outage (<see cref="StorageFailure"/>: refused or reset connections, timeouts, 5xx, Azure.Core's "Retry failed"
/// aggregate) is 503 with the reason and <c>Retry-After</c> — the caller should try again; anything else is 500 as
/// the custom handler's <c>UseExceptionHandler</c> answered. The exception is logged, never echoed. Other triggers are
/// left alone: their exception fails the invocation, and the host retries it.
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
            var outage = StorageFailure.Describe(ex);
            if (outage is null)
            {
                LogFailed(logger, ex, context.FunctionDefinition.Name);
            }
            else
            {
                // An outage is expected now and then and says nothing about the code: a warning with the reason.
                LogStorageUnavailable(logger, context.FunctionDefinition.Name, outage);
            }
            if (http.Response.HasStarted)
            {
                throw;
            }
            if (outage is null)
            {
                await Problems.Unexpected().ExecuteAsync(http).ConfigureAwait(false);
                return;
            }
            http.Response.Headers.RetryAfter = Problems.StorageRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Problems.StorageUnavailable(outage).ExecuteAsync(http).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP function {Function} answered 503: {Reason}")]
    private static partial void LogStorageUnavailable(ILogger logger, string function, string reason);
}
