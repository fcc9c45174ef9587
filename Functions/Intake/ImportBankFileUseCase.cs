using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Values;
using Bankflow.Functions.Notifications;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Intake;

/// <summary>What the blob trigger hands over: the blob (read as streams) and the path tokens of <c>inbox/{clientId}/{channel}/{name}</c>.</summary>
public sealed record InboxFile(string? ClientId, string? Channel, string? Name, IFileContent Content);

/// <summary>
/// ImportBankFile: archive first, detect the format from the content, import or quarantine, record the
/// outcome last. At-least-once safe: re-running on the same bytes changes nothing and announces the same
/// event id again. The file is streamed: one pass hashes it (and keeps its head for detection), one copies it
/// into the archive, and the format's importer reads it again as it needs — never the whole file in memory,
/// except for formats whose reader needs it (a configured cap, <see cref="IntakeOptions.MaxBufferedFileBytes"/>).
/// </summary>
public sealed partial class ImportBankFileUseCase(
    FileImportStore imports,
    RawFileStore files,
    NotificationStore notifications,
    IEnumerable<IBankFileImporter> importers,
    IntakeOptions options,
    TimeProvider time,
    ILogger<ImportBankFileUseCase> logger)
{
    public async Task<FileImportedEvent?> RunAsync(InboxFile inbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        var hash = await FileHash.ComputeAsync(inbox.Content, cancellationToken).ConfigureAwait(false);
        var sha256 = hash.Sha256;
        var now = time.GetUtcNow();
        inbox = inbox with { Name = DisplayName(inbox) };

        if (!ClientId.TryParse(inbox.ClientId, out var client, out var clientError))
        {
            // No client to charge it to: keep the bytes (raw first), say why, and do not retry.
            var path = RawFileStore.QuarantinePath(null, sha256);
            await using (var content = await inbox.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await files.QuarantineAsync(path, content,
                    new QuarantineReason(inbox.ClientId ?? "", sha256, inbox.Name, inbox.Channel,
                        $"the inbox path has no valid client id ({clientError}); expected inbox/{{clientId}}/{{channel}}/{{name}}", [], now),
                    cancellationToken).ConfigureAwait(false);
            }
            LogUnassigned(logger, sha256);
            return null;
        }

        // One import of a file at a time: claim its FileImports row, or wait while another attempt holds it.
        var acquired = await ImportClaim.AcquireAsync(imports,
            new FileImportRecord(client!, sha256, FileImportStatus.Received, now)
            {
                FileName = inbox.Name,
                Channel = inbox.Channel,
                Size = hash.Length,
            },
            options.ImportClaimDuration, time, logger, cancellationToken).ConfigureAwait(false);
        if (acquired.Claim is null)
        {
            if (acquired.Waited)
            {
                // Decided by an attempt that ran at the same time: it announces the outcome; a second event would be a duplicate.
                LogDecidedMeanwhile(logger, client!.Value, sha256, acquired.Record.Status.ToString());
                return null;
            }
            // Decided before (a duplicate delivery or the same file again): announce the same outcome, change nothing.
            LogAlreadyDecided(logger, client!.Value, sha256, acquired.Record.Status.ToString());
            return ToEvent(acquired.Record);
        }

        await using var claim = acquired.Claim;
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, claim.Lost);
        try
        {
            var received = claim.Record;
            var archivePath = RawFileStore.ArchivePath(client!, received.ReceivedAt, sha256);
            await using (var content = await inbox.Content.OpenReadAsync(work.Token).ConfigureAwait(false))
            {
                await files.ArchiveAsync(archivePath, content, new Dictionary<string, string>
                {
                    ["clientId"] = client!.Value,
                    ["channel"] = inbox.Channel ?? "",
                    ["sha256"] = sha256,
                }, work.Token).ConfigureAwait(false);
            }
            received = received with { ArchivePath = $"archive/{archivePath}" };

            var record = await DecideAsync(received, inbox, hash.Head, work.Token).ConfigureAwait(false);
            FaultInjection.Hit("import.before-commit");
            if (!await claim.CommitAsync(record, cancellationToken).ConfigureAwait(false))
            {
                throw Lost(client!, sha256);
            }
            return ToEvent(record);
        }
        catch (OperationCanceledException) when (claim.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Lost(client!, sha256);
        }
    }

    private static ImportClaimLostException Lost(ClientId client, string sha256) =>
        new($"the import of file {sha256} of client {client} was taken over by another attempt after this one's claim ran out; the other's outcome stands");

    /// <summary>
    /// Called for a blob-trigger poison message: the import failed every retry. Quarantines the file with
    /// that reason and notifies the client, unless it was imported after all. Returns a log line.
    /// </summary>
    public async Task<string> GiveUpAsync(string inboxBlobName, CancellationToken cancellationToken)
    {
        var content = await files.FindInboxAsync(inboxBlobName, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return $"inbox/{inboxBlobName} no longer exists; nothing to quarantine";
        }
        var parts = inboxBlobName.Split('/', 3);
        var inbox = new InboxFile(parts[0], parts.Length > 2 ? parts[1] : null, parts[^1], content);
        var hash = await FileHash.ComputeAsync(content, cancellationToken).ConfigureAwait(false);
        var sha256 = hash.Sha256;
        if (!ClientId.TryParse(inbox.ClientId, out var client, out _))
        {
            await RunAsync(inbox, cancellationToken).ConfigureAwait(false); // quarantines under _unassigned
            return $"inbox/{inboxBlobName} has no valid client id; quarantined";
        }
        // Under the same claim as an import: an attempt still running (a retry that outlived the poison message) decides first.
        var acquired = await ImportClaim.AcquireAsync(imports,
            new FileImportRecord(client!, sha256, FileImportStatus.Received, time.GetUtcNow()) { FileName = inbox.Name, Channel = inbox.Channel, Size = hash.Length },
            options.ImportClaimDuration, time, logger, cancellationToken).ConfigureAwait(false);
        if (acquired.Claim is null)
        {
            return $"inbox/{inboxBlobName} was {acquired.Record.Status} after all; nothing to do";
        }
        await using var claim = acquired.Claim;
        var record = await QuarantineAsync(claim.Record, inbox, null,
            "the import failed on every retry (5 attempts); the file is kept in quarantine for a person to look at", [], cancellationToken).ConfigureAwait(false);
        if (!await claim.CommitAsync(record, cancellationToken).ConfigureAwait(false))
        {
            throw Lost(client!, sha256);
        }
        return $"inbox/{inboxBlobName} quarantined after repeated failures";
    }

    private async Task<FileImportRecord> DecideAsync(FileImportRecord received, InboxFile inbox, byte[] head, CancellationToken cancellationToken)
    {
        var detected = FormatDetector.Detect(head);
        if (detected.Format == BankFileFormat.Unknown)
        {
            return await QuarantineAsync(received, inbox, detected, detected.LocatedReason ?? "unknown format", [], cancellationToken).ConfigureAwait(false);
        }
        var importer = importers.FirstOrDefault(i => i.CanImport(detected.Format));
        var outcome = importer is null
            ? ImportOutcome.Imported(0, []) // recognised; the format's reader has not landed yet: recorded as received bytes only
            : await importer.ImportAsync(new IncomingFile(received.Client, received.Sha256, inbox.Name, inbox.Channel, detected, inbox.Content, received.ReceivedAt), cancellationToken).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            return await QuarantineAsync(received, inbox, detected, outcome.Reason ?? "the file is not valid", outcome.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
        LogImported(logger, received.Client.Value, received.Sha256, detected.Format.WireName(), outcome.EntryCount);
        return received with
        {
            Status = FileImportStatus.Imported,
            Format = detected.Format.WireName(),
            FormatVersion = detected.Version,
            EntryCount = outcome.EntryCount,
            WarningCount = outcome.Diagnostics.Count(d => d.Severity == Severity.Warning),
            CompletedAt = time.GetUtcNow(),
        };
    }

    private async Task<FileImportRecord> QuarantineAsync(FileImportRecord received, InboxFile inbox, DetectedFormat? detected, string reason, IReadOnlyList<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        // The first diagnostics are what a person needs; a corrupt file can have thousands.
        var firstErrors = diagnostics.Where(d => d.Severity == Severity.Error).Take(20).Select(d => d.ToString()).ToList();
        var path = RawFileStore.QuarantinePath(received.Client, received.Sha256);
        await using (var content = await inbox.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await files.QuarantineAsync(path, content,
                new QuarantineReason(received.Client.Value, received.Sha256, inbox.Name, inbox.Channel, reason, firstErrors, time.GetUtcNow()),
                cancellationToken).ConfigureAwait(false);
        }
        var detail = firstErrors.Count > 0 ? $"{reason}. First problem: {firstErrors[0]}" : reason;
        await notifications.AddOnceAsync(new Notification(
                received.Client,
                Notification.CreateId(received.ReceivedAt, "FileQuarantined", received.Sha256),
                NotificationSeverity.Error,
                "FileQuarantined",
                $"Bank file {inbox.Name ?? received.Sha256[..12]} was not imported",
                detail,
                time.GetUtcNow())
            { Subject = received.Sha256 },
            cancellationToken).ConfigureAwait(false);
        // The reason and the diagnostics quote the file ("found …": a KID, an account, a name, a national identity
        // number): they are stored for the client, never logged. The log says where to look, not what was there.
        LogQuarantined(logger, received.Client.Value, received.Sha256, detected?.Format.WireName() ?? "unknown",
            diagnostics.Count(d => d.Severity == Severity.Error), diagnostics.FirstOrDefault(d => d.Severity == Severity.Error) is { } first ? Where(first) : "-");
        return received with
        {
            Status = FileImportStatus.Quarantined,
            Format = detected?.Format.WireName(),
            FormatVersion = detected?.Version,
            Reason = detail,
            QuarantinePath = $"quarantine/{path}",
            WarningCount = diagnostics.Count(d => d.Severity == Severity.Warning),
            CompletedAt = time.GetUtcNow(),
        };
    }

    /// <summary>
    /// Uploads are stored as <c>{first 16 hex of SHA-256}-{name}</c> so names never collide, retries as
    /// <c>{16 hex}-{timestamp}-{name}</c>; people want the name.
    /// </summary>
    private static string? DisplayName(InboxFile inbox)
    {
        if (inbox.Name is not { Length: > 17 } name || name[16] != '-' || !name[..16].All(char.IsAsciiHexDigitLower))
        {
            return inbox.Name;
        }
        return inbox.Channel switch
        {
            "upload" => name[17..],
            RetryImportUseCase.Channel when name.IndexOf('-', 17) is > 17 and var dash => name[(dash + 1)..],
            _ => name,
        };
    }

    private static FileImportedEvent ToEvent(FileImportRecord record) => new(
        record.EventId,
        record.Status == FileImportStatus.Imported ? FileImportedEvent.Imported : FileImportedEvent.Quarantined,
        record.Client.Value,
        record.Sha256,
        record.Status.ToString(),
        record.Format,
        record.EntryCount,
        record.CompletedAt ?? record.ReceivedAt);

    /// <summary>Where a diagnostic points (line, column, element path, record, field): never what it found.</summary>
    private static string Where(Diagnostic d)
    {
        var parts = new List<string>(5);
        if (d.Line is { } line)
        {
            parts.Add(d.Column is { } column ? $"line {line}, column {column}" : $"line {line}");
        }
        if (d.Path is not null)
        {
            parts.Add(d.Path);
        }
        if (d.RecordType is not null)
        {
            parts.Add($"record {d.RecordType}");
        }
        if (d.Field is not null)
        {
            parts.Add($"field {d.Field}");
        }
        return parts.Count > 0 ? string.Join(", ", parts) : "-";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox file {Sha256} has no valid client id in its path; quarantined under _unassigned")]
    private static partial void LogUnassigned(ILogger logger, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {Sha256} of client {ClientId} was already {Status}; nothing to do")]
    private static partial void LogAlreadyDecided(ILogger logger, string clientId, string sha256, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {Sha256} of client {ClientId} was {Status} by an attempt that ran at the same time; it announces the outcome")]
    private static partial void LogDecidedMeanwhile(ILogger logger, string clientId, string sha256, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {Sha256} of client {ClientId} imported as {Format} with {EntryCount} entries")]
    private static partial void LogImported(ILogger logger, string clientId, string sha256, string format, int entryCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Sha256} of client {ClientId} quarantined: format {Format}, {ErrorCount} errors, first at {Where}; the reason is stored with the import")]
    private static partial void LogQuarantined(ILogger logger, string clientId, string sha256, string format, int errorCount, string where);
}
