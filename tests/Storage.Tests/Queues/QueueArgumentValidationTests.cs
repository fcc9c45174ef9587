using Bankflow.Storage.Queues;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Queues;

/// <summary>Bad arguments throw ArgumentException naming the parameter and the rule, before any request is sent.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class QueueArgumentValidationTests(AzuriteFixture azurite)
{
    private readonly QueueTestContext _context = new(azurite);

    private QueueClient Queue => _context.Service.GetQueueClient("payments");

    [Theory]
    [InlineData("ab")]
    [InlineData("Payments")]
    [InlineData("pay--ments")]
    [InlineData("-payments")]
    [InlineData("payments-")]
    [InlineData("betaling-æ")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")] // 64
    public void Invalid_queue_names_are_rejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _context.Service.GetQueueClient(name));

        Assert.Equal("queueName", error.ParamName);
        Assert.Contains("3–63 characters", error.Message, StringComparison.Ordinal);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task Receive_and_peek_take_1_to_32_messages(int count)
    {
        var receive = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.ReceiveMessagesAsync(count));
        var peek = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.PeekMessagesAsync(count));

        Assert.Equal("maxMessages", receive.ParamName);
        Assert.Equal("maxMessages", peek.ParamName);
        Assert.Contains("1–32", receive.Message, StringComparison.Ordinal);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public async Task Time_spans_are_range_checked_whole_seconds()
    {
        var errors = new (string Parameter, ArgumentException Error)[]
        {
            ("visibilityTimeout", await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.ReceiveMessagesAsync(1, TimeSpan.Zero))),
            ("visibilityTimeout", await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.ReceiveMessagesAsync(1, TimeSpan.FromDays(7.5)))),
            ("visibilityTimeout", await Assert.ThrowsAsync<ArgumentException>(() => Queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1.5)))),
            ("visibilityDelay", await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.SendMessageAsync("x", TimeSpan.FromSeconds(-1)))),
            ("timeToLive", await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.SendMessageAsync("x", null, TimeSpan.Zero))),
            ("timeToLive", await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.SendMessageAsync("x", null, TimeSpan.FromSeconds(-2)))),
            ("visibilityDelay", await Assert.ThrowsAsync<ArgumentException>(() => Queue.SendMessageAsync("x", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)))),
            ("visibilityTimeout", await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.UpdateMessageAsync("id", "pop", TimeSpan.FromSeconds(-1)))),
        };

        Assert.All(errors, e => Assert.Equal(e.Parameter, e.Error.ParamName));
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public async Task Message_text_must_be_XML_characters_and_at_most_64_KiB_of_UTF8()
    {
        var nul = await Assert.ThrowsAsync<ArgumentNullException>(() => Queue.SendMessageAsync(null!));
        var control = await Assert.ThrowsAsync<ArgumentException>(() => Queue.SendMessageAsync("bell\u0007"));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => Queue.SendMessageAsync(new string('a', 64 * 1024 + 1)));
        // 32 769 'æ' are 65 538 bytes of UTF-8.
        var tooLongUtf8 = await Assert.ThrowsAsync<ArgumentException>(() => Queue.SendMessageAsync(new string('æ', 32_769)));
        var updateText = await Assert.ThrowsAsync<ArgumentException>(() => Queue.UpdateMessageAsync("id", "pop", TimeSpan.Zero, "\uFFFF"));

        Assert.Equal("messageText", nul.ParamName);
        Assert.Equal("messageText", control.ParamName);
        Assert.Contains("U+0007", control.Message, StringComparison.Ordinal);
        Assert.Equal("messageText", tooLong.ParamName);
        Assert.Contains("65537", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("65538", tooLongUtf8.Message, StringComparison.Ordinal);
        Assert.Equal("messageText", updateText.ParamName);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public async Task Message_id_and_pop_receipt_are_required()
    {
        Assert.Equal("messageId", (await Assert.ThrowsAsync<ArgumentException>(() => Queue.DeleteMessageAsync("", "pop"))).ParamName);
        Assert.Equal("popReceipt", (await Assert.ThrowsAsync<ArgumentException>(() => Queue.DeleteMessageAsync("id", " "))).ParamName);
        Assert.Equal("messageId", (await Assert.ThrowsAsync<ArgumentNullException>(() => Queue.UpdateMessageAsync(null!, "pop", TimeSpan.Zero))).ParamName);
        Assert.Empty(_context.Recorder.Requests);
    }

    [Fact]
    public void Service_client_requires_a_connection() =>
        Assert.Equal("connection", Assert.Throws<ArgumentNullException>(() => new QueueServiceClient(null!)).ParamName);
}
