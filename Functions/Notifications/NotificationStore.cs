using Azure;
using Azure.Data.Tables;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Notifications;

/// <summary>The Notifications table (PartitionKey client id).</summary>
public sealed class NotificationStore(BankflowStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.NotificationsTable);

    /// <summary>Adds a notification once: a second add of the same id (a retry) leaves the first, acknowledged or not.</summary>
    public async Task AddOnceAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(notification), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already notified for this cause.
        }
    }

    public async Task<IReadOnlyList<Notification>> ListAsync(ClientId client, bool includeAcknowledged, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}");
        var list = new List<Notification>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var n = FromEntity(client, entity);
            if (includeAcknowledged || n.AcknowledgedAt is null)
            {
                list.Add(n);
                if (list.Count >= max)
                {
                    break;
                }
            }
        }
        return list;
    }

    public async Task<Notification?> GetAsync(ClientId client, string id, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(client, response.Value!) : null;
    }

    /// <summary>Marks one notification as read; acknowledging twice keeps the first acknowledgement.</summary>
    public async Task<Notification?> AcknowledgeAsync(ClientId client, string id, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }
        var entity = response.Value!;
        if (entity.GetDateTimeOffset("AcknowledgedAt") is null)
        {
            entity["AcknowledgedAt"] = at;
            entity["AcknowledgedBy"] = by;
            try
            {
                await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone acknowledged it meanwhile: theirs stands.
                return await GetAsync(client, id, cancellationToken).ConfigureAwait(false);
            }
        }
        return FromEntity(client, entity);
    }

    private static TableEntity ToEntity(Notification n)
    {
        var e = new TableEntity(n.Client.Value, n.Id)
        {
            ["Severity"] = n.Severity.ToString(),
            ["Kind"] = n.Kind,
            // Titles and messages quote what a file said (ids, reasons): bounded, so a notification is always written.
            ["Title"] = TableLimits.Clip(n.Title, 500),
            ["Message"] = TableLimits.Clip(n.Message),
            ["CreatedAt"] = n.CreatedAt,
        };
        e.SetIfNotNull("Subject", n.Subject is null ? null : TableLimits.Clip(n.Subject, 1000));
        return e;
    }

    private static Notification FromEntity(ClientId client, TableEntity e) =>
        new(client, e.RowKey,
            Enum.TryParse<NotificationSeverity>(e.GetString("Severity"), out var s) ? s : NotificationSeverity.Information,
            e.GetString("Kind") ?? "",
            e.GetString("Title") ?? "",
            e.GetString("Message") ?? "",
            e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue)
        {
            Subject = e.GetString("Subject"),
            AcknowledgedAt = e.GetDateTimeOffset("AcknowledgedAt"),
            AcknowledgedBy = e.GetString("AcknowledgedBy"),
        };
}
