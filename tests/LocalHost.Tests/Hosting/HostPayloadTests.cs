using System.Text;
using System.Text.Json;
using Bankflow.Functions.Invocation;
using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Hosting;

/// <summary>What LocalHost sends must be what the host sends, and what the handler's codec reads.</summary>
public sealed class HostPayloadTests
{
    private static InvocationRequest RoundTrip(System.Text.Json.Nodes.JsonObject payload)
    {
        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(payload.ToJsonString()), out var request, out var error), error);
        return request!;
    }

    [Fact]
    public void Scalars_are_encoded_twice_as_the_host_does()
    {
        // The JSON value is a string whose content is the JSON text of the scalar.
        Assert.Equal("\"hello\"", JsonSerializer.Deserialize<string>(HostPayloads.Scalar("hello").ToJsonString()));
        Assert.Equal("1", JsonSerializer.Deserialize<string>(HostPayloads.Scalar(1).ToJsonString()));
    }

    [Fact]
    public void Blob_payload_round_trips_through_the_handler_codec()
    {
        var content = Encoding.Latin1.GetBytes("NY000010æ");
        var payload = HostPayloads.Blob("ImportBankFile", "file", content,
            new Dictionary<string, string> { ["clientId"] = "acme-as", ["channel"] = "nets", ["name"] = "a \"quoted\" name.txt" },
            new Uri("http://127.0.0.1:1/devstoreaccount1/inbox/x"), "\"0x1\"", "text/plain", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(payload.ToJsonString()).RootElement.GetProperty("Metadata").GetProperty("clientId").ValueKind);
        Assert.True(TriggerDecoders.TryBlob(RoundTrip(payload), "file", ["clientId", "channel", "name"], out var blob, out var error), error);
        Assert.Equal(content, blob!.Content);
        Assert.Equal("a \"quoted\" name.txt", blob.PathTokens["name"]);
        Assert.Equal(content.Length, blob.ContentLength);
    }

    [Fact]
    public void Message_payload_round_trips_and_copies_json_body_properties_into_metadata()
    {
        var payload = HostPayloads.Message("F", "msg", """{"BlobName":"a/b/c","Count":2}""", "id-1", 4, serviceBus: false, DateTimeOffset.UnixEpoch);
        var request = RoundTrip(payload);
        Assert.Equal("a/b/c", InvocationValues.AsString(request.Metadata["BlobName"]));
        Assert.True(TriggerDecoders.TryMessage(request, "msg", out var message, out _));
        Assert.Equal(4, message!.DeliveryCount);
        Assert.Equal("id-1", message.MessageId);
        Assert.Equal(2, JsonDocument.Parse(message.Text).RootElement.GetProperty("Count").GetInt32());
    }

    [Fact]
    public void Timer_payload_round_trips()
    {
        var next = new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero);
        Assert.True(TriggerDecoders.TryTimer(RoundTrip(HostPayloads.Timer("T", "timer", true, next.AddDays(-1), next, next)), "timer", out var timer, out _));
        Assert.True(timer!.IsPastDue);
        Assert.Equal(next, timer.Next);
    }
}
