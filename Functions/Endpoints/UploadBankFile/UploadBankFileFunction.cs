using System.Security.Cryptography;
using System.Text;
using Bankflow.Domain.Values;
using Bankflow.Functions.Http;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.UploadBankFile;

/// <summary>
/// File-based banks: the accountant downloads return files (status, OCR, statements) from the online bank
/// and uploads them here. POST stores the bytes in the inbox (where ImportBankFile picks them up) and
/// answers 202 with the import id; GET tells the import's status and reason.
/// Routes (HTTP forwarding on, so the handler sees the original path):
/// <c>POST /api/clients/{clientId}/files?name=…</c>, <c>GET /api/clients/{clientId}/files[/{importId}]</c>,
/// <c>POST /api/clients/{clientId}/files/{importId}/retry</c> (re-import a quarantined file from the archive).
/// </summary>
public sealed class UploadBankFileFunction(ClientAuthorization auth, FileImportStore imports, RawFileStore files, RetryImportUseCase retry, IntakeOptions options, TimeProvider time)
{
    public const string Name = "UploadBankFile";
    public const string Route = "clients/{clientId}/files/{importId?}/{action?}";

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
        return await retry.RunAsync(access.Client!, id, access.Grant!.Subject, context.RequestAborted).ConfigureAwait(false) switch
        {
            RetryOutcome.Queued => Results.Accepted(statusUrl, new { importId = id, status = "Pending", statusUrl }),
            RetryOutcome.NotFound => Problems.NotFound("no import with that id for this client"),
            RetryOutcome.NotQuarantined => Results.Problem(title: "not quarantined", detail: "only a quarantined import can be retried", statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem(title: "archive missing", detail: "the archived copy of this file is missing; upload the file again", statusCode: StatusCodes.Status409Conflict),
        };
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
        // Read at most one byte more than the limit: enough to know it is too large, never more into memory.
        var content = await ReadBoundedAsync(context.Request.Body, options.MaxFileBytes, context.RequestAborted).ConfigureAwait(false);
        if (content is null)
        {
            return Problems.TooLarge($"the file is larger than the limit of {options.MaxFileBytes:N0} bytes");
        }
        if (content.Length == 0)
        {
            return Problems.BadRequest("empty file", "the request body is empty; send the bank file's bytes as the body", "body");
        }
        var name = SafeFileName(context.Request.Query["name"].ToString() is { Length: > 0 } q ? q : context.Request.Headers["X-File-Name"].ToString());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var statusUrl = $"/api/clients/{client.Value}/files/{sha256}";

        var existing = await imports.GetAsync(client, sha256, context.RequestAborted).ConfigureAwait(false);
        if (existing is { Status: not FileImportStatus.Received })
        {
            return Results.Ok(new { importId = sha256, status = existing.Status.ToString(), duplicate = true, statusUrl });
        }
        await files.PutInboxAsync($"{client.Value}/upload/{sha256[..16]}-{name}", content, new Dictionary<string, string>
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

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
    }

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
