using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.Notifications;

/// <summary>
/// The notification centre's API: <c>GET /api/clients/{clientId}/notifications[?includeAcknowledged=true]</c>
/// and <c>POST /api/clients/{clientId}/notifications/{id}/acknowledge</c> (takes an <c>Idempotency-Key</c>).
/// </summary>
public sealed class NotificationsFunction(ClientAuthorization auth, NotificationStore store, IdempotencyGate idempotency, TimeProvider time)
{
    public const string Name = "Notifications";
    public const string Route = "clients/{clientId}/notifications/{notificationId?}/{action?}";

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Route)] HttpRequest req, string clientId, string? notificationId, string? action)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (RouteMiss.Absent(notificationId))
        {
            return RouteMiss.IsGet(req) ? ListAsync(context, clientId) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
        }
        if (!RouteMiss.Is(action, "acknowledge"))
        {
            return Task.FromResult(RouteMiss.NotFound());
        }
        return RouteMiss.IsPost(req) ? AcknowledgeAsync(context, clientId, notificationId!) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Post));
    }

    private async Task<IResult> ListAsync(HttpContext context, string clientId)
    {
        if (!RouteMiss.TryOptionalBool(context.Request, "includeAcknowledged", out var includeAcknowledged, out var badQuery))
        {
            return badQuery!;
        }
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var list = await store.ListAsync(access.Client!, includeAcknowledged ?? false, 500, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(list.Select(ToView));
    }

    private async Task<IResult> AcknowledgeAsync(HttpContext context, string clientId, string notificationId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (notificationId.Length > 64 || !notificationId.All(c => char.IsAsciiHexDigit(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return Problems.BadRequest("invalid notification id", "a notification id is digits, hex digits and '-'", "notificationId");
        }
        return await idempotency.RunAsync(context, access.Client!, async () =>
        {
            var acknowledged = await store.AcknowledgeAsync(access.Client!, notificationId, access.Grant!.Subject, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
            return acknowledged is null ? Problems.NotFound("no notification with that id for this client") : Results.Ok(ToView(acknowledged));
        }).ConfigureAwait(false);
    }

    private static object ToView(Notification n) => new
    {
        id = n.Id,
        severity = n.Severity.ToString(),
        kind = n.Kind,
        title = n.Title,
        message = n.Message,
        subject = n.Subject,
        createdAt = n.CreatedAt,
        acknowledgedAt = n.AcknowledgedAt,
        acknowledgedBy = n.AcknowledgedBy,
    };
}
