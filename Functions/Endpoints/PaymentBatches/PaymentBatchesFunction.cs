using System.Globalization;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.PaymentBatches;

/// <summary>
/// Payment batches (remittering):
/// <c>POST /api/clients/{clientId}/payment-batches</c> (create: 201, or 400 with a reason per payment and nothing saved),
/// <c>GET …/payment-batches</c>, <c>GET …/payment-batches/{batchId}</c> (payments with status and reasons),
/// <c>POST …/{batchId}/authorise</c> (RgB: who, when, BankID reference), <c>POST …/{batchId}/send</c> (Direct: pain.001
/// to the outbox; FileBased: released for download), <c>GET …/{batchId}/file[?version=03|09]</c> (the pain.001).
/// A state that does not allow the step (not authorised, agreement changed, already sent elsewhere) is 409 with reasons.
/// Create, authorise and send take an <c>Idempotency-Key</c> (<see cref="IdempotencyGate"/>).
/// </summary>
public sealed class PaymentBatchesFunction(ClientAuthorization auth, PaymentBatchService service, PaymentBatchStore store, IdempotencyGate idempotency, TimeProvider time)
{
    public const string Name = "PaymentBatches";
    public const string Route = "clients/{clientId}/payment-batches/{batchId?}/{action?}";

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Route)] HttpRequest req, string clientId, string? batchId, string? action)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        var get = RouteMiss.IsGet(req);
        if (RouteMiss.Absent(batchId))
        {
            return get ? ListAsync(context, clientId) : CreateAsync(context, clientId);
        }
        if (RouteMiss.Absent(action))
        {
            return get ? GetAsync(context, clientId, batchId!) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
        }
        if (RouteMiss.Is(action, "file"))
        {
            return get ? FileAsync(context, clientId, batchId!) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
        }
        if (RouteMiss.Is(action, "authorise") || RouteMiss.Is(action, "send"))
        {
            if (get)
            {
                return Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Post));
            }
            return RouteMiss.Is(action, "send") ? SendAsync(context, clientId, batchId!) : AuthoriseAsync(context, clientId, batchId!);
        }
        return Task.FromResult(RouteMiss.NotFound());
    }

    private async Task<IResult> CreateAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        return await idempotency.RunAsync(context, access.Client!, () => CreateAsync(context, access)).ConfigureAwait(false);
    }

    private async Task<IResult> CreateAsync(HttpContext context, ClientAccess access)
    {
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var outcome = await service.CreateAsync(access.Client!, new JsonFields(document!.RootElement), context.RequestAborted).ConfigureAwait(false);
            return outcome.Kind switch
            {
                BatchOutcomeKind.Ok => Results.Created(Url(outcome.Batch!), PaymentBatchJson.ToView(outcome.Batch!)),
                BatchOutcomeKind.Invalid => Problems.Validation(outcome.Errors.ToDictionary()),
                _ => RemittanceHttp.Conflict("the batch cannot be created", outcome.Errors),
            };
        }
    }

    private async Task<IResult> ListAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var list = await store.ListAsync(access.Client!, 500, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(list.Select(b => PaymentBatchJson.ToSummary(b.Batch, b.PaymentCount, b.Total, b.StatusCounts)));
    }

    private async Task<IResult> GetAsync(HttpContext context, string clientId, string batchId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var stored = IsBatchId(batchId) ? await service.GetAsync(access.Client!, batchId, context.RequestAborted).ConfigureAwait(false) : null;
        return stored is null ? NotFound() : Results.Ok(PaymentBatchJson.ToView(stored));
    }

    /// <summary>A BankID signing reference is an id, not a document: longer is refused rather than stored.</summary>
    private const int MaxBankIdReferenceLength = 200;

    private async Task<IResult> AuthoriseAsync(HttpContext context, string clientId, string batchId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!IsBatchId(batchId))
        {
            return NotFound();
        }
        return await idempotency.RunAsync(context, access.Client!, () => AuthoriseAsync(context, access, batchId)).ConfigureAwait(false);
    }

    private async Task<IResult> AuthoriseAsync(HttpContext context, ClientAccess access, string batchId)
    {
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var body = new JsonFields(document!.RootElement);
            // The authoriser is who signed in (the token's subject), never a name the body makes up: the audit trail
            // must not be able to name anyone else. The body may still say who, to catch a screen showing the wrong user.
            var subject = access.Grant!.Subject;
            var by = body.String("authorisedBy");
            if (!string.IsNullOrWhiteSpace(by) && !string.Equals(by, subject, StringComparison.Ordinal))
            {
                return Problems.Forbidden("authorisedBy names someone other than the signed-in user; the authorisation is recorded for the user the client token names, and only for them");
            }
            var reference = body.String("bankIdReference", required: true);
            var now = time.GetUtcNow();
            foreach (var (field, value) in new[] { ("authorisedBy", by), ("bankIdReference", reference) })
            {
                if (value is not null && string.IsNullOrWhiteSpace(value))
                {
                    body.Fail(field, "must not be empty");
                }
            }
            if (reference is { Length: > MaxBankIdReferenceLength })
            {
                body.Fail("bankIdReference", $"is longer than {MaxBankIdReferenceLength} characters");
            }
            else if (reference is not null && reference.Any(char.IsControl))
            {
                body.Fail("bankIdReference", "must not contain control characters");
            }
            var at = body.Timestamp("authorisedAt") ?? now;
            if (at > now.AddMinutes(5))
            {
                body.Fail("authorisedAt", $"the authorisation time {at:O} is in the future");
            }
            if (body.HasErrors)
            {
                return Problems.Validation(body.ToDictionary());
            }
            var authorisation = new BatchAuthorisation(subject, at, reference!) { RecordedAt = now };
            var outcome = await service.AuthoriseAsync(access.Client!, batchId, authorisation, context.RequestAborted).ConfigureAwait(false);
            return Answer(outcome, "the batch cannot be authorised");
        }
    }

    private async Task<IResult> SendAsync(HttpContext context, string clientId, string batchId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!IsBatchId(batchId))
        {
            return NotFound();
        }
        return await idempotency.RunAsync(context, access.Client!, async () =>
        {
            var outcome = await service.SendAsync(access.Client!, batchId, context.RequestAborted).ConfigureAwait(false);
            return Answer(outcome, "the batch cannot be sent");
        }).ConfigureAwait(false);
    }

    private async Task<IResult> FileAsync(HttpContext context, string clientId, string batchId)
    {
        var version = context.Request.Query.TryGetValue("version", out var values) ? values.ToString() : null;
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!IsBatchId(batchId))
        {
            return NotFound();
        }
        Pain001Version? chosen = null;
        if (version is not null)
        {
            if (!AgreementJson.TryParsePainVersion(version, out var parsed))
            {
                return Problems.BadRequest("invalid version", $"version must be 03 or 09 (pain.001.001.03 or .09), found '{version}'", "version");
            }
            chosen = parsed;
        }
        var (outcome, file) = await service.DownloadAsync(access.Client!, batchId, chosen, context.RequestAborted).ConfigureAwait(false);
        if (file is null)
        {
            return Answer(outcome, "the payment file cannot be downloaded");
        }
        return Results.File(file.Content, "application/xml", file.FileName);
    }

    private static IResult Answer(BatchOutcome outcome, string conflictTitle) => outcome.Kind switch
    {
        BatchOutcomeKind.Ok => Results.Ok(PaymentBatchJson.ToView(outcome.Batch!, outcome.Repeated)),
        BatchOutcomeKind.NotFound => NotFound(),
        BatchOutcomeKind.Invalid => Problems.Validation(outcome.Errors.ToDictionary()),
        _ => RemittanceHttp.Conflict(conflictTitle, outcome.Errors),
    };

    private static IResult NotFound() => Problems.NotFound("no payment batch with that id for this client");

    /// <summary>Batch ids are 1–29 of A–Z a–z 0–9 - . (the domain also allows '/', which a URL segment cannot carry).</summary>
    private static bool IsBatchId(string id) =>
        id.Length is > 0 and <= PaymentBatchBuilder.MaxBatchIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static string Url(StoredBatch stored) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/clients/{stored.Batch.ClientId.Value}/payment-batches/{stored.Batch.BatchId}");
}
