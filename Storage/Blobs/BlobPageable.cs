using Azure;

namespace Bankflow.Storage.Blobs;

/// <summary>An <see cref="AsyncPageable{T}"/> that fetches one page per continuation token until the service returns none.</summary>
internal sealed class BlobPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    int? defaultPageSize,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var token = continuationToken;
        do
        {
            var page = await fetchPage(token, pageSizeHint ?? defaultPageSize, CancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
