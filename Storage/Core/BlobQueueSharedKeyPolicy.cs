using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Bankflow.Storage.Core;

/// <summary>
/// Signs Blob and Queue requests with the SharedKey scheme ("Authorize with Shared Key", version 2009-09-19 and
/// later): <c>Authorization: SharedKey {account}:{Base64(HMAC-SHA256(key, StringToSign))}</c>. Runs per retry so
/// every attempt carries a fresh <c>x-ms-date</c>.
/// </summary>
internal sealed class BlobQueueSharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly TimeProvider _clock;

    public BlobQueueSharedKeyPolicy(StorageSharedKeyCredential credential, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The headers, in order, whose values (or an empty line) precede the canonicalized headers.</summary>
    private static readonly string[] s_standardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", _clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        var signature = _credential.Sign(BuildStringToSign(request, _credential.AccountName));
        request.Headers.SetValue("Authorization", $"SharedKey {_credential.AccountName}:{signature}");
    }

    /// <summary>
    /// VERB, the standard headers (Content-Length empty when 0), the canonicalized <c>x-ms-</c> headers and the
    /// canonicalized resource. The resource is <c>/{account}{encoded path as sent}</c>: on a path-style endpoint
    /// (Azurite) the path already begins with the account, so the account appears twice — exactly what Azurite
    /// computes, and on Azure (host-style) it appears once.
    /// </summary>
    internal static string BuildStringToSign(Request request, string accountName)
    {
        var text = new StringBuilder(256);
        text.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (var name in s_standardHeaders)
        {
            text.Append(StandardHeaderValue(request, name)).Append('\n');
        }
        AppendCanonicalizedHeaders(text, request);
        AppendCanonicalizedResource(text, request.Uri.ToUri(), accountName);
        return text.ToString();
    }

    private static string StandardHeaderValue(Request request, string name)
    {
        if (name == "Content-Length")
        {
            // The transport sets Content-Length from the content; the header is usually not on the request yet.
            long length = 0;
            if (request.Headers.TryGetValue(name, out var explicitLength))
            {
                length = long.Parse(explicitLength, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (request.Content is { } content && content.TryComputeLength(out var computed))
            {
                length = computed;
            }
            return length == 0 ? "" : length.ToString(CultureInfo.InvariantCulture);
        }
        return request.Headers.TryGetValue(name, out var value) ? value : "";
    }

    private static void AppendCanonicalizedHeaders(StringBuilder text, Request request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in request.Headers)
        {
            if (!header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var name = header.Name.ToLowerInvariant();
            var value = FoldWhitespace(header.Value);
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        }
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    /// <summary>Trims and replaces runs of linear whitespace by one space, as the scheme requires.</summary>
    private static string FoldWhitespace(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal) && !trimmed.Contains('\t', StringComparison.Ordinal))
        {
            return trimmed;
        }
        var folded = new StringBuilder(trimmed.Length);
        var lastWasSpace = false;
        foreach (var c in trimmed)
        {
            var isSpace = c is ' ' or '\t';
            if (!isSpace || !lastWasSpace)
            {
                folded.Append(isSpace ? ' ' : c);
            }
            lastWasSpace = isSpace;
        }
        return folded.ToString();
    }

    private static void AppendCanonicalizedResource(StringBuilder text, Uri uri, string accountName)
    {
        text.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return;
        }
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }
            values.Add(value);
        }
        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            text.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }
}
