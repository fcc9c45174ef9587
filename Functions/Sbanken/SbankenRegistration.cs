using Bankflow.Functions.Banking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Sbanken;

/// <summary>The Sbanken services, from <c>Bankflow:Sbanken:*</c>. Without those settings the functions answer 503 / do nothing.</summary>
public static class SbankenRegistration
{
    public static IServiceCollection AddSbanken(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new SbankenOptions();
        configuration.GetSection("Bankflow:Sbanken").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new SbankenClient(
            // One pooled client per process; connections are recycled so DNS changes are seen.
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan },
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SbankenClient>>()));
        services.AddSingleton<SbankenOnboardingStore>();
        services.AddSingleton<SbankenAgreementStore>();
        services.AddSingleton<SbankenDayStore>();
        // Shared with other channels; TryAdd so a second registration elsewhere does not matter.
        services.TryAddSingleton<BankEntryStore>();
        services.AddSingleton<SbankenOnboardingService>();
        services.AddSingleton<SbankenFetchService>();
        return services;
    }
}
