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
/// mark that payment Executed.
/// </summary>
public sealed class CamtImporter(BankEntryStore entries, StatementStore statements, NotificationStore notifications, PaymentStatusUpdater payments, TimeProvider time) : IBankFileImporter
{
    public bool CanImport(BankFileFormat format) => format is BankFileFormat.Camt053 or BankFileFormat.Camt054;

    public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        // Read and validate the whole file before writing anything.
        var bankEntries = new List<BankEntry>();
        var statementEnds = new List<CamtStatement>();
        var reader = new CamtReader(new MemoryStream(file.Content.ToArray(), writable: false));
        foreach (var item in reader.Read())
        {
            switch (item)
            {
                case CamtEntryItem e when !reader.Diagnostics.HasErrors:
                    bankEntries.AddRange(CamtBankEntryMapper.Map(reader.Kind!.Value, e.Statement, e.Entry));
                    break;
                case CamtStatementEnd s:
                    statementEnds.Add(s.Statement);
                    break;
            }
        }
        var diagnostics = reader.Diagnostics.ToList();
        if (reader.Diagnostics.HasErrors)
        {
            var first = diagnostics.First(d => d.Severity == Severity.Error);
            return ImportOutcome.Refused($"the {file.Format.Format.WireName()} file is not valid ({reader.Diagnostics.ErrorCount} errors; first: {first})", diagnostics);
        }

        await entries.UpsertAsync(file.Client, file.Sha256, bankEntries, cancellationToken).ConfigureAwait(false);

        // A booked debit carrying the end-to-end id of one of our payments means the bank executed it.
        var executed = bankEntries.Where(e => e.Amount.Ore < 0 && e.EndToEndId is not null).Select(e => e.EndToEndId!).ToList();
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
        return ImportOutcome.Imported(bankEntries.Count, diagnostics);
    }
}
