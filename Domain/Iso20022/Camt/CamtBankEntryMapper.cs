using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bankflow.Domain.Banking;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>
/// Maps camt entries to the normalised <see cref="BankEntry"/>, one per transaction (see <see cref="CamtTransactions.Of"/>).
/// Pure: the same entry always gives the same bank entries, whatever the version (001.02 or 001.08) it came in.
/// </summary>
public static class CamtBankEntryMapper
{
    /// <summary>
    /// The bank entries of one camt entry. Entries that are not booked (Sts PDNG or INFO) move no money and give
    /// none. Call it only for documents without errors (a booked entry without any date is one). A booked entry
    /// without BookgDt is booked on its value date, else the statement's date (<see cref="CamtEntry.EffectiveBookingDate"/>).
    /// <para>EntryId, stable across re-imports and across camt.053/camt.054 for the same transaction:
    /// <c>camt:{account}:{TxDtls/Refs/AcctSvcrRef}</c>; else <c>camt:{account}:{Ntry/AcctSvcrRef}#{transaction index}</c>;
    /// else <c>camt:{account}:h{hash}</c>, the hash being the first 16 bytes (hex) of SHA-256 over
    /// "statement id|entry index|transaction index|signed amount in hundredths|booking date|value date".</para>
    /// </summary>
    public static IReadOnlyList<BankEntry> Map(CamtMessageKind kind, CamtStatement statement, CamtEntry entry)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.IsBooked)
        {
            return [];
        }
        var bookingDate = entry.EffectiveBookingDate(statement)
            ?? throw new ArgumentException($"entry {entry.Path} is booked but has no booking, value or statement date; the reader reported it as an error", nameof(entry));
        var account = statement.Account.Normalised ?? "";
        var channel = kind == CamtMessageKind.Statement ? BankChannel.Camt053 : BankChannel.Camt054;
        var transactions = CamtTransactions.Of(entry);
        // A batch: the bank says so (Btch with more than one payment) or it itemises several payments.
        var isBatch = entry.Batch is { NumberOfTransactions: > 1 } || entry.Transactions.Count > 1;
        var batchReference = isBatch ? entry.AccountServicerReference : null;
        var bankTransactionCode = entry.BankTransactionCode is { } code ? code.Iso ?? code.Proprietary : null;
        var result = new BankEntry[transactions.Count];
        for (var i = 0; i < transactions.Count; i++)
        {
            var t = transactions[i];
            var d = t.Details;
            var direction = d?.Direction ?? entry.Direction;
            // A reversal runs opposite to the original payment; the counterparty is the original payer or payee.
            var incoming = direction == CreditDebit.Credit != entry.Reversal;
            var counterparty = incoming ? d?.Debtor : d?.Creditor;
            result[i] = new BankEntry(EntryId(statement, entry, t, account), channel, account, bookingDate, t.Amount, entry.Amount.Currency)
            {
                ValueDate = entry.ValueDate,
                Kid = CamtKid.From(d?.StructuredReference),
                CreditorReferences = d is { CreditorReferences.Count: > 0 } ? d.CreditorReferences : null,
                CounterpartyAccount = CamtAccountNumbers.Normalise(counterparty?.Account),
                CounterpartyName = counterparty?.Name,
                ArchiveReference = d?.AccountServicerReference ?? entry.AccountServicerReference,
                EndToEndId = d?.EndToEndId is "NOTPROVIDED" ? null : d?.EndToEndId,
                Text = TextOf(entry, d),
                BankTransactionCode = bankTransactionCode,
                IsReversal = entry.Reversal,
                BatchReference = batchReference,
                IsBatchTotal = isBatch && transactions.Count == 1,
            };
        }
        return result;
    }

    /// <summary>
    /// Free text: the Ustrd lines joined; else AddtlTxInf; else a structured reference that is not a KID (an RF
    /// reference, or one of a bank's own type such as QRR); else AddtlNtryInf.
    /// </summary>
    public static string? TextOf(CamtEntry entry, CamtTransactionDetails? details)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (details is not null)
        {
            if (details.Unstructured.Count > 0)
            {
                return string.Join(" ", details.Unstructured);
            }
            if (details.AdditionalInformation is not null)
            {
                return details.AdditionalInformation;
            }
            if (details.CreditorReference is { } reference && CamtKid.From(details.StructuredReference) != reference)
            {
                return reference;
            }
        }
        return entry.AdditionalInformation;
    }

    public static string EntryId(CamtStatement statement, CamtEntry entry, CamtTransaction transaction, string account)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Details?.AccountServicerReference is { } own)
        {
            return $"camt:{account}:{own}";
        }
        if (entry.AccountServicerReference is { } booking)
        {
            return $"camt:{account}:{booking}#{transaction.Index.ToString(CultureInfo.InvariantCulture)}";
        }
        var key = string.Join(
            '|',
            statement.Id,
            entry.Index.ToString(CultureInfo.InvariantCulture),
            transaction.Index.ToString(CultureInfo.InvariantCulture),
            transaction.Amount.Ore.ToString(CultureInfo.InvariantCulture),
            entry.BookingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            entry.ValueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return $"camt:{account}:h{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }
}
