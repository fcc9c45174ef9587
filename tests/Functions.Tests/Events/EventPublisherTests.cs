using System.Text.Json;
using Azure.Messaging;
using Bankflow.Functions.Events;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.Configuration;

namespace Bankflow.Functions.Tests.Events;

/// <summary>What each events adapter puts on the wire, and which one the configuration picks.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class EventPublisherTests(AzuriteFixture azurite)
{
    private static readonly FileImportedEvent Imported = new(
        "acme-as:4498ff33ae3a", FileImportedEvent.Imported, "acme-as", "4498ff33ae3a", "Imported", "ocr-giro", 3, new DateTimeOffset(2026, 11, 22, 6, 0, 1, TimeSpan.Zero));

    private static void AssertCloudEvent(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("acme-as:4498ff33ae3a", root.GetProperty("id").GetString());
        Assert.Equal("no.bankflow.FileImported", root.GetProperty("type").GetString());
        Assert.Equal("/bankflow/clients/acme-as", root.GetProperty("source").GetString());
        Assert.Equal("imports/4498ff33ae3a", root.GetProperty("subject").GetString());
        Assert.Equal(Imported.OccurredAt, root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        // The payload consumers read before, unchanged (camelCase).
        var data = root.GetProperty("data");
        Assert.Equal("acme-as:4498ff33ae3a", data.GetProperty("eventId").GetString());
        Assert.Equal("FileImported", data.GetProperty("eventType").GetString());
        Assert.Equal("4498ff33ae3a", data.GetProperty("importId").GetString());
        Assert.Equal(3, data.GetProperty("entryCount").GetInt32());
        // And Azure.Core reads it back as a CloudEvent.
        var parsed = CloudEvent.Parse(BinaryData.FromString(json))!;
        Assert.Equal("acme-as:4498ff33ae3a", parsed.Id);
    }

    [Fact]
    public void The_Service_Bus_message_has_the_event_id_as_MessageId_the_type_as_Subject_and_a_CloudEvent_body()
    {
        var message = ServiceBusEventPublisher.BuildMessage(Imported);

        Assert.Equal("acme-as:4498ff33ae3a", message.MessageId);
        Assert.Equal("no.bankflow.FileImported", message.Subject);
        Assert.Equal("application/cloudevents+json; charset=utf-8", message.ContentType);
        Assert.Equal("acme-as", message.ApplicationProperties["clientId"]);
        AssertCloudEvent(message.Body.ToString());
    }

    [Fact]
    public void A_re_run_builds_the_same_message_so_duplicate_detection_drops_it()
    {
        var first = ServiceBusEventPublisher.BuildMessage(Imported);
        var again = ServiceBusEventPublisher.BuildMessage(Imported with { });

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(first.Body.ToString(), again.Body.ToString());
    }

    [Fact]
    public async Task The_storage_queue_adapter_puts_the_same_CloudEvent_json_as_plain_message_text_on_bank_events()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var queue = storage.Queues.GetQueueClient(StorageNames.BankEventsTopic);
        await queue.ClearMessagesAsync();

        await new StorageQueueEventPublisher(storage).PublishAsync(Imported, CancellationToken.None);

        var message = Assert.Single((await queue.PeekMessagesAsync(10)).Value);
        Assert.Equal(ServiceBusEventPublisher.BuildMessage(Imported).Body.ToString(), message.Body.ToString());
        AssertCloudEvent(message.Body.ToString());
    }

    [Theory]
    [InlineData(null, null, EventTransport.StorageQueue)]
    [InlineData(null, "bankflow.servicebus.windows.net", EventTransport.ServiceBus)]
    [InlineData("StorageQueue", "bankflow.servicebus.windows.net", EventTransport.StorageQueue)]
    [InlineData("servicebus", null, EventTransport.ServiceBus)]
    public void The_transport_is_as_set_or_else_Service_Bus_where_a_namespace_is_configured(string? transport, string? ns, EventTransport expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [EventsRegistration.TransportKey] = transport,
            [EventsRegistration.NamespaceKey] = ns,
        }).Build();

        Assert.Equal(expected, EventsRegistration.Transport(configuration));
    }

    [Fact]
    public void An_unknown_transport_or_Service_Bus_without_a_namespace_is_refused_at_start()
    {
        IConfiguration Config(string? transport) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [EventsRegistration.TransportKey] = transport }).Build();

        Assert.Contains("ServiceBus or StorageQueue", Assert.Throws<InvalidOperationException>(() => EventsRegistration.Transport(Config("Kafka"))).Message, StringComparison.Ordinal);
        Assert.Contains("fullyQualifiedNamespace", Assert.Throws<InvalidOperationException>(() =>
            new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddBankEvents(Config("ServiceBus"))).Message, StringComparison.Ordinal);
    }
}
