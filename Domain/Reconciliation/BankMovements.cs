using Bankflow.Domain.Banking;

namespace Bankflow.Domain.Reconciliation;

/// <summary>The one place a <see cref="BankEntry"/> becomes a <see cref="BankMovement"/>.</summary>
public static class BankMovements
{
    public static BankMovement From(BankEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new BankMovement(entry.EntryId, entry.Channel, entry.Account, entry.BookingDate, entry.Amount, entry.Currency)
        {
            Kid = entry.Kid,
            // Structured references: BankEntry carries only the KID today. When the bank entry keeps every camt
            // CdtrRefInf with its type (the file-reading work under way), map them here, e.g.
            // References = [.. entry.CreditorReferences.Where(r => r.Reference != entry.Kid).Select(r => new StructuredReference(r.Reference, r.Type))].
            // Until then an RF reference still reaches matching through Text (the camt mapper falls back to it).
            Text = entry.Text,
            CounterpartyAccount = entry.CounterpartyAccount,
            CounterpartyName = entry.CounterpartyName,
            EndToEndId = entry.EndToEndId,
            BankTransactionCode = entry.BankTransactionCode,
            // BankEntry has no charge mark of its own yet: a fee is known by its transaction code (see FeeCodes).
            IsChargeMarked = false,
            IsReversal = entry.IsReversal,
            BatchReference = entry.BatchReference,
            IsBatchTotal = entry.IsBatchTotal,
        };
    }

    public static IReadOnlyList<BankMovement> From(IEnumerable<BankEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(From)];
    }
}
