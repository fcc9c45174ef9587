using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tables;

/// <summary>What the service and table clients share: the pipeline, the endpoint and the common headers (§5.2 of the notes).</summary>
internal sealed class TableRest
{
    /// <summary>Without Accept the service answers in Atom XML; minimal metadata brings the property types back.</summary>
    public const string AcceptMinimalMetadata = "application/json;odata=minimalmetadata";
    public const string AcceptNoMetadata = "application/json;odata=nometadata";

    public TableRest(StorageConnection connection, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = connection.TableEndpoint;
        AccountName = connection.AccountName;
        ServiceVersion = options.ServiceVersion;
        Pipeline = StoragePipeline.Build(options, connection, key => new TableSharedKeyLitePolicy(key));
    }

    public HttpPipeline Pipeline { get; }

    public Uri Endpoint { get; }

    public string AccountName { get; }

    public string ServiceVersion { get; }

    /// <summary>A request to <c>{endpoint}/{path}</c>; <paramref name="path"/> is already escaped.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string escapedPath, string accept = AcceptNoMetadata)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        var uri = new RequestUriBuilder();
        uri.Reset(new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + escapedPath));
        request.Uri = uri;
        request.Headers.SetValue("x-ms-version", ServiceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue(HttpHeader.Names.Accept, accept);
        return message;
    }

    public static void SetJsonBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    /// <summary>Sends and returns the response. The message is not disposed: the returned Response (buffered) stays readable.</summary>
    public async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    /// <summary><c>{table}(PartitionKey='…',RowKey='…')</c> with the keys quote-doubled and percent-encoded.</summary>
    public static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{table}(PartitionKey='{TableKeys.ForUrl(partitionKey)}',RowKey='{TableKeys.ForUrl(rowKey)}')";

    /// <summary>If-Match value: the ETag exactly as the service sent it, or <c>*</c>.</summary>
    public static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();
}
