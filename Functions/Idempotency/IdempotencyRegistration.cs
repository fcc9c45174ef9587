using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>The Idempotency-Key gate and its table; settings from <c>Bankflow:Idempotency</c>.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new IdempotencyOptions();
        configuration.GetSection("Bankflow:Idempotency").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotencyGate>();
        return services;
    }
}
