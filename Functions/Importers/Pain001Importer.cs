using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Functions.Intake;

namespace Bankflow.Functions.Importers;

/// <summary>
/// A pain.001 payment order in the inbox: Bankflow writes these itself and takes nothing from one (no bank entries),
/// so a valid one is recorded as imported with 0 entries, as before. But a file is imported only when its reader
/// accepts it: a broken one is quarantined with the reader's first error (found by the hostile-input corpus: a
/// damaged file recognised as pain.001 was recorded as imported).
/// </summary>
public sealed class Pain001Importer : IBankFileImporter
{
    public bool CanImport(BankFileFormat format) => format == BankFileFormat.Pain001;

    public async Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Pain001ReadResult read;
        await using (var stream = await file.Content.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        {
            read = Pain001Reader.Read(stream);
        }
        if (read.HasErrors)
        {
            var errors = read.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            return ImportOutcome.Refused(
                $"the pain.001 file is not valid ({errors.Count} errors; first: {errors.FirstOrDefault()?.ToString() ?? "it could not be read"})", read.Diagnostics);
        }
        return ImportOutcome.Imported(0, read.Diagnostics);
    }
}
