using Bankflow.Functions.Http;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bankflow.Functions.Endpoints.Notifications;

/// <summary>
/// The notification centre's API: <c>GET /api/clients/{clientId}/notifications[?includeAcknowledged=true]</c>
/// and <c>POST /api/clients/{clientId}/notifications/{id}/acknowledge</c>.
/// </summary>
public static class NotificationsFunction
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/clients/{clientId}/notifications", ListAsync);
        app.MapPost("/api/clients/{clientId}/notifications/{notificationId}/acknowledge", AcknowledgeAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string clientId, ClientAuthorization auth, NotificationStore store, bool? includeAcknowledged)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var list = await store.ListAsync(access.Client!, includeAcknowledged ?? false, 500, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(list.Select(ToView));
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext context, string clientId, string notificationId, ClientAuthorization auth, NotificationStore store, TimeProvider time)
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
        var acknowledged = await store.AcknowledgeAsync(access.Client!, notificationId, access.Grant!.Subject, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        return acknowledged is null ? Problems.NotFound("no notification with that id for this client") : Results.Ok(ToView(acknowledged));
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
