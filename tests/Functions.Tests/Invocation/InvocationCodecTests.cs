using System.Text;
using System.Text.Json;
using Bankflow.Functions.Invocation;

namespace Bankflow.Functions.Tests.Invocation;

public sealed class InvocationCodecTests
{
    private static InvocationRequest Parse(string json)
    {
        Assert.True(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error), error);
        return request!;
    }

    [Fact]
    public void Blob_trigger_gives_the_bytes_and_unwrapped_path_tokens()
    {
        var request = Parse(ReplayedPayloads.Blob);
        Assert.True(TriggerDecoders.TryBlob(request, "file", ["clientId", "channel", "name"], out var blob, out var error), error);
        Assert.Equal("NY000010", Encoding.ASCII.GetString(blob!.Content));
        Assert.Equal("acme-as", blob.PathTokens["clientId"]);
        Assert.Equal("nets", blob.PathTokens["channel"]);
        Assert.Equal("OCR 2026 æøå.txt", blob.PathTokens["name"]);
        Assert.Equal("0x8DE2A", blob.ETag); // a quoted ETag reads like a double-encoded string; its quotes are not part of the value we use
        Assert.Equal(8, blob.ContentLength);
        Assert.Equal("/devstoreaccount1/inbox/acme-as/nets/OCR%202026%20%C3%A6%C3%B8%C3%A5.txt", blob.Uri!.AbsolutePath);
    }

    [Fact]
    public void Blob_trigger_without_content_or_with_bad_base64_fails_with_a_reason()
    {
        var missing = Parse("""{"Data":{},"Metadata":{}}""");
        Assert.False(TriggerDecoders.TryBlob(missing, "file", [], out _, out var error));
        Assert.Contains("Data.file", error, StringComparison.Ordinal);

        var bad = Parse("""{"Data":{"file":"not base64!"},"Metadata":{}}""");
        Assert.False(TriggerDecoders.TryBlob(bad, "file", [], out _, out error));
        Assert.Contains("base64", error, StringComparison.Ordinal);

        var number = Parse("""{"Data":{"file":12},"Metadata":{}}""");
        Assert.False(TriggerDecoders.TryBlob(number, "file", [], out _, out error));
        Assert.Contains("Number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Timer_trigger_reads_past_due_and_schedule_status()
    {
        Assert.True(TriggerDecoders.TryTimer(Parse(ReplayedPayloads.Timer), "timer", out var timer, out var error), error);
        Assert.True(timer!.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero), timer.Last);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero), timer.Next);

        Assert.True(TriggerDecoders.TryTimer(Parse(ReplayedPayloads.TimerFirstRun), "timer", out var first, out error), error);
        Assert.False(first!.IsPastDue);
        Assert.Null(first.Last);
    }

    [Fact]
    public void Queue_trigger_removes_the_double_encoding_and_reads_the_dequeue_count()
    {
        Assert.True(TriggerDecoders.TryMessage(Parse(ReplayedPayloads.Queue), "msg", out var message, out var error), error);
        Assert.Equal("hello", message!.Text);
        Assert.Equal(3, message.DeliveryCount);
        Assert.Equal("0f6e2c4e-1111-4b1b-9d9e-8c5a4d6c7e21", message.MessageId);
    }

    [Fact]
    public void Queue_trigger_with_a_json_body_gives_the_json_text()
    {
        Assert.True(TriggerDecoders.TryMessage(Parse(ReplayedPayloads.QueueJsonBody), "poison", out var message, out var error), error);
        using var doc = JsonDocument.Parse(message!.Text);
        Assert.Equal("acme-as/nets/x.txt", doc.RootElement.GetProperty("BlobName").GetString());
    }

    [Fact]
    public void Service_bus_trigger_reads_delivery_count_and_message_id()
    {
        Assert.True(TriggerDecoders.TryMessage(Parse(ReplayedPayloads.ServiceBus), "evt", out var message, out var error), error);
        Assert.Equal(2, message!.DeliveryCount);
        Assert.Equal("6b1f", message.MessageId);
        using var doc = JsonDocument.Parse(message.Text);
        Assert.Equal("FileImported", doc.RootElement.GetProperty("eventType").GetString());
    }

    [Theory]
    [InlineData(ReplayedPayloads.EventGridObject, "e1")]
    [InlineData(ReplayedPayloads.EventGridString, "e2")]
    public void Event_grid_trigger_accepts_an_object_or_a_string_holding_one(string payload, string id)
    {
        Assert.True(TriggerDecoders.TryEventGrid(Parse(payload), "event", out var evt, out var error), error);
        Assert.Equal(id, evt!.Id);
        Assert.Equal("Microsoft.Storage.BlobCreated", evt.EventType);
        Assert.Equal(JsonValueKind.Object, evt.Data.ValueKind);
    }

    [Fact]
    public void Http_trigger_reads_method_headers_route_params_and_body()
    {
        Assert.True(TriggerDecoders.TryHttp(Parse(ReplayedPayloads.Http), "req", out var http, out var error), error);
        Assert.Equal("POST", http!.Method);
        Assert.Equal("acme-as", http.Params["clientId"]);
        Assert.Equal("x", http.Query["name"]);
        Assert.Equal(["x.txt"], http.Headers["x-file-name"]);
        Assert.Equal("TlkwMDAwMTA=", http.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"Metadata":{}}""")]
    [InlineData("""{"Data":"x"}""")]
    public void A_malformed_body_is_refused_with_a_reason(string body)
    {
        Assert.False(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(body), out var request, out var error));
        Assert.Null(request);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Keys_match_case_insensitively_as_the_hosts_newtonsoft_does()
    {
        var request = Parse("""{"data":{"File":"TlkwMDAwMTA="},"metadata":{"ClientID":"\"acme-as\""}}""");
        Assert.True(TriggerDecoders.TryBlob(request, "file", ["clientId"], out var blob, out _));
        Assert.Equal("acme-as", blob!.PathTokens["clientId"]);
    }
}
