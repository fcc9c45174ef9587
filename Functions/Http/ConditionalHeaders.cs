using Azure;
using Bankflow.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Http;

/// <summary>
/// Reads <c>If-Match</c> / <c>If-None-Match</c> of a write (RFC 9110 §13.1.1–2, entity-tag syntax §8.8.3) into a
/// <see cref="WritePrecondition"/>. Supported: <c>If-Match: *</c>, <c>If-Match: "tag"</c> or <c>W/"tag"</c> (one tag,
/// compared character for character with the ETag the API gave out — Table storage's ETags are weak, so weak
/// tags are compared as they are), and <c>If-None-Match: *</c> (create only). Anything else — text that is not an
/// entity-tag, a list of several tags, both headers at once, <c>If-None-Match</c> with a tag — is a 400 that says
/// what to send, never a write and never a 500.
/// </summary>
public static class ConditionalHeaders
{
    public static bool TryRead(HttpRequest request, out WritePrecondition precondition, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        precondition = WritePrecondition.None;
        problem = null;
        var ifMatch = request.Headers.IfMatch;
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifMatch.Count > 0 && ifNoneMatch.Count > 0)
        {
            problem = Problems.BadRequest("conflicting preconditions", "send either If-Match or If-None-Match, not both", "If-Match");
            return false;
        }
        if (ifMatch.Count > 0)
        {
            var value = ifMatch.ToString().Trim();
            if (value == "*")
            {
                precondition = WritePrecondition.Exists;
                return true;
            }
            if (IsEntityTag(value))
            {
                precondition = WritePrecondition.Matches(new ETag(value));
                return true;
            }
            problem = Problems.BadRequest("invalid If-Match",
                "If-Match takes * or one ETag exactly as this API sent it in the ETag header (a quoted entity-tag, e.g. W/\"datetime'…'\")", "If-Match");
            return false;
        }
        if (ifNoneMatch.Count > 0)
        {
            if (ifNoneMatch.ToString().Trim() == "*")
            {
                precondition = WritePrecondition.Absent;
                return true;
            }
            problem = Problems.BadRequest("invalid If-None-Match", "a write takes only If-None-Match: * (create it only if it does not exist yet)", "If-None-Match");
            return false;
        }
        return true;
    }

    /// <summary>entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text — one tag, no list.</summary>
    internal static bool IsEntityTag(string value)
    {
        var opaque = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        if (opaque.Length < 2 || opaque[0] != '"' || opaque[^1] != '"')
        {
            return false;
        }
        foreach (var c in opaque.AsSpan(1, opaque.Length - 2))
        {
            if (c is not ('\x21' or (>= '\x23' and <= '\x7E') or (>= '\x80' and <= '\xFF')))
            {
                return false;
            }
        }
        return true;
    }
}
