using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Functions.Intake;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// ImportBankFile's importer for pain.002 status reports: reads the whole file first (as a stream) (an unreadable one is
/// quarantined with the reader's diagnostics), then applies it to the batch it answers (OrgnlMsgId = batch id).
/// The entry count is the number of payments whose status changed. A report for a batch this client does not
/// have is imported with 0 entries and a notification (see <see cref="PaymentStatusUpdater"/>).
/// </summary>
public sealed class Pain002Importer(PaymentStatusUpdater updater) : IBankFileImporter
{
    public bool CanImport(BankFileFormat format) => format == BankFileFormat.Pain002;

    public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Pain002ReadResult read;
        await using (var stream = await file.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        {
            read = Pain002Reader.Read(stream);
        }
        if (read.HasErrors || read.Report is null)
        {
            var first = read.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);
            return ImportOutcome.Refused(
                first is null ? "the pain.002 status report could not be read" : $"the pain.002 status report is not valid: {first.Message}",
                read.Diagnostics);
        }
        var applied = await updater.ApplyStatusReportAsync(file.Client, read.Report, file.Sha256, file.ReceivedAt, cancellationToken).ConfigureAwait(false);
        return ImportOutcome.Imported(applied.Transitions, read.Diagnostics);
    }
}
