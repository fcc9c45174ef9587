using System.Globalization;
using System.Text.Json;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Iso20022.Camt;

namespace Bankflow.LocalHost.Parse;

/// <summary>
/// <c>bankflow parse</c> for camt.053 and camt.054: transactions are written as they are read (one per TxDtls,
/// or one per entry without details), then the statement summaries (small, collected on the way), then the
/// diagnostics. Amounts are signed integers in hundredths of the currency (øre for NOK), debit negative.
/// </summary>
internal static class CamtJsonRenderer
{
    /// <summary>Output is handed to stdout in pieces of about this size, so memory stays flat.</summary>
    private const int FlushThreshold = 1 << 16;

    public static IReadOnlyList<Diagnostic> Render(Stream input, DetectedFormat format, Utf8JsonWriter json)
    {
        var reader = new CamtReader(input);
        var statements = new List<CamtStatementEnd>();
        var kind = format.Format == BankFileFormat.Camt054 ? CamtMessageKind.Notification : CamtMessageKind.Statement;
        json.WriteStartObject();
        json.WriteString("format", format.Format.WireName());
        var headerWritten = false;
        var raw = new IndentedJsonFragment();
        CamtStatement? accountOf = null;
        var account = "";
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
                    if (!ReferenceEquals(accountOf, e.Statement))
                    {
                        accountOf = e.Statement;
                        account = accountOf.Account.Normalised ?? "";
                    }
                    foreach (var t in CamtTransactions.Of(e.Entry))
                    {
                        WriteTransaction(json, raw, kind, e.Statement, account, e.Entry, t);
                    }
                    if (json.BytesPending > FlushThreshold)
                    {
                        json.Flush();
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

    /// <summary>
    /// One transaction as the object the writer would print at this depth, formatted by hand into
    /// <paramref name="raw"/> and handed over as one raw value (the bulk of the output: ~27 properties per
    /// transaction). <c>CamtParseOutputIdentityTests</c> holds it to the writer's bytes.
    /// </summary>
    private static void WriteTransaction(Utf8JsonWriter json, IndentedJsonFragment raw, CamtMessageKind kind, CamtStatement statement, string account, CamtEntry entry, CamtTransaction t)
    {
        var d = t.Details;
        var direction = d?.Direction ?? entry.Direction;
        var incoming = direction == CreditDebit.Credit != entry.Reversal;
        var counterparty = incoming ? d?.Debtor : d?.Creditor;
        raw.Clear();
        raw.Literal("\n    {\n      \"amount\": "u8);
        raw.Number(t.Amount.Ore);
        raw.Literal(",\n      \"currency\": "u8);
        raw.String(entry.Amount.Currency);
        raw.Literal(",\n      \"kid\": "u8);
        raw.String(CamtKid.From(d?.StructuredReference));
        raw.Literal(",\n      \"creditorReference\": "u8);
        raw.String(d?.CreditorReference);
        raw.Literal(",\n      \"creditorReferences\": "u8);
        WriteReferences(raw, d?.CreditorReferences);
        raw.Literal(",\n      \"endToEndId\": "u8);
        raw.String(d?.EndToEndId);
        raw.Literal(",\n      \"instructionId\": "u8);
        raw.String(d?.InstructionId);
        raw.Literal(",\n      \"accountServicerReference\": "u8);
        raw.String(d?.AccountServicerReference ?? entry.AccountServicerReference);
        raw.Literal(",\n      \"entryAccountServicerReference\": "u8);
        raw.String(entry.AccountServicerReference);
        raw.Literal(",\n      \"bookingDate\": "u8);
        raw.Date(entry.EffectiveBookingDate(statement));
        raw.Literal(",\n      \"valueDate\": "u8);
        raw.Date(entry.ValueDate);
        raw.Literal(",\n      \"status\": "u8);
        raw.String(entry.Status);
        raw.Literal(",\n      \"reversal\": "u8);
        raw.Boolean(entry.Reversal);
        raw.Literal(",\n      \"debtorName\": "u8);
        raw.String(d?.Debtor?.Name);
        raw.Literal(",\n      \"debtorAccount\": "u8);
        raw.String(d?.Debtor?.Account);
        raw.Literal(",\n      \"creditorName\": "u8);
        raw.String(d?.Creditor?.Name);
        raw.Literal(",\n      \"creditorAccount\": "u8);
        raw.String(d?.Creditor?.Account);
        raw.Literal(",\n      \"counterpartyName\": "u8);
        raw.String(counterparty?.Name);
        raw.Literal(",\n      \"counterpartyAccount\": "u8);
        raw.String(counterparty?.Account);
        raw.Literal(",\n      \"text\": "u8);
        raw.String(CamtBankEntryMapper.TextOf(entry, d));
        raw.Literal(",\n      \"bankTransactionCode\": "u8);
        WriteBankTransactionCode(raw, entry.BankTransactionCode);
        raw.Literal(",\n      \"returnReason\": "u8);
        raw.String(d?.ReturnReason);
        if (entry.Charges?.Total is { } charges)
        {
            raw.Literal(",\n      \"entryCharges\": "u8);
            raw.Number(charges.Value.Ore);
        }
        raw.Literal(",\n      \"statementId\": "u8);
        raw.String(statement.Id);
        raw.Literal(",\n      \"entryIndex\": "u8);
        raw.Number(entry.Index);
        raw.Literal(",\n      \"transactionIndex\": "u8);
        raw.Number(t.Index);
        raw.Literal(",\n      \"entryId\": "u8);
        WriteEntryId(raw, statement, entry, t, account);
        raw.Literal(kind == CamtMessageKind.Statement
            ? ",\n      \"channel\": \"camt053\"\n    }"u8
            : ",\n      \"channel\": \"camt054\"\n    }"u8);
        json.WriteRawValue(raw.Written, skipInputValidation: true);
    }

    /// <summary>Every structured reference with its type: <c>[{"type": "QRR", "proprietaryType": true, "issuer": null, "reference": "…"}]</c>.</summary>
    private static void WriteReferences(IndentedJsonFragment raw, CreditorReferenceList? references)
    {
        if (references is null || references.Count == 0)
        {
            raw.Literal("[]"u8);
            return;
        }
        raw.Literal("["u8);
        for (var i = 0; i < references.Count; i++)
        {
            var r = references[i];
            raw.Literal(i == 0 ? "\n        {\n          \"type\": "u8 : ",\n        {\n          \"type\": "u8);
            raw.String(r.Type);
            raw.Literal(",\n          \"proprietaryType\": "u8);
            raw.Boolean(r.IsProprietaryType);
            raw.Literal(",\n          \"issuer\": "u8);
            raw.String(r.Issuer);
            raw.Literal(",\n          \"reference\": "u8);
            raw.String(r.Reference);
            raw.Literal("\n        }"u8);
        }
        raw.Literal("\n      ]"u8);
    }

    /// <summary><see cref="CamtBankTransactionCode.Iso"/> ("PMNT/RCDT/DMCT") else the proprietary code, without building the string.</summary>
    private static void WriteBankTransactionCode(IndentedJsonFragment raw, CamtBankTransactionCode? code)
    {
        if (code is null)
        {
            raw.Literal("null"u8);
        }
        else if (code.Domain is { } domain)
        {
            raw.Literal("\""u8);
            raw.StringContent(domain);
            raw.Literal("/"u8);
            raw.StringContent(code.Family);
            raw.Literal("/"u8);
            raw.StringContent(code.SubFamily);
            raw.Literal("\""u8);
        }
        else
        {
            raw.String(code.Proprietary);
        }
    }

    /// <summary><see cref="CamtBankEntryMapper.EntryId"/>, written in parts where it is made of the file's references.</summary>
    private static void WriteEntryId(IndentedJsonFragment raw, CamtStatement statement, CamtEntry entry, CamtTransaction t, string account)
    {
        if (t.Details?.AccountServicerReference is { } own)
        {
            raw.Literal("\"camt:"u8);
            raw.StringContent(account);
            raw.Literal(":"u8);
            raw.StringContent(own);
            raw.Literal("\""u8);
        }
        else if (entry.AccountServicerReference is { } booking)
        {
            raw.Literal("\"camt:"u8);
            raw.StringContent(account);
            raw.Literal(":"u8);
            raw.StringContent(booking);
            raw.Literal("#"u8);
            raw.Number(t.Index);
            raw.Literal("\""u8);
        }
        else
        {
            raw.String(CamtBankEntryMapper.EntryId(statement, entry, t, account));
        }
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
