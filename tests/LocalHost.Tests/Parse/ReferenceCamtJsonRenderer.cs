using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.LocalHost.Parse;

namespace Bankflow.LocalHost.Tests.Parse;

/// <summary>
/// The camt renderer of <c>bankflow parse</c> as it was before it was rewritten for speed (issue 15, item 10),
/// kept as the reference the fast one must match byte for byte (<see cref="CamtParseOutputIdentityTests"/>).
/// Plain Utf8JsonWriter calls over the reader's object model: easy to check by reading, slow to run.
/// Do not optimise this one. Original summary: transactions are written as they are read (one per TxDtls,
/// or one per entry without details), then the statement summaries (small, collected on the way), then the
/// diagnostics. Amounts are signed integers in hundredths of the currency (øre for NOK), debit negative.
/// </summary>
internal static class ReferenceCamtJsonRenderer
{
    private const int FlushEvery = 512;

    public static IReadOnlyList<Diagnostic> Render(Stream input, DetectedFormat format, Utf8JsonWriter json)
    {
        var reader = new CamtReader(input);
        var statements = new List<CamtStatementEnd>();
        var kind = format.Format == BankFileFormat.Camt054 ? CamtMessageKind.Notification : CamtMessageKind.Statement;
        json.WriteStartObject();
        json.WriteString("format", format.Format.WireName());
        var headerWritten = false;
        var written = 0;
        foreach (var item in reader.Read())
        {
            switch (item)
            {
                case CamtGroupHeader header:
                    kind = header.Kind;
                    WriteHeader(json, header.Version, header.MessageId, header.CreationDateTime);
                    headerWritten = true;
                    break;
                case CamtEntryItem e:
                    foreach (var t in CamtTransactions.Of(e.Entry))
                    {
                        WriteTransaction(json, kind, e.Statement, e.Entry, t);
                        if (++written % FlushEvery == 0)
                        {
                            json.Flush();
                        }
                    }
                    break;
                case CamtStatementEnd end:
                    statements.Add(end);
                    break;
            }
        }
        if (!headerWritten)
        {
            WriteHeader(json, reader.Version ?? format.Version, null, null);
        }
        json.WriteEndArray();
        json.WriteStartArray("statements");
        foreach (var s in statements)
        {
            WriteStatement(json, s);
        }
        json.WriteEndArray();
        var diagnostics = reader.Diagnostics.ToList();
        // The verdict and diagnostics were not part of the rewrite this reference guards: the production writer serves both.
        DiagnosticJson.WriteVerdict(json, diagnostics);
        json.WriteEndObject();
        return diagnostics;
    }

    private static void WriteHeader(Utf8JsonWriter json, string? version, string? messageId, string? created)
    {
        WriteStringOrNull(json, "version", version);
        WriteStringOrNull(json, "messageId", messageId);
        WriteStringOrNull(json, "creationDateTime", created);
        json.WriteStartArray("transactions");
    }

    private static void WriteTransaction(Utf8JsonWriter json, CamtMessageKind kind, CamtStatement statement, CamtEntry entry, CamtTransaction t)
    {
        var d = t.Details;
        var direction = d?.Direction ?? entry.Direction;
        var incoming = direction == CreditDebit.Credit != entry.Reversal;
        var counterparty = incoming ? d?.Debtor : d?.Creditor;
        json.WriteStartObject();
        json.WriteNumber("amount", t.Amount.Ore);
        json.WriteString("currency", entry.Amount.Currency);
        WriteStringOrNull(json, "kid", CamtKid.From(d?.StructuredReference));
        WriteStringOrNull(json, "creditorReference", d?.CreditorReference);
        WriteReferences(json, d?.CreditorReferences);
        WriteStringOrNull(json, "endToEndId", d?.EndToEndId);
        WriteStringOrNull(json, "instructionId", d?.InstructionId);
        WriteStringOrNull(json, "accountServicerReference", d?.AccountServicerReference ?? entry.AccountServicerReference);
        WriteStringOrNull(json, "entryAccountServicerReference", entry.AccountServicerReference);
        WriteDate(json, "bookingDate", entry.EffectiveBookingDate(statement));
        WriteDate(json, "valueDate", entry.ValueDate);
        json.WriteString("status", entry.Status);
        json.WriteBoolean("reversal", entry.Reversal);
        WriteStringOrNull(json, "debtorName", d?.Debtor?.Name);
        WriteStringOrNull(json, "debtorAccount", d?.Debtor?.Account);
        WriteStringOrNull(json, "creditorName", d?.Creditor?.Name);
        WriteStringOrNull(json, "creditorAccount", d?.Creditor?.Account);
        WriteStringOrNull(json, "counterpartyName", counterparty?.Name);
        WriteStringOrNull(json, "counterpartyAccount", counterparty?.Account);
        WriteStringOrNull(json, "text", CamtBankEntryMapper.TextOf(entry, d));
        WriteStringOrNull(json, "bankTransactionCode", entry.BankTransactionCode?.Iso ?? entry.BankTransactionCode?.Proprietary);
        WriteStringOrNull(json, "returnReason", d?.ReturnReason);
        if (entry.Charges?.Total is { } charges)
        {
            json.WriteNumber("entryCharges", charges.Value.Ore);
        }
        json.WriteString("statementId", statement.Id);
        json.WriteNumber("entryIndex", entry.Index);
        json.WriteNumber("transactionIndex", t.Index);
        json.WriteString("entryId", CamtBankEntryMapper.EntryId(statement, entry, t, statement.Account.Normalised ?? ""));
        json.WriteString("channel", kind == CamtMessageKind.Statement ? "camt053" : "camt054");
        json.WriteEndObject();
    }

    /// <summary>Every structured reference with its type: <c>[{"type": "QRR", "proprietaryType": true, "issuer": null, "reference": "…"}]</c>.</summary>
    private static void WriteReferences(Utf8JsonWriter json, CreditorReferenceList? references)
    {
        json.WriteStartArray("creditorReferences");
        if (references is not null)
        {
            foreach (var r in references)
            {
                json.WriteStartObject();
                WriteStringOrNull(json, "type", r.Type);
                json.WriteBoolean("proprietaryType", r.IsProprietaryType);
                WriteStringOrNull(json, "issuer", r.Issuer);
                json.WriteString("reference", r.Reference);
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
    }

    private static void WriteStatement(Utf8JsonWriter json, CamtStatementEnd end)
    {
        var s = end.Statement;
        json.WriteStartObject();
        json.WriteString("id", s.Id);
        if (s.ElectronicSequenceNumber is { } sequence)
        {
            json.WriteNumber("sequenceNumber", sequence);
        }
        else
        {
            json.WriteNull("sequenceNumber");
        }
        WriteStringOrNull(json, "account", s.Account.Identifier);
        WriteStringOrNull(json, "currency", s.Currency);
        WriteStringOrNull(json, "creationDateTime", s.CreationDateTime);
        json.WriteStartArray("balances");
        foreach (var b in s.Balances)
        {
            json.WriteStartObject();
            json.WriteString("type", b.Type);
            json.WriteNumber("amount", b.Amount.Ore);
            json.WriteString("currency", b.Currency);
            WriteDate(json, "date", b.Date);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("entryCount", end.Totals.EntryCount);
        json.WriteNumber("transactionCount", end.Totals.TransactionCount);
        json.WriteNumber("bookedCredits", end.Totals.BookedCredits);
        json.WriteNumber("bookedDebits", end.Totals.BookedDebits);
        json.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d)
        {
            json.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
