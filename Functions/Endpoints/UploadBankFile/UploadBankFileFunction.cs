using System.Security.Cryptography;
using System.Text;
using Bankflow.Domain.Values;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.UploadBankFile;

/// <summary>
/// File-based banks: the accountant downloads return files (status, OCR, statements) from the online bank
/// and uploads them here. POST streams the bytes into the inbox (where ImportBankFile picks them up) and
/// answers 202 with the import id; GET tells the import's status and reason.
/// Routes (one function; the optional segments pick the operation):
/// <c>POST /api/clients/{clientId}/files?name=…</c>, <c>GET /api/clients/{clientId}/files[/{importId}]</c>,
/// <c>POST /api/clients/{clientId}/files/{importId}/retry</c> (re-import a quarantined file from the archive).
/// Both POSTs take an <c>Idempotency-Key</c> (<see cref="IdempotencyGate"/>); an upload's body is hashed as it streams.
/// </summary>
public sealed class UploadBankFileFunction(
    ClientAuthorization auth, FileImportStore imports, BankflowStorage storage, RetryImportUseCase retry, IdempotencyGate idempotency, IntakeOptions options, TimeProvider time)
{
    public const string Name = "UploadBankFile";
    public const string Route = "clients/{clientId}/files/{importId?}/{action?}";
    private const string FileNameHeader = "X-File-Name";

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Route)] HttpRequest req, string clientId, string? importId, string? action)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        var get = RouteMiss.IsGet(req);
        if (RouteMiss.Absent(importId))
        {
            return get ? ListAsync(context, clientId) : UploadAsync(context, clientId);
        }
        if (RouteMiss.Absent(action))
        {
            return get ? GetAsync(context, clientId, importId!) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
        }
        if (!RouteMiss.Is(action, "retry"))
        {
            return Task.FromResult(RouteMiss.NotFound());
        }
        return get ? Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Post)) : RetryAsync(context, clientId, importId!);
    }

    /// <summary>Re-imports a quarantined file from its archived bytes (e.g. after an outage made every attempt fail).</summary>
    private async Task<IResult> RetryAsync(HttpContext context, string clientId, string importId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!IsImportId(importId))
        {
            return Problems.BadRequest("invalid import id", "an import id is the file's SHA-256 as 64 hex digits", "importId");
        }
        var id = importId.ToLowerInvariant();
        var statusUrl = $"/api/clients/{access.Client!.Value}/files/{id}";
        return await idempotency.RunAsync(context, access.Client!, async () =>
            await retry.RunAsync(access.Client!, id, access.Grant!.Subject, context.RequestAborted).ConfigureAwait(false) switch
            {
                RetryOutcome.Queued => Results.Accepted(statusUrl, new { importId = id, status = "Pending", statusUrl }),
                RetryOutcome.NotFound => Problems.NotFound("no import with that id for this client"),
                RetryOutcome.NotQuarantined => Results.Problem(title: "not quarantined", detail: "only a quarantined import can be retried", statusCode: StatusCodes.Status409Conflict),
                _ => Results.Problem(title: "archive missing", detail: "the archived copy of this file is missing; upload the file again", statusCode: StatusCodes.Status409Conflict),
            }).ConfigureAwait(false);
    }

    private static bool IsImportId(string importId) => importId.Length == 64 && importId.All(Uri.IsHexDigit);

    private async Task<IResult> UploadAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var client = access.Client!;
        if (context.Request.ContentLength > options.MaxFileBytes)
        {
            return Problems.TooLarge($"the file is {context.Request.ContentLength:N0} bytes; the limit is {options.MaxFileBytes:N0} bytes");
        }
        // Our limit, not Kestrel's default (30 MB), decides: reading stops one byte past it. Kestrel counts a chunked
        // body with its framing, so it gets room for that; the upload counts the file's own bytes exactly.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = options.MaxFileBytes + Math.Max(64 * 1024, options.MaxFileBytes / 16);
        }
        // The file's name (query or header) is part of "the same request" for a key: the bytes alone are not.
        return await idempotency.RunStreamedAsync(context, client, options.MaxFileBytes, [FileNameHeader],
            claim => UploadAsync(context, access, claim)).ConfigureAwait(false);
    }

    private async Task<IResult> UploadAsync(HttpContext context, ClientAccess access, IdempotencyClaim claim)
    {
        var client = access.Client!;
        var name = SafeFileName(context.Request.Query["name"].ToString() is { Length: > 0 } q ? q : context.Request.Headers[FileNameHeader].ToString());
        // The body streams into uncommitted blocks of a fresh inbox blob while it is hashed; nothing appears (and no
        // trigger fires) unless it is committed below. The import id is the SHA-256, whatever the blob's name.
        var uploadId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var upload = await InboxUpload.StageAsync(storage, $"{client.Value}/upload/{uploadId}-{name}", context.Request.Body, options.MaxFileBytes, context.RequestAborted).ConfigureAwait(false);
        if (upload.TooLarge)
        {
            return Problems.TooLarge($"the file is larger than the limit of {options.MaxFileBytes:N0} bytes");
        }
        if (upload.Length == 0)
        {
            return Problems.BadRequest("empty file", "the request body is empty; send the bank file's bytes as the body", "body");
        }
        var sha256 = upload.Sha256;
        // Only now is the body known; with a key, a request that is not the first stops here and its blocks are never committed.
        if (await claim.TryClaimAsync(sha256, context.RequestAborted).ConfigureAwait(false) is { } answered)
        {
            return answered;
        }
        var statusUrl = $"/api/clients/{client.Value}/files/{sha256}";

        var existing = await imports.GetAsync(client, sha256, context.RequestAborted).ConfigureAwait(false);
        if (existing is { Status: not FileImportStatus.Received })
        {
            return Results.Ok(new { importId = sha256, status = existing.Status.ToString(), duplicate = true, statusUrl });
        }
        await upload.CommitAsync(new Dictionary<string, string>
        {
            ["sha256"] = sha256,
            ["uploadedBy"] = access.Grant!.Subject,
            ["uploadedAt"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, context.RequestAborted).ConfigureAwait(false);
        return Results.Accepted(statusUrl, new { importId = sha256, status = "Pending", statusUrl });
    }

    private async Task<IResult> GetAsync(HttpContext context, string clientId, string importId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!IsImportId(importId))
        {
            return Problems.BadRequest("invalid import id", "an import id is the file's SHA-256 as 64 hex digits", "importId");
        }
        var record = await imports.GetAsync(access.Client!, importId.ToLowerInvariant(), context.RequestAborted).ConfigureAwait(false);
        // An upload not yet picked up by the trigger has no record; the caller polls again.
        return record is null
            ? Problems.NotFound("no import with that id for this client (an upload can take a few seconds to appear)")
            : Results.Ok(ToView(record));
    }

    private async Task<IResult> ListAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var records = await imports.ListAsync(access.Client!, 200, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(records.OrderByDescending(r => r.ReceivedAt).Select(ToView));
    }

    internal static object ToView(FileImportRecord r) => new
    {
        importId = r.Sha256,
        status = r.Status.ToString(),
        fileName = r.FileName,
        channel = r.Channel,
        size = r.Size,
        format = r.Format,
        formatVersion = r.FormatVersion,
        entryCount = r.EntryCount,
        warningCount = r.WarningCount,
        reason = r.Reason,
        receivedAt = r.ReceivedAt,
        completedAt = r.CompletedAt,
    };

    /// <summary>Keeps a name readable but harmless as one blob path segment.</summary>
    internal static string SafeFileName(string? name)
    {
        var builder = new StringBuilder();
        foreach (var c in Path.GetFileName(name ?? "") ?? "")
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
            if (builder.Length == 100)
            {
                break;
            }
        }
        var safe = builder.ToString().Trim('.');
        return safe.Length == 0 ? "upload" : safe;
    }
}
