using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bankflow.LocalHost.Hosting.Rpc;

/// <summary>
/// The gRPC server workers connect to, as the Functions host runs one: Kestrel on loopback, HTTP/2 only over
/// plain text (the worker's gRPC client speaks h2c to the <c>--functions-uri</c> it is given), no message size
/// limit (the host passes <c>--functions-grpc-max-message-length 2147483647</c> and accepts the same).
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RpcServer(WebApplication app, Uri address, WorkerRegistry registry)
    {
        _app = app;
        Address = address;
        Registry = registry;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>, the value of the worker's <c>--functions-uri</c>.</summary>
    public Uri Address { get; }

    public WorkerRegistry Registry { get; }

    public static async Task<RpcServer> StartAsync(CancellationToken cancellationToken)
    {
        var registry = new WorkerRegistry();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        // Streams still open at shutdown belong to workers being killed anyway: do not wait 30 s for them.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(registry);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
            o.EnableDetailedErrors = true;
        });
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var port = new Uri(app.Urls.First()).Port;
        return new RpcServer(app, new Uri($"http://127.0.0.1:{port}/"), registry);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
