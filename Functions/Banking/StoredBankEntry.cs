using Bankflow.Domain.Banking;

namespace Bankflow.Functions.Banking;

/// <summary>A bank entry as read back from the BankEntries table, with the import that wrote it (its commit marker decides whether it counts).</summary>
/// <param name="SourceImport">The FileImports id (the file's SHA-256) or the Sbanken day (<c>sbanken:{account}:{yyyy-MM-dd}</c>).</param>
public sealed record StoredBankEntry(BankEntry Entry, string SourceImport);
