using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Http;

/// <summary>
/// <c>Bankflow:Http:*</c>: how slowly a request body may arrive at the worker's Kestrel before it is cut with 408.
/// A body that trickles (a few hundred bytes a second) would otherwise hold a connection and an upload's buffers
/// for hours. The rate is measured only while a function waits for body bytes, so a slow reader (backpressure) is
/// never counted against the caller. The local host's HTTP front applies the same rule in front of the worker.
/// </summary>
public sealed class HttpLimits
{
    /// <summary>Bytes per second the body must keep to after the grace period; a 100 MiB upload at this rate takes 7 h.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 4096;

    /// <summary>How long a body may stay under the rate (a slow start, a pause) before it is cut.</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    public MinDataRate ToMinDataRate() => new(MinRequestBodyBytesPerSecond, MinRequestBodyGracePeriod);
}

public static class HttpLimitsRegistration
{
    /// <summary>Applies <see cref="HttpLimits"/> to the worker's Kestrel (the ASP.NET Core integration's listener).</summary>
    public static IServiceCollection AddBankflowHttpLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = new HttpLimits();
        configuration.GetSection("Bankflow:Http").Bind(limits);
        services.AddSingleton(limits);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MinRequestBodyDataRate = limits.ToMinDataRate());
        return services;
    }
}
