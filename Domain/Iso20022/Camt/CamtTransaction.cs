using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>
/// One transaction of an entry, the unit that becomes a bank entry and a line of <c>bankflow parse</c>.
/// </summary>
/// <param name="Index">1-based position within the entry.</param>
/// <param name="Details">The TxDtls, or null when the entry has none or cannot be split (then the entry is one transaction).</param>
/// <param name="Amount">Signed (debit negative), in hundredths of the entry's currency.</param>
public sealed record CamtTransaction(int Index, CamtTransactionDetails? Details, Money Amount);

/// <summary>How an entry splits into transactions.</summary>
public static class CamtTransactions
{
    /// <summary>
    /// The transactions of <paramref name="entry"/>:
    /// no TxDtls → the entry itself is one transaction (a lump sum, normal in camt.053);
    /// a single TxDtls → one transaction with those details and the entry amount: the entry is what was booked
    /// and what the balances add up; a detail that disagrees with it (a fee, another currency, a bank's slip) is
    /// only flagged (<see cref="CamtChecks.CheckEntry"/>);
    /// several TxDtls, every one with an amount in the entry's currency → one transaction each, signed by the
    /// TxDtls CdtDbtInd (001.03 and later) or else the entry's;
    /// several TxDtls, not all with an amount in the entry's currency → the entry cannot be split honestly, so it
    /// is one transaction without details (<see cref="CamtChecks"/> warns about it).
    /// </summary>
    public static IReadOnlyList<CamtTransaction> Of(CamtEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var details = entry.Transactions;
        if (details.Count == 0)
        {
            return [new CamtTransaction(1, null, entry.SignedAmount)];
        }
        if (details.Count == 1)
        {
            return [new CamtTransaction(1, details[0], entry.SignedAmount)];
        }
        if (CanSplit(entry))
        {
            var result = new CamtTransaction[details.Count];
            for (var i = 0; i < details.Count; i++)
            {
                var d = details[i];
                result[i] = new CamtTransaction(d.Index, d, d.Amount!.Signed(d.Direction ?? entry.Direction));
            }
            return result;
        }
        return [new CamtTransaction(1, null, entry.SignedAmount)];
    }

    /// <summary>True when every TxDtls has an amount in the entry's currency.</summary>
    public static bool CanSplit(CamtEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Transactions.Count == 0)
        {
            return false;
        }
        foreach (var d in entry.Transactions)
        {
            if (d.Amount is null || d.Amount.Currency != entry.Amount.Currency)
            {
                return false;
            }
        }
        return true;
    }
}
