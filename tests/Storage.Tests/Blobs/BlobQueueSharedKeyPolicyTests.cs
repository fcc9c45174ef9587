using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tests.Blobs;

/// <summary>
/// The string-to-sign was written out by hand from "Authorize with Shared Key"; the signature was computed outside
/// .NET: <c>openssl dgst -sha256 -mac HMAC -macopt hexkey:$(base64 -d key | xxd -p) -binary sts.txt | base64</c>.
/// </summary>
public sealed class BlobQueueSharedKeyPolicyTests
{
    private const string ExpectedPathStyle =
        "PUT\n" +
        "\n" +              // Content-Encoding
        "\n" +              // Content-Language
        "11\n" +            // Content-Length
        "\n" +              // Content-MD5
        "text/plain\n" +    // Content-Type
        "\n" +              // Date (x-ms-date is used)
        "\n" +              // If-Modified-Since
        "\"0x8D\"\n" +      // If-Match
        "\n" +              // If-None-Match
        "\n" +              // If-Unmodified-Since
        "\n" +              // Range
        "x-ms-date:Sun, 22 Nov 2026 09:00:00 GMT\n" +
        "x-ms-meta-kunde:Ole Hansen\n" +
        "x-ms-version:2025-01-05\n" +
        "/devstoreaccount1/devstoreaccount1/inbox/a%20b%C3%A6.txt\n" +
        "comp:metadata\n" +
        "timeout:30";

    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static HttpMessage PathStyleMessage()
    {
        var message = HttpPipelineBuilder.Build(new StorageClientOptions()).CreateMessage();
        message.Request.Method = RequestMethod.Put;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/inbox/a%20b%C3%A6.txt?timeout=30&comp=metadata"));
        message.Request.Headers.SetValue("x-ms-version", "2025-01-05");
        message.Request.Headers.SetValue("x-ms-meta-Kunde", "Ole Hansen");
        message.Request.Headers.SetValue("Content-Type", "text/plain");
        message.Request.Headers.SetValue("If-Match", "\"0x8D\"");
        message.Request.Content = RequestContent.Create("hello world"u8.ToArray());
        return message;
    }

    [Fact]
    public void String_to_sign_for_a_path_style_endpoint_names_the_account_twice()
    {
        using var message = PathStyleMessage();
        message.Request.Headers.SetValue("x-ms-date", "Sun, 22 Nov 2026 09:00:00 GMT");

        Assert.Equal(ExpectedPathStyle, BlobQueueSharedKeyPolicy.BuildStringToSign(message.Request, "devstoreaccount1"));
    }

    [Fact]
    public void Policy_sets_x_ms_date_and_the_hand_checked_signature()
    {
        using var message = PathStyleMessage();
        var policy = new BlobQueueSharedKeyPolicy(
            new StorageSharedKeyCredential(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey),
            new FixedClock(s_now));

        policy.OnSendingRequest(message);

        Assert.True(message.Request.Headers.TryGetValue("x-ms-date", out var date));
        Assert.Equal("Sun, 22 Nov 2026 09:00:00 GMT", date);
        Assert.True(message.Request.Headers.TryGetValue("Authorization", out var authorization));
        Assert.Equal("SharedKey devstoreaccount1:Wp7j68KQJreLuE73c9N8/g7+e9/HNftJmJRvh+l+ITw=", authorization);
    }

    [Fact]
    public void Host_style_GET_without_body_has_empty_Content_Length_one_account_and_decoded_sorted_query()
    {
        using var message = HttpPipelineBuilder.Build(new StorageClientOptions()).CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("https://bankflow.blob.core.windows.net/inbox?restype=container&comp=list&prefix=a%2Fb%20c&Include=metadata"));
        message.Request.Headers.SetValue("x-ms-version", "2025-01-05");
        message.Request.Headers.SetValue("x-ms-date", "Sun, 22 Nov 2026 09:00:00 GMT");

        var expected =
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:Sun, 22 Nov 2026 09:00:00 GMT\n" +
            "x-ms-version:2025-01-05\n" +
            "/bankflow/inbox\n" +
            "comp:list\n" +
            "include:metadata\n" +
            "prefix:a/b c\n" +
            "restype:container";
        Assert.Equal(expected, BlobQueueSharedKeyPolicy.BuildStringToSign(message.Request, "bankflow"));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
