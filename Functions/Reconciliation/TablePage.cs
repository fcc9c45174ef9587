using Azure.Data.Tables;

namespace Bankflow.Functions.Reconciliation;

/// <summary>One page of a list and the token for the next (null on the last page).</summary>
public sealed record TablePage<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>Paged reads of one client's partition. Every filter names the partition, so a forged token cannot reach another client's rows.</summary>
internal static class TablePaging
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The first page that has rows (the service may answer a filtered scan with empty pages that still carry a token), or
    /// the end. The token handed back is the service's own, opaque to the caller.
    /// </summary>
    public static async Task<TablePage<T>> ReadAsync<T>(TableClient table, string filter, string? continuationToken, int pageSize, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var token = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        while (true)
        {
            string? next = null;
            var items = new List<T>();
            await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(token, pageSize).ConfigureAwait(false))
            {
                items.AddRange(page.Values.Select(map));
                next = page.ContinuationToken;
                break;
            }
            if (items.Count > 0 || string.IsNullOrEmpty(next))
            {
                return new TablePage<T>(items, string.IsNullOrEmpty(next) ? null : next);
            }
            token = next;
        }
    }
}
