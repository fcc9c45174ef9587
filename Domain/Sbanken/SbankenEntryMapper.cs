using Bankflow.Domain.Banking;

namespace Bankflow.Domain.Sbanken;

/// <summary>Sbanken lines in the one normalised shape every channel maps to.</summary>
public static class SbankenEntryMapper
{
    /// <summary>Sbanken accounts are Norwegian kroner accounts.</summary>
    public const string Currency = "NOK";

    public static BankEntry ToBankEntry(string accountNumber, IdentifiedTransaction line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var t = line.Transaction;
        return new BankEntry(line.EntryId, BankChannel.Sbanken, accountNumber, t.AccountingDate, t.Amount, Currency)
        {
            ValueDate = t.InterestDate,
            CounterpartyAccount = string.IsNullOrWhiteSpace(t.OtherAccountNumber) ? null : t.OtherAccountNumber.Trim(),
            Text = string.IsNullOrWhiteSpace(t.Text) ? t.TransactionType : t.Text.Trim(),
        };
    }
}
