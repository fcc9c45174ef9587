using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Intake;

/// <summary>
/// What ImportBankFile knows about the file when it hands it to a format's importer. <see cref="Content"/> is read
/// as a stream, as many times as the importer needs (validate whole, then store).
/// </summary>
public sealed record IncomingFile(ClientId Client, string Sha256, string? FileName, string? Channel, DetectedFormat Format, IFileContent Content, DateTimeOffset ReceivedAt);

/// <summary>
/// A format importer's verdict. <see cref="Accepted"/> false quarantines the file with <see cref="Reason"/>.
/// An importer validates the whole file before it writes anything, and writes with deterministic keys and
/// upserts, so a retry after a crash rewrites the same rows; the FileImports record, written last, is the commit marker.
/// </summary>
public sealed record ImportOutcome(bool Accepted, int EntryCount, IReadOnlyList<Diagnostic> Diagnostics, string? Reason)
{
    public static ImportOutcome Imported(int entryCount, IReadOnlyList<Diagnostic> diagnostics) => new(true, entryCount, diagnostics, null);

    public static ImportOutcome Refused(string reason, IReadOnlyList<Diagnostic> diagnostics) => new(false, 0, diagnostics, reason);
}

/// <summary>Parses and stores one format's files. One implementation per format; the use case picks by detected format.</summary>
public interface IBankFileImporter
{
    bool CanImport(BankFileFormat format);

    Task<ImportOutcome> ImportAsync(IncomingFile file, CancellationToken cancellationToken);
}
