using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tables;

/// <summary>
/// The account's Table endpoint, shaped like Azure.Data.Tables' TableServiceClient. Owns one Azure.Core pipeline
/// (retries, logging) that every <see cref="TableClient"/> it hands out shares; thread-safe, keep one per account.
/// Authentication: SharedKeyLite when the connection has a key, otherwise a bearer token for
/// <c>https://storage.azure.com/.default</c> from the connection's TokenCredential.
/// </summary>
public class TableServiceClient
{
    private readonly TableRest _rest;

    public TableServiceClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _rest = new TableRest(connection, options ?? new StorageClientOptions());
    }

    /// <summary>From a connection string (<c>UseDevelopmentStorage=true</c> or account name, key and endpoints).</summary>
    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), options)
    {
    }

    /// <summary>For mocking in callers' tests.</summary>
    protected TableServiceClient() => _rest = null!;

    public string AccountName => _rest.AccountName;

    public Uri Uri => _rest.Endpoint;

    /// <summary>A client for one table (no request is made; the name is checked).</summary>
    public virtual TableClient GetTableClient(string tableName) => new(_rest, tableName);

    /// <summary>Creates the table; an existing one is not an error.</summary>
    public virtual Task<Response> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default)
    {
        TableNames.Validate(tableName, nameof(tableName));
        return CreateTableAsync(_rest, tableName, ignoreExisting: true, cancellationToken);
    }

    /// <summary>Creates the table; 409 TableAlreadyExists when it exists.</summary>
    public virtual Task<Response> CreateTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        TableNames.Validate(tableName, nameof(tableName));
        return CreateTableAsync(_rest, tableName, ignoreExisting: false, cancellationToken);
    }

    /// <summary>Deletes the table; a missing table (404) is not an error, as in Azure.Data.Tables.</summary>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        TableNames.Validate(tableName, nameof(tableName));
        return DeleteTableAsync(_rest, tableName, cancellationToken);
    }

    internal static async Task<Response> CreateTableAsync(TableRest rest, string tableName, bool ignoreExisting, CancellationToken cancellationToken)
    {
        var message = rest.CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("TableName", tableName);
            json.WriteEndObject();
        }
        TableRest.SetJsonBody(message, body.ToArray());
        var response = await rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 409 && ignoreExisting)
        {
            var error = StorageErrors.Create(response, $"Create table {tableName}");
            // 409 TableBeingDeleted is a real failure: the table will not be there.
            if (error.ErrorCode == "TableAlreadyExists")
            {
                return response;
            }
            throw error;
        }
        StorageErrors.ThrowIfFailed(response, $"Create table {tableName}");
        return response;
    }

    internal static async Task<Response> DeleteTableAsync(TableRest rest, string tableName, CancellationToken cancellationToken)
    {
        var message = rest.CreateMessage(RequestMethod.Delete, $"Tables('{Uri.EscapeDataString(tableName)}')");
        var response = await rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 404)
        {
            StorageErrors.ThrowIfFailed(response, $"Delete table {tableName}");
        }
        return response;
    }
}
