using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Intake;

/// <summary>The FileImports table. Every key starts with the client: no query can cross clients.</summary>
public sealed class FileImportStore(BankflowStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.FileImportsTable);

    public async Task<FileImportRecord?> GetAsync(ClientId client, string sha256, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, sha256, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
    }

    /// <summary>
    /// Records first sight of a file (Received). When a record exists already (a retry, a duplicate), that
    /// record wins and is returned: its ReceivedAt fixes the archive path, so a retry never archives twice.
    /// </summary>
    public async Task<FileImportRecord> AddReceivedAsync(FileImportRecord received, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(received), cancellationToken).ConfigureAwait(false);
            return received;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await GetAsync(received.Client, received.Sha256, cancellationToken).ConfigureAwait(false)
                   ?? throw new InvalidOperationException("file import vanished between insert conflict and read", ex);
        }
    }

    /// <summary>The client's imports (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<FileImportRecord>> ListAsync(ClientId client, int max, CancellationToken cancellationToken)
    {
        var list = new List<FileImportRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(client, entity));
            if (list.Count >= max)
            {
                break;
            }
        }
        return list;
    }

    /// <summary>Writes the final state (Imported or Quarantined): the commit marker, written last.</summary>
    public Task SaveAsync(FileImportRecord record, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);

    private static TableEntity ToEntity(FileImportRecord r)
    {
        var e = new TableEntity(r.Client.Value, r.Sha256)
        {
            ["Status"] = r.Status.ToString(),
            ["ReceivedAt"] = r.ReceivedAt,
            ["Size"] = r.Size,
            ["EntryCount"] = r.EntryCount,
            ["WarningCount"] = r.WarningCount,
        };
        e.SetIfNotNull("FileName", r.FileName);
        e.SetIfNotNull("Channel", r.Channel);
        e.SetIfNotNull("Format", r.Format);
        e.SetIfNotNull("FormatVersion", r.FormatVersion);
        // A reason quotes a file's first error (already cut short by the readers): bounded all the same, the record is the commit marker.
        e.SetIfNotNull("Reason", r.Reason is null ? null : TableLimits.Clip(r.Reason));
        e.SetIfNotNull("ArchivePath", r.ArchivePath);
        e.SetIfNotNull("QuarantinePath", r.QuarantinePath);
        if (r.CompletedAt is { } completed)
        {
            e["CompletedAt"] = completed;
        }
        return e;
    }

    private static FileImportRecord FromEntity(ClientId client, TableEntity e) =>
        new(client, e.RowKey, Enum.Parse<FileImportStatus>(e.GetString("Status") ?? nameof(FileImportStatus.Received)), e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue)
        {
            FileName = e.GetString("FileName"),
            Channel = e.GetString("Channel"),
            Size = e.GetInt64("Size") ?? 0,
            Format = e.GetString("Format"),
            FormatVersion = e.GetString("FormatVersion"),
            Reason = e.GetString("Reason"),
            CompletedAt = e.GetDateTimeOffset("CompletedAt"),
            EntryCount = e.GetInt32("EntryCount") ?? 0,
            WarningCount = e.GetInt32("WarningCount") ?? 0,
            ArchivePath = e.GetString("ArchivePath"),
            QuarantinePath = e.GetString("QuarantinePath"),
        };
}
