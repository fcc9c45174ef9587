using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Bankflow.Functions.Infrastructure;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Events;

/// <summary>How bank events leave the app: <c>Bankflow:Events:Transport</c>.</summary>
public enum EventTransport
{
    /// <summary>The <c>bank-events</c> topic (Azure): namespace from <c>ServiceBusConnection__fullyQualifiedNamespace</c>, Entra ID.</summary>
    ServiceBus,

    /// <summary>The <c>bank-events</c> Storage queue of <c>AzureWebJobsStorage</c> (Azurite locally: no Service Bus emulator runs here).</summary>
    StorageQueue,
}

/// <summary>Registers the <see cref="IEventPublisher"/> the configuration asks for.</summary>
public static class EventsRegistration
{
    public const string TransportKey = "Bankflow:Events:Transport";
    public const string NamespaceKey = "ServiceBusConnection:fullyQualifiedNamespace";
    public const string ClientIdKey = "ServiceBusConnection:clientId";

    /// <summary>
    /// The transport: as set, or — when unset — Service Bus where a namespace is configured (Azure) and the
    /// Storage queue where none is (a local run).
    /// </summary>
    public static EventTransport Transport(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[TransportKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.IsNullOrWhiteSpace(configuration[NamespaceKey]) ? EventTransport.StorageQueue : EventTransport.ServiceBus;
        }
        return Enum.TryParse<EventTransport>(text.Trim(), ignoreCase: true, out var transport) && Enum.IsDefined(transport)
            ? transport
            : throw new InvalidOperationException($"{TransportKey} must be ServiceBus or StorageQueue, found '{text}'");
    }

    public static IServiceCollection AddBankEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Transport(configuration) == EventTransport.StorageQueue)
        {
            services.AddSingleton<IEventPublisher, StorageQueueEventPublisher>();
            return services;
        }
        var fullyQualifiedNamespace = configuration[NamespaceKey];
        if (string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new InvalidOperationException("events go to Service Bus but ServiceBusConnection__fullyQualifiedNamespace is not set");
        }
        var clientId = configuration[ClientIdKey];
        services.AddAzureClients(clients => clients
            .AddServiceBusClientWithNamespace(fullyQualifiedNamespace.Trim())
            .WithCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim() })));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(StorageNames.BankEventsTopic));
        services.AddSingleton<IEventPublisher, ServiceBusEventPublisher>();
        return services;
    }
}
