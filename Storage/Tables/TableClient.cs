using System.Text.Json;
using Azure;
using Azure.Core;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tables;

/// <summary>
/// Operations on one table, shaped like Azure.Data.Tables' TableClient. Thread-safe: keep one per table.
/// Every method checks its arguments before any request (ArgumentException naming the parameter and the rule);
/// every service error, and every transport failure, surfaces as <see cref="RequestFailedException"/>
/// (Azure.Core's HttpClientTransport wraps HttpRequestException into one with Status 0).
/// </summary>
public partial class TableClient
{
    private readonly TableRest _rest;

    /// <summary>A client for <paramref name="tableName"/> with its own pipeline.</summary>
    public TableClient(StorageConnection connection, string tableName, StorageClientOptions? options = null)
        : this(new TableRest(connection ?? throw new ArgumentNullException(nameof(connection)), options ?? new StorageClientOptions()), tableName)
    {
    }

    internal TableClient(TableRest rest, string tableName)
    {
        TableNames.Validate(tableName, nameof(tableName));
        _rest = rest;
        Name = tableName;
    }

    /// <summary>For mocking in callers' tests, as the Azure SDK clients allow.</summary>
    protected TableClient()
    {
        _rest = null!;
        Name = "";
    }

    public string Name { get; }

    public string AccountName => _rest.AccountName;

    /// <summary>Builds a safe OData filter; see <see cref="TableFilter.Create"/>.</summary>
    public static string CreateQueryFilter(FormattableString filter) => TableFilter.Create(filter);

    /// <summary>Creates the table; an existing table (409 TableAlreadyExists) is not an error.</summary>
    public virtual Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        TableServiceClient.CreateTableAsync(_rest, Name, ignoreExisting: true, cancellationToken);

    /// <summary>Deletes the table; a missing table (404) is not an error, as in Azure.Data.Tables.</summary>
    public virtual Task<Response> DeleteAsync(CancellationToken cancellationToken = default) =>
        TableServiceClient.DeleteTableAsync(_rest, Name, cancellationToken);

    /// <summary>Reads one row; 404 (ResourceNotFound) is a <see cref="RequestFailedException"/>.</summary>
    public virtual async Task<Response<TableEntity>> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await GetEntityCoreAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            throw StorageErrors.Create(response, $"Get entity ({Describe(partitionKey, rowKey)})");
        }
        return Response.FromValue(ReadEntity(response), response);
    }

    /// <summary>Reads one row; when it is absent, <c>HasValue</c> is false and <c>Value</c> is null.</summary>
    public virtual async Task<NullableResponse<TableEntity>> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await GetEntityCoreAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return new TableNullableResponse<TableEntity>(response.Status == 404 ? null : ReadEntity(response), response);
    }

    private async Task<Response> GetEntityCoreAsync(string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        TableKeys.Validate(partitionKey, "PartitionKey", nameof(partitionKey));
        TableKeys.Validate(rowKey, "RowKey", nameof(rowKey));
        var selectList = SelectList(select, nameof(select));
        var message = _rest.CreateMessage(RequestMethod.Get, TableRest.EntityPath(Name, partitionKey, rowKey), TableRest.AcceptMinimalMetadata);
        if (selectList is not null)
        {
            message.Request.Uri.AppendQuery("$select", selectList);
        }
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && response.Status != 404)
        {
            throw StorageErrors.Create(response, $"Get entity ({Describe(partitionKey, rowKey)})");
        }
        // A 404 for a missing *table* is an error even for the IfExists variant.
        if (response.Status == 404 && StorageErrors.Create(response, "").ErrorCode == "TableNotFound")
        {
            throw StorageErrors.Create(response, $"Get entity ({Describe(partitionKey, rowKey)})");
        }
        return response;
    }

    private static TableEntity ReadEntity(Response response)
    {
        response.Headers.TryGetValue("ETag", out var etag);
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Read(json.RootElement, etag);
    }

    /// <summary>Inserts a new row; 409 (EntityAlreadyExists) when it exists. The new ETag is in the response's ETag header.</summary>
    public virtual async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        var body = TableEntityJson.Serialize(entity, nameof(entity));
        var message = _rest.CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        TableRest.SetJsonBody(message, body);
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        StorageErrors.ThrowIfFailed(response, $"Add entity ({Describe(entity.PartitionKey, entity.RowKey)}) to {Name}");
        return response;
    }

    /// <summary>Inserts or updates; <see cref="TableUpdateMode.Merge"/> keeps properties the entity does not carry, Replace drops them. No ETag check.</summary>
    public virtual Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, ifMatch: null, mode, "Upsert", cancellationToken);

    /// <summary>
    /// Updates an existing row if its ETag still equals <paramref name="ifMatch"/> (412 UpdateConditionNotSatisfied otherwise;
    /// 404 when the row is gone). Pass <see cref="ETag.All"/> to update unconditionally.
    /// </summary>
    public virtual Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("ifMatch must be the entity's ETag, or ETag.All for an unconditional update", nameof(ifMatch));
        }
        return WriteEntityAsync(entity, ifMatch.ToString(), mode, "Update", cancellationToken);
    }

    private async Task<Response> WriteEntityAsync(TableEntity entity, string? ifMatch, TableUpdateMode mode, string verb, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be Merge or Replace");
        }
        var body = TableEntityJson.Serialize(entity, nameof(entity));
        // MERGE is the documented verb (Azure.Data.Tables sends it); PUT replaces.
        var method = mode == TableUpdateMode.Merge ? new RequestMethod("MERGE") : RequestMethod.Put;
        var message = _rest.CreateMessage(method, TableRest.EntityPath(Name, entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        }
        TableRest.SetJsonBody(message, body);
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        StorageErrors.ThrowIfFailed(response, $"{verb} ({mode}) entity ({Describe(entity.PartitionKey, entity.RowKey)}) in {Name}");
        return response;
    }

    /// <summary>
    /// Deletes a row if its ETag equals <paramref name="ifMatch"/>; <c>default</c> (or <see cref="ETag.All"/>) deletes
    /// unconditionally. A missing row is a 404 <see cref="RequestFailedException"/>; a changed one 412.
    /// </summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableKeys.Validate(partitionKey, "PartitionKey", nameof(partitionKey));
        TableKeys.Validate(rowKey, "RowKey", nameof(rowKey));
        var message = _rest.CreateMessage(RequestMethod.Delete, TableRest.EntityPath(Name, partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, TableRest.IfMatch(ifMatch));
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        StorageErrors.ThrowIfFailed(response, $"Delete entity ({Describe(partitionKey, rowKey)}) from {Name}");
        return response;
    }

    internal static string? SelectList(IEnumerable<string>? select, string parameterName)
    {
        if (select is null)
        {
            return null;
        }
        var names = select.ToList();
        foreach (var name in names)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp")
            {
                continue;
            }
            TableProperties.ValidateName(name, parameterName);
        }
        if (names.Count == 0)
        {
            return null;
        }
        // Always bring the keys back: an entity without them could be written back to the wrong row.
        return string.Join(',', new[] { "PartitionKey", "RowKey" }.Concat(names).Distinct(StringComparer.Ordinal));
    }

    /// <summary>Keys for messages; shortened so a 1 KiB key does not flood a log line.</summary>
    internal static string Describe(string partitionKey, string rowKey) =>
        $"PartitionKey '{TableNames.Shorten(partitionKey)}', RowKey '{TableNames.Shorten(rowKey)}'";
}
