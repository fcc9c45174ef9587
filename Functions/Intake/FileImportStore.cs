using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Intake;

/// <summary>
/// The FileImports table. Every key starts with the client: no query can cross clients. Claims on a row (one import
/// of a file at a time) are in FileImportStore.Claims.cs.
/// </summary>
public sealed partial class FileImportStore(BankflowStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.FileImportsTable);

    public async Task<FileImportRecord?> GetAsync(ClientId client, string sha256, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, sha256, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
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

    /// <summary>
    /// Writes a record whatever is stored (a retry puts a quarantined import back to Received). An import attempt
    /// writes its outcome — the commit marker — through its claim instead (<see cref="CommitAsync"/>).
    /// </summary>
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
        e.SetIfNotNull("ClaimId", r.ClaimId);
        if (r.CompletedAt is { } completed)
        {
            e["CompletedAt"] = completed;
        }
        if (r.ClaimedUntil is { } claimedUntil)
        {
            e["ClaimedUntil"] = claimedUntil;
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
            ClaimId = e.GetString("ClaimId"),
            ClaimedUntil = e.GetDateTimeOffset("ClaimedUntil"),
        };
}
