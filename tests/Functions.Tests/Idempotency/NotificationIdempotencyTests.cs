using Bankflow.Functions.Endpoints.Notifications;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Idempotency;

/// <summary>Acknowledging a notification takes an Idempotency-Key like every other state-changing POST.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class NotificationIdempotencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_acknowledgement_retried_with_its_key_is_replayed_and_the_key_on_another_notification_is_422()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var client = TestStorage.NewClient();
        var store = app.Services.GetRequiredService<NotificationStore>();
        var ids = new[] { "one", "two" }.Select(subject => Notification.CreateId(DateTimeOffset.UtcNow, "test", subject)).ToList();
        foreach (var id in ids)
        {
            await store.AddOnceAsync(new Notification(client, id, NotificationSeverity.Warning, "test", "title", "message", DateTimeOffset.UtcNow), CancellationToken.None);
        }
        var key = Guid.NewGuid().ToString();

        Task<Answer> AcknowledgeAsync(string id)
        {
            var context = app.Request("POST", $"/api/clients/{client.Value}/notifications/{id}/acknowledge", app.Token(client));
            context.Request.Headers[IdempotencyKeyHeader.Name] = key;
            return TestApp.AnswerAsync(context, app.Function<NotificationsFunction>().RunAsync(context.Request, client.Value, id, "acknowledge"));
        }

        var first = await AcknowledgeAsync(ids[0]);
        var again = await AcknowledgeAsync(ids[0]);
        var another = await AcknowledgeAsync(ids[1]);

        Assert.Equal(200, first.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal("true", again.Headers[IdempotencyKeyHeader.ReplayedHeader].ToString());
        Assert.Equal(422, another.Status);
        Assert.Null((await store.GetAsync(client, ids[1], CancellationToken.None))!.AcknowledgedAt);
    }
}
