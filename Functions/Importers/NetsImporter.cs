using System.Threading.Channels;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Nets.Mapping;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;

namespace Bankflow.Functions.Importers;

/// <summary>
/// Nets OCR giro (and AvtaleGiro) files: validated whole; every OCR transaction becomes a BankEntry with the
/// stable id shipment + assignment + transaction. Shipment numbers are tracked per sender and data recipient:
/// the same number with other content is quarantined (never imported), the same content again changes
/// nothing, and a gap in the numbers is a notification — a missing Nets file means missing payments. An OCR giro file
/// addressed to another data recipient than Bankflow's customer unit id (<see cref="NetsOptions"/>) is quarantined.
/// The file is read twice as a stream — validated whole first, then its entries written as they are read — so memory
/// does not grow with it.
/// </summary>
public sealed class NetsImporter(BankEntryStore entries, ShipmentStore shipments, NotificationStore notifications, IntakeOptions options, NetsOptions nets, TimeProvider time) : IBankFileImporter
{
    public bool CanImport(BankFileFormat format) => format is BankFileFormat.OcrGiro or BankFileFormat.AvtaleGiro;

    public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        // A configured cap for Nets files, from when they were read whole (they stream now; the limit stays a limit).
        if (file.Content.Length > options.MaxBufferedFileBytes)
        {
            return ImportOutcome.Refused(
                $"the {file.Format.Format.WireName()} file is {file.Content.Length:N0} bytes, over the limit of {options.MaxBufferedFileBytes:N0} bytes for files read whole " +
                "(Bankflow:Intake:MaxBufferedFileBytes); ask Nets to split the delivery", []);
        }
        // First pass: validate the whole file before writing anything, hashing its records on the way (shipment tracking).
        NetsReadSummary summary;
        TransmissionStartRecord? transmission;
        string hash;
        await using (var stream = await file.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        using (var contentHash = new ShipmentContentHash())
        {
            var visitor = new TransmissionStartVisitor();
            summary = NetsReader.Read(new ObservedReadStream(stream, contentHash.Append), visitor);
            transmission = visitor.Start;
            hash = contentHash.Finish();
        }
        var diagnostics = summary.Diagnostics.ToList();
        if (!summary.IsValid || transmission is not { } start)
        {
            var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            return ImportOutcome.Refused(
                $"the {summary.Format.WireName()} file is not valid ({errors.Count} errors; first: {errors.FirstOrDefault()})", diagnostics);
        }

        // Only OCR giro files come from Nets to its data recipient; AvtaleGiro files also travel the other way (to Nets).
        if (file.Format.Format == BankFileFormat.OcrGiro && DataRecipientCheck.Refusal(start, nets.DataRecipient) is { } misaddressed)
        {
            return ImportOutcome.Refused(misaddressed, diagnostics);
        }

        var seen = await shipments.SeenAsync(file.Client, start.DataTransmitter, start.DataRecipient, cancellationToken).ConfigureAwait(false);
        var decision = ShipmentTracking.Classify(seen, start.TransmissionNumber, hash);
        if (decision.Status == ShipmentStatus.Conflict)
        {
            // Every quarantine reason says where: here the transmission start (line 1 of a file that reached this point).
            return ImportOutcome.Refused($"line 1, record 10, field transmission number: {decision.Reason}", diagnostics);
        }
        if (decision.Status == ShipmentStatus.Duplicate)
        {
            diagnostics.Add(new Diagnostic(Severity.Warning, decision.Reason) { Line = 1, RecordType = "10", Field = "transmission number" });
        }

        // Second pass over the same bytes (the content is pinned): entries are written as they are read.
        var entryCount = await WriteEntriesAsync(file, cancellationToken).ConfigureAwait(false);
        // Recorded after the entries: a crash in between leaves a shipment that a retry imports again, never one marked done without its entries.
        await shipments.RecordAsync(file.Client, start.DataTransmitter, start.DataRecipient, start.TransmissionNumber, hash, file.Sha256, cancellationToken).ConfigureAwait(false);

        if (decision.Gap is { } gap)
        {
            await notifications.AddOnceAsync(new Notification(
                    file.Client,
                    Notification.CreateId(file.ReceivedAt, "ShipmentGap", $"{start.DataTransmitter}|{start.DataRecipient}|{gap.First}-{gap.Last}"),
                    NotificationSeverity.Warning,
                    "ShipmentGap",
                    $"Nets shipment{(gap.Count == 1 ? "" : "s")} {gap.First}{(gap.Count == 1 ? "" : $"–{gap.Last}")} not received",
                    $"{decision.Reason}. Payments in a missing shipment are not in Bankflow: ask Nets to deliver it again.",
                    time.GetUtcNow())
                { Subject = file.Sha256 },
                cancellationToken).ConfigureAwait(false);
        }
        return ImportOutcome.Imported(entryCount, diagnostics);
    }

    /// <summary>
    /// Reads the file again and writes its OCR transactions as they come (<see cref="BankEntryWriter"/>). The reader
    /// runs on its own thread and hands entries over through a small bounded queue, so reading, mapping and the
    /// table's round trips overlap and memory stays flat; returns the number of transactions.
    /// </summary>
    private async Task<int> WriteEntriesAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<BankEntry>(new BoundedChannelOptions(2 * BankEntryWriter.BatchSize * BankEntryWriter.Concurrency)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var count = 0;
        await using var writer = entries.OpenWriter(file.Client, file.Sha256, cancellationToken);
        await using var stream = await file.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        var reading = Task.Run(() =>
        {
            try
            {
                NetsReader.Read(stream, new EntryVisitor(queue.Writer, stop.Token));
                queue.Writer.Complete();
            }
            catch (Exception ex)
            {
                queue.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var entry in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.AddAsync(entry).ConfigureAwait(false);
                count++;
            }
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            // A failed write must not leave the reader blocked on a full queue.
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
        return count;
    }

    /// <summary>Keeps the transmission start record (the file is valid when it is used).</summary>
    private sealed class TransmissionStartVisitor : INetsVisitor
    {
        public TransmissionStartRecord? Start { get; private set; }

        public void TransmissionStart(in TransmissionStartRecord record, int line) => Start ??= record;
    }

    /// <summary>Maps each OCR transaction to its entry and queues it, waiting while the queue is full.</summary>
    private sealed class EntryVisitor(ChannelWriter<BankEntry> queue, CancellationToken cancellationToken) : INetsVisitor
    {
        private TransmissionStartRecord _transmission;
        private AssignmentStartRecord _assignment;

        public void TransmissionStart(in TransmissionStartRecord record, int line) => _transmission = record;

        public void AssignmentStart(in AssignmentStartRecord record, int line) => _assignment = record;

        public void Transaction(in OcrTransactionRecords transaction)
        {
            var entry = OcrBankEntries.ToBankEntry(_transmission, _assignment, transaction);
            while (!queue.TryWrite(entry))
            {
                // This thread only reads the file: waiting here is what keeps memory flat when the table is slower.
                queue.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
