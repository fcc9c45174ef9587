using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tables;

/// <summary>
/// Signs Table requests with SharedKeyLite: <c>StringToSign = x-ms-date + "\n" + CanonicalizedResource</c>, where the
/// resource is "/" + account + the URI path exactly as sent, plus <c>?comp=…</c> when present (no other query).
/// For a path-style endpoint (Azurite: <c>http://127.0.0.1:10002/devstoreaccount1/Tables</c>) the path already
/// starts with the account, so the account appears twice — which is what Azurite verifies.
/// Runs per retry: the signature covers x-ms-date, which must be fresh on each try.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var stringToSign = date + "\n" + CanonicalizedResource(credential.AccountName, message.Request.Uri.ToUri());
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKeyLite {credential.AccountName}:{credential.Sign(stringToSign)}");
    }

    internal static string CanonicalizedResource(string accountName, Uri uri)
    {
        // AbsolutePath is the escaped path HttpClient puts on the wire.
        var resource = "/" + accountName + uri.AbsolutePath;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return resource + "?comp=" + Uri.UnescapeDataString(pair[5..]);
            }
        }
        return resource;
    }
}
