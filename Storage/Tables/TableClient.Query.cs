using System.Text.Json;
using Azure;
using Azure.Core;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tables;

public partial class TableClient
{
    /// <summary>The service's largest page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// Queries the table. <paramref name="filter"/> is an OData <c>$filter</c> — build it with
    /// <see cref="TableFilter.Create"/> so values are escaped. <paramref name="maxPerPage"/> becomes <c>$top</c> (1–1000;
    /// per page, not in total). Pages are fetched lazily, following the continuation headers; a page may be empty
    /// yet carry a continuation. <paramref name="select"/> always brings PartitionKey and RowKey too.
    /// Parameter order follows Azure.Data.Tables (filter, maxPerPage, select).
    /// </summary>
    public virtual AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        CheckPageSize(maxPerPage, nameof(maxPerPage));
        var selectList = SelectList(select, nameof(select));
        return new QueryPageable(this, filter, selectList, maxPerPage, cancellationToken);
    }

    private static void CheckPageSize(int? size, string parameterName)
    {
        if (size is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(parameterName, size, $"page size must be 1–{MaxPageSize}");
        }
    }

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, string? select, int? top, string? continuationToken, CancellationToken cancellationToken)
    {
        var message = _rest.CreateMessage(RequestMethod.Get, Name + "()", TableRest.AcceptMinimalMetadata);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter);
        }
        if (select is not null)
        {
            uri.AppendQuery("$select", select);
        }
        if (top is not null)
        {
            uri.AppendQuery("$top", top.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (continuationToken is not null)
        {
            var (nextPartition, nextRow) = SplitToken(continuationToken);
            uri.AppendQuery("NextPartitionKey", nextPartition);
            if (nextRow is not null)
            {
                uri.AppendQuery("NextRowKey", nextRow);
            }
        }
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        StorageErrors.ThrowIfFailed(response, $"Query {Name}" + (string.IsNullOrEmpty(filter) ? "" : $" with $filter {TableNames.Shorten(filter)}"));

        var entities = new List<TableEntity>();
        using (var json = JsonDocument.Parse(response.Content.ToMemory()))
        {
            if (json.RootElement.TryGetProperty("value", out var value))
            {
                foreach (var element in value.EnumerateArray())
                {
                    entities.Add(TableEntityJson.Read(element));
                }
            }
        }
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var row);
        return Page<TableEntity>.FromValues(entities, JoinToken(partition, row), response);
    }

    /// <summary>The page's continuation token: the two service tokens joined by a space (they are base64-like, never spaced).</summary>
    private static string? JoinToken(string? nextPartition, string? nextRow) =>
        string.IsNullOrEmpty(nextPartition) ? null : string.IsNullOrEmpty(nextRow) ? nextPartition : nextPartition + " " + nextRow;

    private static (string Partition, string? Row) SplitToken(string token)
    {
        var space = token.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (token, null) : (token[..space], token[(space + 1)..]);
    }

    private sealed class QueryPageable(TableClient client, string? filter, string? select, int? maxPerPage, CancellationToken cancellationToken)
        : AsyncPageable<TableEntity>(cancellationToken)
    {
        public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            CheckPageSize(pageSizeHint, nameof(pageSizeHint));
            var token = continuationToken;
            do
            {
                var page = await client.QueryPageAsync(filter, select, pageSizeHint ?? maxPerPage, token, CancellationToken).ConfigureAwait(false);
                yield return page;
                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }
}
