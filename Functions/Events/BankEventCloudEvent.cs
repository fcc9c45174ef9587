using System.Globalization;
using System.Text.Json;
using Azure.Messaging;

namespace Bankflow.Functions.Events;

/// <summary>
/// A bank event as a CloudEvents 1.0 JSON document (structured mode) — the envelope bank-integration APIs use for their
/// webhooks. <c>id</c> is the event id (stable across re-runs), <c>type</c> <c>no.bankflow.{EventType}</c>,
/// <c>source</c> <c>/bankflow/clients/{clientId}</c>, <c>subject</c> what it is about (<c>imports/{importId}</c>,
/// <c>entries/{matchId}</c>), <c>time</c> when the outcome was decided, and <c>data</c> the event exactly as consumers read
/// it before (camelCase JSON of the event's own type, so each event keeps its own fields).
/// </summary>
public static class BankEventCloudEvent
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";
    public const string TypePrefix = "no.bankflow.";

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    public static string Type(IBankEvent bankEvent)
    {
        ArgumentNullException.ThrowIfNull(bankEvent);
        return TypePrefix + bankEvent.EventType;
    }

    public static CloudEvent Create(IBankEvent bankEvent)
    {
        ArgumentNullException.ThrowIfNull(bankEvent);
        return new CloudEvent(
            string.Create(CultureInfo.InvariantCulture, $"/bankflow/clients/{bankEvent.ClientId}"),
            Type(bankEvent),
            new BinaryData(JsonSerializer.SerializeToUtf8Bytes(bankEvent, bankEvent.GetType(), DataJson)),
            "application/json",
            CloudEventDataFormat.Json)
        {
            Id = bankEvent.EventId,
            Subject = bankEvent.Subject,
            Time = bankEvent.OccurredAt,
        };
    }

    /// <summary>The JSON document (UTF-8), as it goes on the wire.</summary>
    public static BinaryData ToJson(IBankEvent bankEvent) => new(JsonSerializer.SerializeToUtf8Bytes(Create(bankEvent)));
}
