using Bankflow.Domain.Banking;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Mapping;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Statements;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Reconcile;

/// <summary>What the bank files given to <c>bankflow reconcile</c> hold, gathered over all of them.</summary>
internal sealed class BankFileInputs
{
    public List<BankEntry> Entries { get; } = [];

    public List<StatementBalances> Statements { get; } = [];

    /// <summary>From pain.001 files: the client's own payments, so that their debits are not taken for anything else.</summary>
    public List<OwnPayment> OwnPayments { get; } = [];
}

/// <summary>Why a bank file cannot be used: unreadable (exit 2) or not a valid file of a usable format (exit 1).</summary>
internal sealed record BankFileProblem(bool Unreadable, string Message, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Reads one bank file into <see cref="BankFileInputs"/> with the same Domain readers and mappings as the import
/// (Nets OCR giro and AvtaleGiro: <see cref="OcrBankEntries"/>; camt.053/054: <see cref="CamtBankEntryMapper"/>;
/// pain.001: the payments Bankflow sent). A file with any error is refused whole, as the import refuses it.
/// </summary>
internal static class BankFileReader
{
    public static BankFileProblem? Read(string path, BankFileInputs into)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new BankFileProblem(true, $"cannot read '{path}': {ex.Message}", []);
        }
        var detected = FormatDetector.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, FormatDetector.HeadLength)));
        return detected.Format switch
        {
            BankFileFormat.OcrGiro or BankFileFormat.AvtaleGiro => ReadNets(path, bytes, into),
            BankFileFormat.Camt053 or BankFileFormat.Camt054 => ReadCamt(path, bytes, into),
            BankFileFormat.Pain001 => ReadPain001(path, bytes, into),
            BankFileFormat.Unknown => new BankFileProblem(false, $"'{path}' is no bank file Bankflow reads: {detected.Reason}", []),
            _ => new BankFileProblem(false, $"'{path}' is a {detected.Format.WireName()} file, which holds no bank entries: give OCR giro, AvtaleGiro, camt.053, camt.054 (and pain.001 for your own payments)", []),
        };
    }

    private static BankFileProblem? ReadNets(string path, byte[] bytes, BankFileInputs into)
    {
        var document = NetsDocument.Load(bytes);
        if (!document.IsValid)
        {
            return Invalid(path, document.Summary.Format.WireName(), document.Summary.Diagnostics);
        }
        into.Entries.AddRange(OcrBankEntries.Map(document));
        return null;
    }

    private static BankFileProblem? ReadCamt(string path, byte[] bytes, BankFileInputs into)
    {
        var entries = new List<BankEntry>();
        var statements = new List<StatementBalances>();
        var reader = new CamtReader(new MemoryStream(bytes, writable: false));
        foreach (var item in reader.Read())
        {
            switch (item)
            {
                case CamtEntryItem e when !reader.Diagnostics.HasErrors:
                    entries.AddRange(CamtBankEntryMapper.Map(reader.Kind!.Value, e.Statement, e.Entry));
                    break;
                case CamtStatementEnd end when reader.Kind == CamtMessageKind.Statement && StatementBalances.Of(end.Statement) is { } balances:
                    statements.Add(balances);
                    break;
            }
        }
        if (reader.Diagnostics.HasErrors)
        {
            return Invalid(path, reader.Kind == CamtMessageKind.Notification ? "camt.054" : "camt.053", reader.Diagnostics.ToList());
        }
        into.Entries.AddRange(entries);
        into.Statements.AddRange(statements);
        return null;
    }

    private static BankFileProblem? ReadPain001(string path, byte[] bytes, BankFileInputs into)
    {
        var result = Pain001Reader.Read(new MemoryStream(bytes, writable: false));
        if (result.HasErrors || result.Document is not { } document)
        {
            return Invalid(path, "pain.001", result.Diagnostics);
        }
        foreach (var batch in document.PaymentInformations)
        {
            foreach (var t in batch.Transactions)
            {
                if (t.EndToEndId is not { } endToEnd)
                {
                    continue;
                }
                Money? amount = t.Amount is { } value && Money.TryFromKroner(value, out var money, out _) ? money : null;
                into.OwnPayments.Add(new OwnPayment(endToEnd, batch.PaymentInformationId, t.CreditorName, amount, t.Currency));
            }
        }
        return null;
    }

    private static BankFileProblem Invalid(string path, string format, IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        return new BankFileProblem(false, $"'{path}' is not a valid {format} file ({errors.Count} error{(errors.Count == 1 ? "" : "s")}; first: {errors.FirstOrDefault()})", errors);
    }
}
