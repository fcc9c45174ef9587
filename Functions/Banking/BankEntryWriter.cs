using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Banking;

/// <summary>
/// Writes one import's entries to BankEntries as they are read: rows gather per partition into entity-group
/// transactions of 100 (upserts; fewer when a file's rows are large, <see cref="TableLimits.Transactions"/>), and up to <see cref="Concurrency"/> transactions are on their way at once — one
/// round trip per 100 rows, four at a time, never one per row. Memory does not grow with the file: at most
/// <see cref="MaxWaiting"/> rows wait for their batch to fill and <see cref="Concurrency"/> batches are in flight.
/// <para>
/// The same id twice in one import is one row, and the last one read wins, as a re-import would leave it: within a
/// batch the later row replaces the earlier; across batches a batch that shares a row with one still in flight waits
/// for it, so the later write lands later. A failed transaction fails the import (after the others in flight have
/// ended); its retry rewrites the same rows. Nothing written here is read before the import commits
/// (<see cref="BankEntryStore"/> reads committed imports only).
/// </para>
/// </summary>
public sealed class BankEntryWriter : IAsyncDisposable
{
    /// <summary>Rows per entity-group transaction: the service's limit.</summary>
    public const int BatchSize = 100;

    /// <summary>Transactions in flight at once.</summary>
    public const int Concurrency = 4;

    /// <summary>Rows waiting in partly filled batches before the fullest is sent anyway (a file spread over many partitions).</summary>
    public const int MaxWaiting = 1000;

    private readonly TableClient _table;
    private readonly ClientId _client;
    private readonly string _sourceImportId;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, Batch> _filling = new(StringComparer.Ordinal);
    private readonly List<(Batch Batch, Task Task)> _inFlight = new(Concurrency);
    private int _waiting;

    internal BankEntryWriter(TableClient table, ClientId client, string sourceImportId, CancellationToken cancellationToken)
    {
        _table = table;
        _client = client;
        _sourceImportId = sourceImportId;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Rows written so far by transactions that succeeded (a row written again in a later batch counts again).</summary>
    public int Written { get; private set; }

    /// <summary>Adds one entry; sends its partition's batch when it is full (waiting while four are in flight).</summary>
    public async ValueTask AddAsync(BankEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var partitionKey = BankEntryStore.PartitionKey(_client, entry.Account, entry.BookingDate);
        var row = BankEntryStore.ToEntity(partitionKey, entry, _sourceImportId);
        var size = TableLimits.EstimatedBytes(row);
        if (_filling.TryGetValue(partitionKey, out var batch) && !batch.Fits(row, size))
        {
            // A file's large rows go fewer at a time (the service refuses a transaction over 4 MiB). A row that replaces
            // one in the full batch goes into the next: it waits for this one, so the later row still wins.
            await SendAsync(batch).ConfigureAwait(false);
            batch = null;
        }
        if (batch is null)
        {
            _filling[partitionKey] = batch = new Batch(partitionKey);
        }
        if (batch.Put(row, size))
        {
            _waiting++;
        }
        if (batch.Count == BatchSize)
        {
            await SendAsync(batch).ConfigureAwait(false);
        }
        else if (_waiting > MaxWaiting)
        {
            await SendAsync(_filling.Values.MaxBy(b => b.Count)!).ConfigureAwait(false);
        }
    }

    /// <summary>Sends what is left and waits for every transaction; returns the rows written.</summary>
    public async Task<int> CompleteAsync()
    {
        foreach (var batch in _filling.Values.ToList())
        {
            await SendAsync(batch).ConfigureAwait(false);
        }
        while (_inFlight.Count > 0)
        {
            await EndOneAsync().ConfigureAwait(false);
        }
        return Written;
    }

    /// <summary>Waits for what is in flight (an import that failed elsewhere must not leave writes running behind it).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, task) in _inFlight)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The import has failed already, or is being abandoned: its own exception is the one that counts.
            }
        }
        _inFlight.Clear();
    }

    private async Task SendAsync(Batch batch)
    {
        _filling.Remove(batch.PartitionKey);
        _waiting -= batch.Count;
        while (_inFlight.Count >= Concurrency)
        {
            await EndOneAsync().ConfigureAwait(false);
        }
        // A row also in a batch still in flight: that one must land first, so that the later row wins.
        for (var i = 0; i < _inFlight.Count; i++)
        {
            var (other, _) = _inFlight[i];
            if (other.PartitionKey == batch.PartitionKey && other.SharesRowWith(batch))
            {
                await EndAsync(i).ConfigureAwait(false);
                i--;
            }
        }
        _inFlight.Add((batch, _table.SubmitTransactionAsync(batch.Actions(), _cancellationToken)));
    }

    private async Task EndOneAsync()
    {
        var done = await Task.WhenAny(_inFlight.Select(f => f.Task)).ConfigureAwait(false);
        await EndAsync(_inFlight.FindIndex(f => f.Task == done)).ConfigureAwait(false);
    }

    private async Task EndAsync(int index)
    {
        var (batch, task) = _inFlight[index];
        _inFlight.RemoveAt(index);
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
        Written += batch.Count;
    }

    /// <summary>
    /// One partition's rows for one transaction, by row key (the later row with a key replaces the earlier), at most
    /// <see cref="BatchSize"/> of them and <see cref="TableLimits.MaxTransactionBytes"/> by <see cref="TableLimits.EstimatedBytes"/>.
    /// </summary>
    private sealed class Batch(string partitionKey)
    {
        private readonly Dictionary<string, int> _index = new(BatchSize, StringComparer.Ordinal);
        private readonly List<(TableEntity Row, long Size)> _rows = new(BatchSize);
        private long _bytes;

        public string PartitionKey { get; } = partitionKey;

        public int Count => _rows.Count;

        /// <summary>Whether <paramref name="row"/> can join (or replace its own key in) this batch.</summary>
        public bool Fits(TableEntity row, long size)
        {
            var replaced = _index.TryGetValue(row.RowKey, out var at) ? _rows[at].Size : 0;
            return _bytes - replaced + size <= TableLimits.MaxTransactionBytes || _rows.Count == (replaced > 0 ? 1 : 0);
        }

        /// <summary>True when the row is new to the batch, false when it replaced one.</summary>
        public bool Put(TableEntity row, long size)
        {
            if (_index.TryGetValue(row.RowKey, out var at))
            {
                _bytes += size - _rows[at].Size;
                _rows[at] = (row, size);
                return false;
            }
            _index[row.RowKey] = _rows.Count;
            _rows.Add((row, size));
            _bytes += size;
            return true;
        }

        public bool SharesRowWith(Batch other)
        {
            foreach (var key in other._index.Keys)
            {
                if (_index.ContainsKey(key))
                {
                    return true;
                }
            }
            return false;
        }

        public List<TableTransactionAction> Actions() =>
            _rows.ConvertAll(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r.Row));
    }
}
