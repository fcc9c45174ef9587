using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Dnb;

/// <summary>The DNB ordering services, from <c>Bankflow:Dnb:*</c> (issue 13).</summary>
public static class DnbSetup
{
    public static IServiceCollection AddDnb(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DnbOptions();
        configuration.GetSection("Bankflow:Dnb").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<DnbOrderStore>();
        services.AddSingleton<DnbOrderService>();
        return services;
    }
}
