using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The host's HTTP side: <c>/api/{route}</c> matched against each httpTrigger's route and methods, the
/// function key checked for authLevel "function"/"admin" (x-functions-key header or ?code=; 401 when
/// missing or wrong, as the host answers), then the request forwarded unchanged to the handler
/// (<c>enableForwardingHttpRequest</c>) and its answer returned as is.
/// </summary>
public sealed class HttpFront : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpFront(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<HttpFront> StartAsync(IReadOnlyList<FunctionDefinition> functions, HandlerProcess handler, LocalInvoker invoker, LocalHostOptions options, CancellationToken cancellationToken)
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
            k.Limits.MaxRequestBodySize = 100L * 1024 * 1024; // the Functions HTTP trigger limit
        });
        builder.Services.AddHttpClient("handler", c =>
        {
            c.BaseAddress = handler.BaseAddress;
            c.Timeout = options.InvocationTimeout;
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var app = builder.Build();
        var forwarder = new Forwarder(routes, handler, options);
        app.Map("/api/{**path}", forwarder.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        return new HttpFront(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record HttpRoute(FunctionDefinition Function, TemplateMatcher Matcher);

    private sealed class Forwarder(IReadOnlyList<HttpRoute> routes, HandlerProcess handler, LocalHostOptions options)
    {
        private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
        {
            "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
        };

        public async Task HandleAsync(HttpContext context)
        {
            var path = "/" + ((string?)context.Request.RouteValues["path"] ?? "");
            var route = routes.FirstOrDefault(r =>
                r.Matcher.TryMatch(path, new RouteValueDictionary()) &&
                (r.Function.Trigger.Methods.Count == 0 || r.Function.Trigger.Methods.Contains(context.Request.Method.ToUpperInvariant())));
            if (route is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var level = route.Function.Trigger.AuthLevel ?? "function";
            if (!level.Equals("anonymous", StringComparison.OrdinalIgnoreCase) && !HasValidKey(context.Request))
            {
                options.Log($"{route.Function.Name} (http {context.Request.Method} {context.Request.Path}) refused: missing or wrong function key");
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await handler.EnsureRunningAsync(context.RequestAborted).ConfigureAwait(false);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient("handler");
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
            if (context.Request.ContentLength > 0)
            {
                // As the host: the body is forwarded only when Content-Length is set and > 0.
                request.Content = new StreamContent(context.Request.Body);
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
            request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(header.Key))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            options.Log($"{route.Function.Name} (http {context.Request.Method} {context.Request.Path}) answered {(int)response.StatusCode} in {started.ElapsedMilliseconds} ms");
        }

        private bool HasValidKey(HttpRequest request)
        {
            var key = request.Headers["x-functions-key"].ToString();
            if (string.IsNullOrEmpty(key))
            {
                key = request.Query["code"].ToString();
            }
            return key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.FunctionKey));
        }
    }
}
