using Bankflow.Domain.Banking;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Remittance;

namespace Bankflow.Functions.Importers;

/// <summary>
/// camt.053 statements and camt.054 notifications: every booked transaction becomes a BankEntry (channel
/// camt053/camt054); camt.053 statements are stored with their balances and checked against the account's
/// previous statement (closing = opening, no gap in sequence numbers) — a break is a notification, not a refusal:
/// the bank's file is what it is, a person must look. Booked debits whose end-to-end id is one of our payments
/// mark that payment Executed. The file is read twice as a stream (validate, then store as it is read), so a 200 MB
/// statement imports with flat memory.
/// </summary>
public sealed class CamtImporter(BankEntryStore entries, StatementStore statements, NotificationStore notifications, PaymentStatusUpdater payments, TimeProvider time) : IBankFileImporter
{
    public bool CanImport(BankFileFormat format) => format is BankFileFormat.Camt053 or BankFileFormat.Camt054;

    public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        // First pass: read and validate the whole file before writing anything (only the statements' ends are kept).
        var statementEnds = new List<CamtStatement>();
        CamtReader reader;
        await using (var stream = await file.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reader = new CamtReader(stream);
            foreach (var item in reader.Read())
            {
                if (item is CamtStatementEnd s)
                {
                    statementEnds.Add(s.Statement);
                }
            }
        }
        var diagnostics = reader.Diagnostics.ToList();
        if (reader.Diagnostics.HasErrors)
        {
            var first = diagnostics.First(d => d.Severity == Severity.Error);
            return ImportOutcome.Refused($"the {file.Format.Format.WireName()} file is not valid ({reader.Diagnostics.ErrorCount} errors; first: {first})", diagnostics);
        }

        // Second pass over the same bytes (the content is pinned): entries are written as they are read (BankEntryWriter).
        var entryCount = 0;
        // A booked debit carrying the end-to-end id of one of our payments means the bank executed it.
        var executed = new List<string>();
        await using (var writer = entries.OpenWriter(file.Client, file.Sha256, cancellationToken))
        {
            await using (var stream = await file.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var again = new CamtReader(stream);
                foreach (var item in again.Read())
                {
                    if (item is not CamtEntryItem e)
                    {
                        continue;
                    }
                    foreach (var entry in CamtBankEntryMapper.Map(again.Kind!.Value, e.Statement, e.Entry))
                    {
                        await writer.AddAsync(entry).ConfigureAwait(false);
                        entryCount++;
                        if (entry.Amount.Ore < 0 && entry.EndToEndId is not null)
                        {
                            executed.Add(entry.EndToEndId);
                        }
                    }
                }
            }
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        if (executed.Count > 0)
        {
            await payments.MarkExecutedByEndToEndAsync(file.Client, executed, file.Sha256, file.ReceivedAt, cancellationToken).ConfigureAwait(false);
        }

        if (reader.Kind == CamtMessageKind.Statement)
        {
            foreach (var statement in statementEnds)
            {
                var snapshot = StatementSnapshot.From(statement);
                var previous = await statements.PreviousAsync(file.Client, snapshot, cancellationToken).ConfigureAwait(false);
                await statements.SaveAsync(file.Client, file.Sha256, snapshot, CamtStatementBalances.Of(statement), cancellationToken).ConfigureAwait(false);
                if (previous is null)
                {
                    continue;
                }
                foreach (var finding in StatementContinuity.Check(previous, snapshot))
                {
                    await notifications.AddOnceAsync(new Notification(
                            file.Client,
                            Notification.CreateId(file.ReceivedAt, "StatementContinuity", $"{finding.Kind}|{finding.Account}|{finding.NextStatementId}"),
                            NotificationSeverity.Warning,
                            "StatementContinuity",
                            $"Statement {finding.NextStatementId} does not follow on from {finding.PreviousStatementId}",
                            $"{finding.Message} (expected {finding.Expected}, found {finding.Found})",
                            time.GetUtcNow())
                        { Subject = file.Sha256 },
                        cancellationToken).ConfigureAwait(false);
                }
            }
        }
        return ImportOutcome.Imported(entryCount, diagnostics);
    }
}
