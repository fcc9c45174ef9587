using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Logging;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The host's HTTP side for an ASP.NET Core-integrated worker: <c>/api/{route}</c> matched against each httpTrigger's
/// route and methods, the function key checked (<see cref="HostRules"/>), then — as the host's HTTP proxying does —
/// an <c>InvocationRequest</c> with an empty HTTP payload and the route values as trigger metadata goes over gRPC
/// while the real request (streamed body, headers) is forwarded to the worker's own listener (<c>HttpUri</c> +
/// <c>api/&lt;path&gt;</c>) with header <c>x-ms-invocation-id</c>, which pairs the two; the worker's answer is streamed back.
/// </summary>
public sealed class HttpFront : IAsyncDisposable
{
    /// <summary>The header that pairs the forwarded request with its InvocationRequest in the worker.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private HttpFront(WebApplication app, HttpClient client, Uri baseAddress)
    {
        _app = app;
        _client = client;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<HttpFront> StartAsync(IReadOnlyList<FunctionDefinition> functions, WorkerProcess worker, LocalInvoker invoker, LocalHostOptions options, CancellationToken cancellationToken)
    {
        var routes = functions
            .Where(f => f.Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(f => new HttpRoute(f, new TemplateMatcher(TemplateParser.Parse(f.Trigger.Route ?? f.Name), new RouteValueDictionary())))
            .ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.HttpPort);
            // The exact limit is counted on the body's bytes as they are forwarded (RejectionWatchingStream); Kestrel's
            // own count includes chunk framing, so it gets room for that and stops only what is far past the limit.
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes + Math.Max(64 * 1024, options.MaxRequestBodyBytes / 16);
            // A body that trickles is cut (408) rather than holding the connection and the worker's upload for hours.
            k.Limits.MinRequestBodyDataRate = options.MinRequestBodyDataRate;
        });
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
        {
            Timeout = options.InvocationTimeout,
        };
        var app = builder.Build();
        var forwarder = new Forwarder(routes, worker, invoker, client, options);
        app.Map($"/{HostRules.RoutePrefix}/{{**path}}", forwarder.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new HttpFront(app, client, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private sealed record HttpRoute(FunctionDefinition Function, TemplateMatcher Matcher);

    private sealed class Forwarder(IReadOnlyList<HttpRoute> routes, WorkerProcess worker, LocalInvoker invoker, HttpClient client, LocalHostOptions options)
    {
        private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
        {
            "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Content-Length", InvocationIdHeader,
        };

        /// <summary>The worker's listener accepts ~0.1 s after the functions are loaded: refused connections are retried this long.</summary>
        private static readonly TimeSpan ListenerGrace = TimeSpan.FromSeconds(5);

        public async Task HandleAsync(HttpContext context)
        {
            var path = "/" + ((string?)context.Request.RouteValues["path"] ?? "");
            var values = new RouteValueDictionary();
            var route = routes.FirstOrDefault(r =>
                r.Matcher.TryMatch(path, values = new RouteValueDictionary()) &&
                (r.Function.Trigger.Methods.Count == 0 || r.Function.Trigger.Methods.Contains(context.Request.Method.ToUpperInvariant())));
            if (route is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var label = $"{route.Function.Name} (http {context.Request.Method} {LogText.Path(context.Request.Path)})";
            if (HostRules.RequiresKey(route.Function.Trigger.AuthLevel) && !HasValidKey(context.Request))
            {
                options.Log($"{label} refused: missing or wrong function key");
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            if (context.Request.ContentLength > options.MaxRequestBodyBytes)
            {
                // As the Functions host: a declared length over the limit is refused before the worker sees anything.
                options.Log($"{label} refused: a body of {context.Request.ContentLength:N0} bytes is over the host's limit of {options.MaxRequestBodyBytes:N0}");
                await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "payload too large",
                    $"the request body is {context.Request.ContentLength:N0} bytes; the limit is {options.MaxRequestBodyBytes:N0} bytes").ConfigureAwait(false);
                return;
            }
            var started = Stopwatch.StartNew();
            try
            {
                await worker.EnsureRunningAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (WorkerStartException ex)
            {
                options.Log($"{label} failed: the worker could not be started: {ex.Message}");
                await WriteErrorAsync(context, "the function app's worker is not running").ConfigureAwait(false);
                return;
            }
            var routeValues = values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!, StringComparer.Ordinal);
            var invocationId = Guid.NewGuid().ToString();
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var invocation = invoker.CallWorkerAsync(route.Function.Name, TriggerInputs.Http(route.Function, routeValues, DateTimeOffset.UtcNow), 1, abandon.Token, invocationId);
            var body = new RejectionWatchingStream(context.Request.Body, options.MaxRequestBodyBytes);
            int status;
            try
            {
                status = await ForwardAsync(context, body, path, invocationId, invocation, abandon.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when ((body.Rejection ?? RequestRejection(ex)) is { } rejected)
            {
                // Our Kestrel refused the caller's body while it was forwarded: over the size limit (also when chunked,
                // with no Content-Length) or under the minimum data rate. The worker's half-read request is abandoned
                // (an upload's staged blocks are never committed); the caller gets the reason.
                await abandon.CancelAsync().ConfigureAwait(false);
                await SettleAsync(invocation).ConfigureAwait(false);
                options.Log($"{label} refused after {started.ElapsedMilliseconds} ms: the request body {(rejected.StatusCode == StatusCodes.Status408RequestTimeout ? "arrived slower than the minimum data rate" : rejected.StatusCode == StatusCodes.Status413PayloadTooLarge ? "passed the size limit" : "could not be read")}");
                await WriteRejectionAsync(context, rejected.StatusCode).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
            {
                // The worker died or never answered on HTTP: the invocation cannot complete either.
                await abandon.CancelAsync().ConfigureAwait(false);
                var failed = await SettleAsync(invocation).ConfigureAwait(false);
                options.Log($"{label} failed in {started.ElapsedMilliseconds} ms: {failed?.Failure ?? ex.Message}");
                await WriteErrorAsync(context, "the function app's worker did not answer").ConfigureAwait(false);
                return;
            }
            var result = await invocation.ConfigureAwait(false);
            options.Log(result.Succeeded
                ? $"{label} answered {status} in {started.ElapsedMilliseconds} ms"
                : $"{label} answered {status} in {started.ElapsedMilliseconds} ms; the invocation failed: {result.Failure}");
        }

        private async Task<int> ForwardAsync(HttpContext context, Stream body, string path, string invocationId, Task<InvocationResult> invocation, CancellationToken cancellationToken)
        {
            var target = new Uri(worker.HttpUri ?? throw new HttpRequestException("the worker announced no HttpUri (is it an ASP.NET Core-integrated app?)"),
                $"{HostRules.RoutePrefix}{path}{context.Request.QueryString}");
            var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
            var deadline = DateTime.UtcNow + ListenerGrace;
            HttpResponseMessage response;
            while (true)
            {
                using var request = BuildRequest(context, body, target, invocationId, hasBody);
                try
                {
                    response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                                                      && DateTime.UtcNow < deadline && !invocation.IsCompleted)
                {
                    // Refused before anything was sent, so the body has not been read: safe to try again.
                    await Task.Delay(25, cancellationToken).ConfigureAwait(false);
                }
            }
            using (response)
            {
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var header in response.Headers.Concat(response.Content.Headers))
                {
                    if (!HopHeaders.Contains(header.Key))
                    {
                        context.Response.Headers[header.Key] = header.Value.ToArray();
                    }
                }
                await response.Content.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
                return (int)response.StatusCode;
            }
        }

        private static HttpRequestMessage BuildRequest(HttpContext context, Stream body, Uri target, string invocationId, bool hasBody)
        {
            var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
            if (hasBody)
            {
                // Streamed as it arrives (no buffering): memory per request is HttpClient's and Kestrel's small buffers.
                request.Content = new StreamContent(body);
            }
            foreach (var header in context.Request.Headers)
            {
                if (HopHeaders.Contains(header.Key))
                {
                    continue;
                }
                if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                }
            }
            if (hasBody && context.Request.ContentLength is { } length)
            {
                request.Content!.Headers.ContentLength = length;
            }
            request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
            return request;
        }

        /// <summary>
        /// The abandoned invocation's end: cancelling it makes it throw, and an exception escaping here would leave the
        /// caller with an empty 500 instead of the answer below.
        /// </summary>
        private static async Task<InvocationResult?> SettleAsync(Task<InvocationResult> invocation)
        {
            try
            {
                return await invocation.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
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

        private Task WriteRejectionAsync(HttpContext context, int status) => status switch
        {
            StatusCodes.Status413PayloadTooLarge => WriteProblemAsync(context, status, "payload too large",
                $"the request body is larger than the limit of {options.MaxRequestBodyBytes:N0} bytes"),
            StatusCodes.Status408RequestTimeout => WriteProblemAsync(context, status, "request timeout",
                $"the request body arrived slower than the minimum data rate ({options.MinRequestBodyDataRate?.BytesPerSecond:N0} bytes/s after a grace of {options.MinRequestBodyDataRate?.GracePeriod.TotalSeconds:0} s)"),
            _ => WriteProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "the request body could not be read"),
        };

        /// <summary>An RFC 9457 problem+json answer from the front itself (the worker never saw the request).</summary>
        private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
        {
            if (context.Response.HasStarted)
            {
                return;
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/problem+json";
            // The connection may still carry unread body bytes: close it rather than drain them.
            context.Response.Headers.Connection = "close";
            var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["title"] = title, ["status"] = status, ["detail"] = detail });
            try
            {
                await context.Response.WriteAsync(json, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The caller went away or Kestrel already answered the connection; nothing more to say.
            }
        }

        private static async Task WriteErrorAsync(HttpContext context, string message)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
            }
        }

        private bool HasValidKey(HttpRequest request)
        {
            var key = request.Headers[HostRules.FunctionKeyHeader].ToString();
            if (string.IsNullOrEmpty(key))
            {
                key = request.Query[HostRules.FunctionKeyQuery].ToString();
            }
            return key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.FunctionKey));
        }
    }
}
