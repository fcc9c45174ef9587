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
            // Every structured creditor reference but the one that is the KID (that one is read as the KID).
            References = References(entry),
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

    private static IReadOnlyList<StructuredReference> References(BankEntry entry)
    {
        if (entry.CreditorReferences is not { Count: > 0 } references)
        {
            return [];
        }
        var list = new List<StructuredReference>(references.Count);
        foreach (var reference in references)
        {
            if (reference.Reference != entry.Kid)
            {
                list.Add(new StructuredReference(reference.Reference, reference.Type));
            }
        }
        return list;
    }

    public static IReadOnlyList<BankMovement> From(IEnumerable<BankEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(From)];
    }
}
