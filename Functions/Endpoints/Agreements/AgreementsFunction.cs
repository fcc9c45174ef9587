using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Http;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.Agreements;

/// <summary>
/// A bank account's agreement settings (Innstillinger &gt; Bankkontoer):
/// <c>GET /api/clients/{clientId}/agreements</c>, <c>GET|PUT /api/clients/{clientId}/agreements/{bankAccount}</c>.
/// PUT checks the bank's rules against the client's other accounts: 400 with a reason per field and nothing saved,
/// or 200 with the saved settings and the notifications (warnings) they raise. The answer's ETag can be sent back
/// as If-Match: a PUT based on settings someone changed since gets 412. <c>If-Match: *</c> updates only existing
/// settings (412 when there are none); <c>If-None-Match: *</c> creates only (412 when there are some); an If-Match
/// that is not an entity-tag is 400 (<see cref="ConditionalHeaders"/>).
/// </summary>
public sealed class AgreementsFunction(ClientAuthorization auth, AgreementStore store, AgreementSettings settings, NotificationStore notifications, TimeProvider time)
{
    public const string Name = "Agreements";
    public const string Route = "clients/{clientId}/agreements/{bankAccount?}";

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "put", Route = Route)] HttpRequest req, string clientId, string? bankAccount)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (RouteMiss.Absent(bankAccount))
        {
            return RouteMiss.IsGet(req) ? ListAsync(context, clientId) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
        }
        return RouteMiss.IsGet(req) ? GetAsync(context, clientId, bankAccount!) : PutAsync(context, clientId, bankAccount!);
    }

    private async Task<IResult> ListAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var list = await store.ListAsync(access.Client!, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(list.Select(AgreementJson.ToView));
    }

    private async Task<IResult> GetAsync(HttpContext context, string clientId, string bankAccount)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!AccountNumber.TryParse(bankAccount, out var account, out var error))
        {
            return Problems.BadRequest("invalid bank account", error!, "bankAccount");
        }
        var stored = await store.GetAsync(access.Client!, account!, context.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            return Problems.NotFound($"bank account {account!.Formatted} has no agreement settings for this client");
        }
        SetETag(context, stored.ETag);
        return Results.Ok(AgreementJson.ToView(stored));
    }

    private async Task<IResult> PutAsync(HttpContext context, string clientId, string bankAccount)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!AccountNumber.TryParse(bankAccount, out var account, out var accountError))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["bankAccount"] = [accountError!] });
        }
        if (!ConditionalHeaders.TryRead(context.Request, out var precondition, out var invalidPrecondition))
        {
            return invalidPrecondition!;
        }
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var client = access.Client!;
            var now = time.GetUtcNow();
            var body = new JsonFields(document!.RootElement);
            var proposed = AgreementJson.Read(client, account!, body, now);
            if (proposed is null)
            {
                return Problems.Validation(body.ToDictionary());
            }
            var result = await settings.SaveAsync(proposed, precondition, context.RequestAborted).ConfigureAwait(false);
            if (result.PreconditionFailed)
            {
                return RemittanceHttp.PreconditionFailed(precondition.Kind switch
                {
                    WritePreconditionKind.Exists => $"bank account {account!.Formatted} has no agreement settings to update (If-Match: *); PUT without If-Match to create them",
                    WritePreconditionKind.Absent => $"bank account {account!.Formatted} has agreement settings already (If-None-Match: *); GET them and send their ETag as If-Match to change them",
                    _ => "the agreement settings were changed (or removed) since the ETag you sent; GET them again and retry",
                });
            }
            if (!result.IsSaved)
            {
                return Problems.Validation(ByField(result.Errors));
            }
            foreach (var note in result.Notifications)
            {
                // Deterministic per account, rule and day: saving the same settings again that day does not notify twice
                // (a warning still standing the next day is raised again, newest first).
                var subject = $"{account!.Value}|{note.Field}|{note.Reason}";
                var cause = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
                await notifications.AddOnceAsync(new Notification(client, Notification.CreateId(cause, "AgreementNotice", subject), NotificationSeverity.Warning,
                    "AgreementNotice", $"Bank account {account.Formatted}: check the agreement settings", $"{note.Field}: {note.Reason}", now)
                {
                    Subject = account.Value,
                }, context.RequestAborted).ConfigureAwait(false);
            }
            SetETag(context, result.Saved!.ETag);
            return Results.Ok(new
            {
                agreement = AgreementJson.ToView(result.Saved),
                notifications = result.Notifications.Select(n => new { field = n.Field, reason = n.Reason }),
            });
        }
    }

    private static Dictionary<string, string[]> ByField(IEnumerable<FieldIssue> issues) =>
        issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Reason).ToArray(), StringComparer.Ordinal);

    private static void SetETag(HttpContext context, Azure.ETag etag)
    {
        if (etag != default)
        {
            context.Response.Headers.ETag = etag.ToString();
        }
    }
}
