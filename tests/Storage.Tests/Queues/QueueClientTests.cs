using Azure;
using Bankflow.Storage.Queues;
using Bankflow.Testing;

namespace Bankflow.Storage.Tests.Queues;

[Collection(AzuriteFixture.Collection)]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private readonly QueueTestContext _context = new(azurite);

    [Fact]
    public async Task CreateIfNotExists_creates_once_then_reports_the_existing_queue()
    {
        var queue = _context.Service.GetQueueClient(AzuriteFixture.UniqueName("q"));
        Assert.False((await queue.ExistsAsync()).Value);

        var first = await queue.CreateIfNotExistsAsync();
        var second = await queue.CreateIfNotExistsAsync();

        Assert.True(first.Value);
        Assert.False(second.Value);
        Assert.True((await queue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Delete_removes_the_queue_and_operations_on_a_missing_queue_are_404_QueueNotFound()
    {
        var queue = await _context.NewQueueAsync();
        await queue.SendMessageAsync("x");

        await queue.DeleteAsync();

        Assert.False((await queue.ExistsAsync()).Value);
        var errors = new[]
        {
            await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteAsync()),
            await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x")),
            await Assert.ThrowsAsync<RequestFailedException>(() => queue.ReceiveMessagesAsync()),
            await Assert.ThrowsAsync<RequestFailedException>(() => queue.PeekMessagesAsync()),
            await Assert.ThrowsAsync<RequestFailedException>(() => queue.GetPropertiesAsync()),
        };
        Assert.All(errors, e =>
        {
            Assert.Equal(404, e.Status);
            Assert.Equal("QueueNotFound", e.ErrorCode);
        });
        Assert.Contains(queue.Name, errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_round_trips_exactly_including_XML_characters_quotes_line_ends_and_æøå()
    {
        var queue = await _context.NewQueueAsync();
        const string text = "<Betaling beløp=\"100,50\">&amp; Kåre 'Ø' </Betaling>\r\nlinje 2\n\ttab ]]> €";

        var sent = await queue.SendMessageAsync(text);
        var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);

        Assert.Equal(text, received.MessageText);
        Assert.Equal(sent.Value.MessageId, received.MessageId);
        Assert.Equal(1, received.DequeueCount);
        Assert.Equal(sent.Value.InsertionTime, received.InsertionTime);
        Assert.Equal(sent.Value.ExpirationTime, received.ExpirationTime);
        Assert.Equal(TimeSpan.FromDays(7), sent.Value.ExpirationTime - sent.Value.InsertionTime); // the service default
        Assert.NotEqual(sent.Value.PopReceipt, received.PopReceipt);
    }

    [Fact]
    public async Task A_message_sent_with_a_visibility_delay_is_not_received_before_the_delay_ends()
    {
        var queue = await _context.NewQueueAsync();

        var sent = await queue.SendMessageAsync("later", visibilityDelay: TimeSpan.FromSeconds(2));
        var early = await queue.ReceiveMessagesAsync(32);
        var peeked = await queue.PeekMessagesAsync(32);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var late = await queue.ReceiveMessagesAsync(32);

        Assert.Equal(TimeSpan.FromSeconds(2), sent.Value.NextVisibleOn - sent.Value.InsertionTime);
        Assert.Empty(early.Value);
        Assert.Empty(peeked.Value);
        Assert.Equal("later", Assert.Single(late.Value).MessageText);
    }

    [Fact]
    public async Task Time_to_live_sets_the_expiry_and_an_expired_message_is_gone()
    {
        var queue = await _context.NewQueueAsync();

        var minute = await queue.SendMessageAsync("one minute", timeToLive: TimeSpan.FromMinutes(1));
        var forever = await queue.SendMessageAsync("forever", timeToLive: QueueClient.NeverExpires);
        var infinite = await queue.SendMessageAsync("also forever", timeToLive: Timeout.InfiniteTimeSpan);
        await queue.SendMessageAsync("short", timeToLive: TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var remaining = (await queue.PeekMessagesAsync(32)).Value;

        Assert.Equal(TimeSpan.FromMinutes(1), minute.Value.ExpirationTime - minute.Value.InsertionTime);
        Assert.Equal(9999, forever.Value.ExpirationTime.Year);
        Assert.Equal(9999, infinite.Value.ExpirationTime.Year);
        Assert.Equal(["one minute", "forever", "also forever"], remaining.Select(m => m.MessageText));
    }

    [Fact]
    public async Task Receive_returns_at_most_32_messages_per_call()
    {
        var queue = await _context.NewQueueAsync();
        for (var i = 0; i < 40; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var first = (await queue.ReceiveMessagesAsync(32)).Value;
        var second = (await queue.ReceiveMessagesAsync(32)).Value;
        var third = (await queue.ReceiveMessagesAsync(32)).Value;

        Assert.Equal(32, first.Count);
        Assert.Equal(8, second.Count);
        Assert.Empty(third);
        Assert.Equal(
            Enumerable.Range(0, 40).Select(i => $"m{i}").Order(StringComparer.Ordinal),
            first.Concat(second).Select(m => m.MessageText).Order(StringComparer.Ordinal));
        Assert.Equal(40, first.Concat(second).Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_visibility_timeout_hides_a_received_message_until_it_ends()
    {
        var queue = await _context.NewQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Value);
        var hidden = (await queue.ReceiveMessagesAsync()).Value;
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var again = Assert.Single((await queue.ReceiveMessagesAsync()).Value);

        Assert.Empty(hidden);
        Assert.InRange(first.NextVisibleOn, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, again.DequeueCount);
        Assert.NotEqual(first.PopReceipt, again.PopReceipt);
    }

    [Fact]
    public async Task Update_changes_text_and_visibility_and_only_the_new_pop_receipt_works()
    {
        var queue = await _context.NewQueueAsync();
        await queue.SendMessageAsync("gammel tekst");
        var received = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(60))).Value);

        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "ny tekst: æøå <&>");
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        var peeked = Assert.Single((await queue.PeekMessagesAsync()).Value);

        Assert.NotEqual(received.PopReceipt, updated.Value.PopReceipt);
        // Azurite answers a stale pop receipt with 400 PopReceiptMismatch (see QueueClient.DeleteMessageAsync).
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        Assert.Equal("ny tekst: æøå <&>", peeked.MessageText);
        Assert.Equal(1, peeked.DequeueCount);

        await queue.DeleteMessageAsync(received.MessageId, updated.Value.PopReceipt);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task Update_without_text_only_extends_the_visibility_timeout()
    {
        var queue = await _context.NewQueueAsync();
        await queue.SendMessageAsync("behold teksten");
        var received = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Value);

        var updated = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stillHidden = (await queue.ReceiveMessagesAsync()).Value;
        var visibleAgain = await queue.UpdateMessageAsync(received.MessageId, updated.Value.PopReceipt, TimeSpan.Zero);
        var again = Assert.Single((await queue.ReceiveMessagesAsync()).Value);

        Assert.Empty(stillHidden);
        Assert.True(updated.Value.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(50));
        Assert.True(visibleAgain.Value.NextVisibleOn <= DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("behold teksten", again.MessageText);
    }

    [Fact]
    public async Task Deleting_a_deleted_message_is_404_MessageNotFound()
    {
        var queue = await _context.NewQueueAsync();
        await queue.SendMessageAsync("x");
        var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        var update = await Assert.ThrowsAsync<RequestFailedException>(
            () => queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero));

        Assert.Equal(404, error.Status);
        Assert.Equal("MessageNotFound", error.ErrorCode);
        Assert.Equal(404, update.Status);
    }

    [Fact]
    public async Task Peek_does_not_change_the_dequeue_count_or_visibility()
    {
        var queue = await _context.NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var firstPeek = (await queue.PeekMessagesAsync(32)).Value;
        var secondPeek = (await queue.PeekMessagesAsync(1)).Value;
        var received = (await queue.ReceiveMessagesAsync(32)).Value;

        Assert.Equal(["a", "b"], firstPeek.Select(m => m.MessageText));
        Assert.All(firstPeek, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(0, Assert.Single(secondPeek).DequeueCount);
        Assert.Equal(2, received.Count);
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task Approximate_count_follows_sends_and_deletes()
    {
        var queue = await _context.NewQueueAsync();
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }
        Assert.Equal(3, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(2, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Theory]
    [InlineData(21_843)] // these lengths put a split 'æ' at Azurite's 4 KiB body chunk boundary when sent as raw UTF-8
    [InlineData(21_844)]
    [InlineData(32_768)] // exactly 64 KiB of UTF-8
    public async Task Long_non_ASCII_messages_round_trip_exactly(int length)
    {
        var queue = await _context.NewQueueAsync();
        var text = new string('æ', length - 1) + "Ø";

        await queue.SendMessageAsync(text);

        var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal(text.Length, received.MessageText.Length);
        Assert.Equal(text, received.MessageText);
    }

    [Fact]
    public async Task Characters_outside_the_basic_plane_round_trip()
    {
        var queue = await _context.NewQueueAsync();
        const string text = "Betalt 😀 𝄞 — ok";

        await queue.SendMessageAsync(text);

        Assert.Equal(text, Assert.Single((await queue.PeekMessagesAsync()).Value).MessageText);
    }
}
