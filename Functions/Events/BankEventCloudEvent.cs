using System.Globalization;
using System.Text.Json;
using Azure.Messaging;
using Bankflow.Functions.Intake;

namespace Bankflow.Functions.Events;

/// <summary>
/// A bank event as a CloudEvents 1.0 JSON document (structured mode) — the envelope bank-integration APIs use for their
/// webhooks. <c>id</c> is the event id (stable across re-runs), <c>type</c> <c>no.bankflow.{EventType}</c>,
/// <c>source</c> <c>/bankflow/clients/{clientId}</c>, <c>subject</c> <c>imports/{importId}</c>, <c>time</c> when the
/// outcome was decided, and <c>data</c> the event exactly as consumers read it before (camelCase JSON).
/// </summary>
public static class BankEventCloudEvent
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";
    public const string TypePrefix = "no.bankflow.";

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    public static string Type(FileImportedEvent bankEvent)
    {
        ArgumentNullException.ThrowIfNull(bankEvent);
        return TypePrefix + bankEvent.EventType;
    }

    public static CloudEvent Create(FileImportedEvent bankEvent)
    {
        ArgumentNullException.ThrowIfNull(bankEvent);
        return new CloudEvent(
            string.Create(CultureInfo.InvariantCulture, $"/bankflow/clients/{bankEvent.ClientId}"),
            Type(bankEvent),
            BinaryData.FromObjectAsJson(bankEvent, DataJson),
            "application/json",
            CloudEventDataFormat.Json)
        {
            Id = bankEvent.EventId,
            Subject = "imports/" + bankEvent.ImportId,
            Time = bankEvent.OccurredAt,
        };
    }

    /// <summary>The JSON document (UTF-8), as it goes on the wire.</summary>
    public static BinaryData ToJson(FileImportedEvent bankEvent) => new(JsonSerializer.SerializeToUtf8Bytes(Create(bankEvent)));
}
