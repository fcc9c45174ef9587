using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Mapping;
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
/// </summary>
public sealed class NetsImporter(BankEntryStore entries, ShipmentStore shipments, NotificationStore notifications, IntakeOptions options, NetsOptions nets, TimeProvider time) : IBankFileImporter
{
    public bool CanImport(BankFileFormat format) => format is BankFileFormat.OcrGiro or BankFileFormat.AvtaleGiro;

    public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        // The Nets reader checks records against each other across the file: it needs the bytes, so the size is capped.
        if (file.Content.Length > options.MaxBufferedFileBytes)
        {
            return ImportOutcome.Refused(
                $"the {file.Format.Format.WireName()} file is {file.Content.Length:N0} bytes, over the limit of {options.MaxBufferedFileBytes:N0} bytes for files read whole " +
                "(Bankflow:Intake:MaxBufferedFileBytes); ask Nets to split the delivery", []);
        }
        var content = await ReadAllAsync(file.Content, cancellationToken).ConfigureAwait(false);
        var document = NetsDocument.Load(content);
        var diagnostics = document.Summary.Diagnostics.ToList();
        if (!document.IsValid || document.Transmission.Start is not { } start)
        {
            var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            return ImportOutcome.Refused(
                $"the {document.Summary.Format.WireName()} file is not valid ({errors.Count} errors; first: {errors.FirstOrDefault()})", diagnostics);
        }

        // Only OCR giro files come from Nets to its data recipient; AvtaleGiro files also travel the other way (to Nets).
        if (file.Format.Format == BankFileFormat.OcrGiro && DataRecipientCheck.Refusal(start, nets.DataRecipient) is { } misaddressed)
        {
            return ImportOutcome.Refused(misaddressed, diagnostics);
        }

        var hash = ShipmentTracking.ContentHash(content);
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

        var bankEntries = OcrBankEntries.Map(document);
        await entries.UpsertAsync(file.Client, file.Sha256, bankEntries, cancellationToken).ConfigureAwait(false);
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
        return ImportOutcome.Imported(bankEntries.Count, diagnostics);
    }

    private static async Task<byte[]> ReadAllAsync(IFileContent content, CancellationToken cancellationToken)
    {
        var bytes = new byte[checked((int)content.Length)];
        await using var stream = await content.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }
}
