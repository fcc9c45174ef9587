using Bankflow.Domain.Access;
using Bankflow.Domain.Collection;
using Bankflow.Domain.Values;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Collection;

/// <summary>A checked agency call: which agency, for which client, through which integration, and the body as signed.</summary>
public sealed record AgencyCall(string AgencyId, ClientId Client, AgencyIntegration Integration, byte[] Body);

/// <summary>
/// Every agency request passes here before anything is read or written: the headers present and well-formed, the agency
/// known (it has a secret), the signature right and inside the window (401), not seen before (401 replayed), the client key
/// an active integration of that agency (403 — the same answer for a key of another agency and for no key at all, so an
/// agency learns nothing of clients that did not activate it), and an Idempotency-Key on the POST (400).
/// </summary>
public sealed partial class AgencyGuard(CollectionOptions options, CollectionStore store, AgencySignatureStore signatures, TimeProvider time, ILogger<AgencyGuard> logger)
{
    /// <summary>Agency bodies are small (one settlement, one status); this keeps an unauthenticated body small too.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<(AgencyCall? Call, IResult? Failure)> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, Problems.TooLarge($"an agency request is at most {MaxBodyBytes:N0} bytes"));
        }
        var agencyId = request.Headers[AgencySignature.AgencyHeader].ToString();
        var signature = request.Headers[AgencySignature.SignatureHeader].ToString();
        if (agencyId.Length is 0 or > 50 || !options.TryGetSecret(agencyId, out var secret))
        {
            return (null, Problems.Unauthorized($"{AgencySignature.AgencyHeader} must name an agency Bankflow has a secret for"));
        }
        var pathAndQuery = (request.PathBase + request.Path).ToString() + request.QueryString.ToString();
        var check = AgencySignature.Verify(secret, request.Headers[AgencySignature.TimestampHeader].ToString(), signature, request.Method, pathAndQuery,
            request.Headers[AgencySignature.IdempotencyKeyHeader].ToString(), body, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            LogRefused(logger, agencyId, check.ToString());
            return (null, Problems.Unauthorized(check switch
            {
                SignatureCheck.Missing => $"the request must carry {AgencySignature.TimestampHeader} and {AgencySignature.SignatureHeader}",
                SignatureCheck.Malformed => $"{AgencySignature.TimestampHeader} must be Unix seconds and {AgencySignature.SignatureHeader} base64 of 32 bytes",
                SignatureCheck.OutsideWindow => $"the request's timestamp is more than {PartnerSignature.ReplayWindow.TotalMinutes:0} minutes from now: refused as a replay",
                _ => "the request's signature does not match (HMAC-SHA256 over timestamp, method, path, Idempotency-Key and body; see docs/collection.md)",
            }));
        }
        if (!Guid.TryParseExact(request.Headers[AgencySignature.ClientKeyHeader].ToString(), "D", out var clientKey))
        {
            return (null, Problems.BadRequest("invalid client key", $"{AgencySignature.ClientKeyHeader} must be the client key GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", AgencySignature.ClientKeyHeader));
        }
        if (HttpMethods.IsPost(request.Method) && string.IsNullOrEmpty(request.Headers[IdempotencyKeyHeader.Name].ToString()))
        {
            return (null, Problems.BadRequest("Idempotency-Key required", "every agency POST carries an Idempotency-Key; a retry sends the same key", IdempotencyKeyHeader.Name));
        }
        // Recorded only once the signature is known to be the agency's: nobody else can fill the table.
        if (!await signatures.TryRecordAsync(agencyId, signature, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            LogRefused(logger, agencyId, "Replayed");
            return (null, Results.Problem(title: "authentication required", detail: "this signature was already used: a retry is signed anew (a new timestamp)",
                statusCode: StatusCodes.Status401Unauthorized, extensions: new Dictionary<string, object?> { ["code"] = "replayed" }));
        }
        var client = await store.ClientOfKeyAsync(agencyId, clientKey, cancellationToken).ConfigureAwait(false);
        var integration = client is null ? null : await store.GetIntegrationAsync(client, agencyId, cancellationToken).ConfigureAwait(false);
        if (client is null || integration is null || !integration.Integration.Active || integration.Integration.ClientKey != clientKey)
        {
            return (null, Problems.Forbidden("this client key is not an active integration of your agency"));
        }
        // The body was read for the signature; the idempotency gate and the operation read it again.
        request.Body = new MemoryStream(body, writable: false);
        return (new AgencyCall(agencyId, client, integration.Integration, body), null);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agency {AgencyId}: request refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string agencyId, string reason);
}
