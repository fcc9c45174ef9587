using System.Text.Json;
using Bankflow.Domain.Access;
using Bankflow.Domain.Dnb;
using Bankflow.Functions.Dnb;
using Bankflow.Functions.Http;
using Bankflow.Functions.Remittance;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.DnbCallback;

/// <summary>
/// <c>POST /api/dnb/callback</c>: what DNB calls when it has registered (or could not register) an ordered agreement.
/// No function key or client token — DNB holds neither — but an HMAC-SHA256 signature over timestamp and body with the
/// secret shared with DNB, inside a 5-minute window (<see cref="DnbCallbackSignature"/>); 401 otherwise. Then: unknown
/// order 404, expired 410, not fitting the order 400, completed by another callback 409 — and nothing written. The same
/// callback again answers 200 with <c>duplicate: true</c> and changes nothing.
/// </summary>
public sealed class DnbCallbackFunction(DnbOptions options, DnbOrderService service, TimeProvider time)
{
    public const string Name = "DnbCallback";
    public const string Route = "dnb/callback";

    /// <summary>A callback lists at most six accounts; this is ample and keeps an unauthenticated body small.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (!options.IsConfigured)
        {
            return Problems.Unavailable("the DNB integration is not configured on this installation (Bankflow:Dnb:*)");
        }
        var body = await ReadBodyAsync(req, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.TooLarge($"a DNB callback is at most {MaxBodyBytes:N0} bytes");
        }
        var check = DnbCallbackSignature.Verify(options.SecretBytes, req.Headers[DnbCallbackSignature.TimestampHeader].ToString(),
            req.Headers[DnbCallbackSignature.SignatureHeader].ToString(), body, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            return Problems.Unauthorized(check switch
            {
                SignatureCheck.Missing => $"the callback must carry {DnbCallbackSignature.TimestampHeader} and {DnbCallbackSignature.SignatureHeader}",
                SignatureCheck.Malformed => $"{DnbCallbackSignature.TimestampHeader} must be Unix seconds and {DnbCallbackSignature.SignatureHeader} sha256= and 64 hex digits",
                SignatureCheck.OutsideWindow => $"the callback's timestamp is more than {DnbCallbackSignature.ReplayWindow.TotalMinutes:0} minutes from now: refused as a replay",
                _ => "the callback's signature does not match",
            });
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest("invalid JSON", $"the callback body is not valid JSON: {ex.Message}", "body");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("not a JSON object", "the callback body must be a JSON object", "body");
            }
            var fields = new JsonFields(document.RootElement);
            var callback = Bankflow.Functions.Dnb.DnbCallback.Read(fields);
            if (callback is null)
            {
                return Problems.Validation(fields.ToDictionary());
            }
            var outcome = await service.CallbackAsync(callback, body, context.RequestAborted).ConfigureAwait(false);
            return outcome.Result switch
            {
                DnbCallbackResult.Applied or DnbCallbackResult.Duplicate => Results.Ok(new
                {
                    orderId = outcome.Order!.OrderId,
                    status = DnbOrderJson.StatusName(outcome.Order.Status),
                    duplicate = outcome.Result == DnbCallbackResult.Duplicate,
                }),
                DnbCallbackResult.UnknownOrder => Problems.NotFound(outcome.Detail!),
                DnbCallbackResult.Expired => Results.Problem(title: "order expired", detail: outcome.Detail, statusCode: StatusCodes.Status410Gone),
                DnbCallbackResult.Invalid => Problems.Validation(new Dictionary<string, string[]>(outcome.Errors!, StringComparer.Ordinal)),
                _ => Results.Problem(title: "conflict", detail: outcome.Detail, statusCode: StatusCodes.Status409Conflict),
            };
        }
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
}
