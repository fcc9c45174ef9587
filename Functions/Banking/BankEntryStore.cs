using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Sbanken;

namespace Bankflow.Functions.Banking;

/// <summary>
/// The BankEntries table: every channel's transactions in one normalised shape. PartitionKey
/// <c>{clientId}|{account}|{yyyyMM}</c> (one account's month: the reconciliation working set), RowKey the entry's
/// stable id. Writes are upserts in entity-group transactions of up to 100 per partition, four in flight
/// (<see cref="BankEntryWriter"/>), so importing the same file again — or retrying after a crash halfway — rewrites
/// the same rows and adds none.
/// <para>
/// Reads see committed entries only, whoever reads: every row names the import that wrote it (<c>SourceImport</c>),
/// and a row is returned only when that import's commit marker says it finished — the file's FileImports record
/// <c>Imported</c> (64 hex digits: the file's SHA-256), or the Sbanken day marked read
/// (<c>sbanken:{account}:{yyyy-MM-dd}</c>, see <see cref="SbankenDayStore"/>). An import that was interrupted (still
/// Received), quarantined after writing, or of an unknown kind contributes nothing to a read. An entry rewritten by a
/// later import that has not committed yet is hidden until that import commits (its retry rewrites and commits it).
/// </para>
/// </summary>
public sealed class BankEntryStore(BankflowStorage storage)
{
    private const string SbankenSourcePrefix = "sbanken:";

    private readonly FileImportStore _imports = new(storage);
    private readonly SbankenDayStore _days = new(storage);

    private TableClient Table => storage.Table(StorageNames.BankEntriesTable);

    public static string PartitionKey(ClientId client, string account, DateOnly bookingDate) =>
        string.Create(CultureInfo.InvariantCulture, $"{client.Value}|{KeySafe(account)}|{bookingDate:yyyyMM}");

    /// <summary>
    /// A writer for one import's entries as they are read (<see cref="BankEntryWriter"/>: transactions of 100 per
    /// partition, four in flight). Call <see cref="BankEntryWriter.CompleteAsync"/> before the import commits.
    /// </summary>
    public BankEntryWriter OpenWriter(ClientId client, string sourceImportId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(sourceImportId);
        return new BankEntryWriter(Table, client, sourceImportId, cancellationToken);
    }

    /// <summary>Writes the entries (upsert) through a <see cref="BankEntryWriter"/>; returns how many rows were written.</summary>
    public async Task<int> UpsertAsync(ClientId client, string sourceImportId, IReadOnlyList<BankEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var writer = OpenWriter(client, sourceImportId, cancellationToken);
        foreach (var entry in entries)
        {
            await writer.AddAsync(entry).ConfigureAwait(false);
        }
        return await writer.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// One account's committed entries in one month (see the type's remarks; the client id is part of the key: no other
    /// client's rows can appear).
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> ListAsync(ClientId client, string account, DateOnly month, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(client, account, month)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        var committed = await CommittedSourcesAsync(client, rows.Select(r => r.GetString("SourceImport") ?? "").ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        return rows.Where(r => committed.Contains(r.GetString("SourceImport") ?? "")).ToList();
    }

    /// <summary>Which of <paramref name="sources"/> have committed: one read per file import, one query per Sbanken account.</summary>
    private async Task<HashSet<string>> CommittedSourcesAsync(ClientId client, IReadOnlySet<string> sources, CancellationToken cancellationToken)
    {
        var committed = new HashSet<string>(StringComparer.Ordinal);
        var sbankenDays = new Dictionary<string, List<(string Source, DateOnly Day)>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (IsFileImportId(source))
            {
                if (await _imports.GetAsync(client, source, cancellationToken).ConfigureAwait(false) is { Status: FileImportStatus.Imported })
                {
                    committed.Add(source);
                }
            }
            else if (TryParseSbankenSource(source, out var sbankenAccount, out var day))
            {
                if (!sbankenDays.TryGetValue(sbankenAccount, out var days))
                {
                    sbankenDays[sbankenAccount] = days = [];
                }
                days.Add((source, day));
            }
            // Anything else: no commit marker to prove it finished, so it is not read.
        }
        foreach (var (sbankenAccount, days) in sbankenDays)
        {
            var read = await _days.ReadDaysAsync(client, sbankenAccount, days.Min(d => d.Day), cancellationToken).ConfigureAwait(false);
            committed.UnionWith(days.Where(d => read.Contains(d.Day)).Select(d => d.Source));
        }
        return committed;
    }

    private static bool IsFileImportId(string source) => source.Length == 64 && source.All(char.IsAsciiHexDigitLower);

    /// <summary>The inverse of <see cref="SbankenFetchService.ImportId"/>: <c>sbanken:{account}:{yyyy-MM-dd}</c>.</summary>
    private static bool TryParseSbankenSource(string source, out string account, out DateOnly day)
    {
        account = "";
        day = default;
        if (!source.StartsWith(SbankenSourcePrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = source[SbankenSourcePrefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !DateOnly.TryParseExact(rest[(colon + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return false;
        }
        account = rest[..colon];
        return true;
    }

    internal static TableEntity ToEntity(string partitionKey, BankEntry e, string sourceImportId)
    {
        var entity = new TableEntity(partitionKey, KeySafe(e.EntryId))
        {
            ["EntryId"] = e.EntryId,
            ["Channel"] = e.Channel.ToString(),
            ["Account"] = e.Account,
            ["BookingDate"] = e.BookingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["AmountOre"] = e.Amount.Ore,
            ["Currency"] = e.Currency,
            ["SourceImport"] = sourceImportId,
        };
        if (e.ValueDate is { } valueDate)
        {
            entity["ValueDate"] = valueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        Set(entity, "Kid", e.Kid);
        Set(entity, "CounterpartyAccount", e.CounterpartyAccount);
        Set(entity, "CounterpartyName", e.CounterpartyName);
        Set(entity, "ArchiveReference", e.ArchiveReference);
        Set(entity, "EndToEndId", e.EndToEndId);
        Set(entity, "Text", e.Text);
        Set(entity, "BankTransactionCode", e.BankTransactionCode);
        Set(entity, "BatchReference", e.BatchReference);
        if (e.CreditorReferences is { Count: > 0 } references)
        {
            StoredReferences.Write(entity, references);
        }
        if (e.IsReversal)
        {
            entity["IsReversal"] = true;
        }
        if (e.IsBatchTotal)
        {
            entity["IsBatchTotal"] = true;
        }
        return entity;
    }

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            // Table strings hold at most 32 K characters; bank texts are far shorter, but never fail on it.
            entity[name] = TableLimits.Clip(value);
        }
    }

    /// <summary>
    /// Table keys may not hold <c>/ \ # ?</c>, control characters or (for us) '%' and '|' unescaped; bank
    /// references can. Percent-encode exactly those, so the key stays readable and deterministic. A value too long
    /// for a key (a broken or hostile file's reference or account) is shortened with a hash (<see cref="TableLimits.BoundKeyPart"/>).
    /// </summary>
    public static string KeySafe(string value) => TableLimits.BoundKeyPart(Escape(value), value);

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Every entry of the client, all accounts and months: the partitions <c>{clientId}|…</c> (a range on the key,
    /// so no other client's rows can appear). Rows of every import, committed or not: the caller decides which count.
    /// </summary>
    public async Task<IReadOnlyList<StoredBankEntry>> ListClientAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        // '|' ends the client id in every key and '}' is the character after it: [client|, client}) is exactly this client.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {client.Value + "|"} and PartitionKey lt {client.Value + "}"}");
        var list = new List<StoredBankEntry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new StoredBankEntry(FromEntity(row), row.GetString("SourceImport") ?? ""));
        }
        return list;
    }

    /// <summary>The entry a row holds: the inverse of the write, field for field.</summary>
    public static BankEntry FromEntity(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new BankEntry(
            row.GetString("EntryId") ?? row.RowKey,
            Enum.Parse<BankChannel>(row.GetString("Channel") ?? nameof(BankChannel.Camt053)),
            row.GetString("Account") ?? "",
            DateOnly.ParseExact(row.GetString("BookingDate") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            new Money(row.GetInt64("AmountOre") ?? 0),
            row.GetString("Currency") ?? "NOK")
        {
            ValueDate = row.GetString("ValueDate") is { } valueDate ? DateOnly.ParseExact(valueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            Kid = row.GetString("Kid"),
            CreditorReferences = StoredReferences.Read(row),
            CounterpartyAccount = row.GetString("CounterpartyAccount"),
            CounterpartyName = row.GetString("CounterpartyName"),
            ArchiveReference = row.GetString("ArchiveReference"),
            EndToEndId = row.GetString("EndToEndId"),
            Text = row.GetString("Text"),
            BankTransactionCode = row.GetString("BankTransactionCode"),
            BatchReference = row.GetString("BatchReference"),
            IsReversal = row.GetBoolean("IsReversal") ?? false,
            IsBatchTotal = row.GetBoolean("IsBatchTotal") ?? false,
        };
    }

    /// <summary>Structured creditor references as one JSON property: a list with its types, in the bank's order.</summary>
    private static class StoredReferences
    {
        private const string Property = "CreditorReferences";

        // Characters as they are (the reader's ids are at most 35 of them): a reference "ø" is one character, not six.
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>
        /// One property, CreditorReferences, for any ordinary list; a list longer than a property holds (a payment of
        /// hundreds of invoices) goes on in CreditorReferences2, 3, … — a row holds every reference the file gave.
        /// </summary>
        public static void Write(TableEntity entity, CreditorReferenceList references)
        {
            var json = JsonSerializer.Serialize(references.Select(r => new Row(r.Reference, r.Type, r.IsProprietaryType, r.Issuer)).ToList(), Json);
            var parts = TableLimits.Parts(json);
            for (var i = 0; i < parts.Count; i++)
            {
                entity[i == 0 ? Property : Property + (i + 1).ToString(CultureInfo.InvariantCulture)] = parts[i];
            }
        }

        public static CreditorReferenceList? Read(TableEntity row)
        {
            if (row.GetString(Property) is not { } first)
            {
                return null;
            }
            var json = new StringBuilder(first);
            for (var i = 2; row.GetString(Property + i.ToString(CultureInfo.InvariantCulture)) is { } next; i++)
            {
                json.Append(next);
            }
            return new([.. (JsonSerializer.Deserialize<List<Row>>(json.ToString(), Json) ?? []).Select(r => new CreditorReference(r.Ref, r.Type, r.Prtry, r.Issuer))]);
        }

        private sealed record Row(string Ref, string? Type, bool Prtry, string? Issuer);
    }
}
