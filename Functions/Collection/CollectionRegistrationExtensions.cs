using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Collection;

/// <summary>The collection services (issue 14).</summary>
public static class CollectionServiceRegistration
{
    public static IServiceCollection AddCollection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(CollectionOptions.From(configuration));
        services.AddSingleton<CollectionStore>();
        services.AddSingleton<AgencySignatureStore>();
        services.AddSingleton<AgencyGuard>();
        services.AddSingleton<CaseBalanceWatch>();
        services.AddSingleton<CollectionService>();
        services.AddSingleton<AgencyService>();
        return services;
    }
}
