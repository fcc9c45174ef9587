using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Domain.Sbanken;

/// <summary>A booked transaction with the id it is stored under.</summary>
public sealed record IdentifiedTransaction(string EntryId, SbankenTransaction Transaction);

/// <summary>
/// Deterministic ids for Sbanken lines, which carry no stable id of their own. The id is a hash of what
/// makes a line what it is — account, accounting date, amount, text, other account — plus an occurrence
/// index among lines that are identical in all of those on that day (two coffees at 39.00 on one day are
/// two payments, not one). The index follows the order the bank lists the identical lines in; since they
/// are identical, which one is "first" does not matter, only that a re-fetch of the same day yields the
/// same count and so the same ids. Re-fetching therefore never duplicates and never merges two real payments.
/// Reservations are left out: they are not booked and would shift the indexes when they turn into bookings.
/// </summary>
public static class TransactionIds
{
    /// <summary>Prefix of every Sbanken entry id (the BankEntries row key is the id).</summary>
    public const string Prefix = "sb-";

    /// <summary>
    /// Assigns ids to the booked lines of one account. Pass whole days only (a fetch covers whole days), else
    /// the occurrence index of a day cut in half would differ from the full day's.
    /// </summary>
    public static IReadOnlyList<IdentifiedTransaction> Assign(string accountNumber, IEnumerable<SbankenTransaction> transactions)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountNumber);
        ArgumentNullException.ThrowIfNull(transactions);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<IdentifiedTransaction>();
        foreach (var t in transactions)
        {
            if (t.IsReservation)
            {
                continue;
            }
            var key = Key(accountNumber, t);
            var occurrence = seen.TryGetValue(key, out var n) ? n + 1 : 0;
            seen[key] = occurrence;
            result.Add(new IdentifiedTransaction(Id(key, occurrence), t));
        }
        return result;
    }

    /// <summary>The fields that identify a line, unambiguously joined (lengths prefixed, so no separator can be forged by a text).</summary>
    internal static string Key(string accountNumber, SbankenTransaction t)
    {
        var builder = new StringBuilder();
        void Part(string? value) => builder.Append((value ?? "").Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value ?? "").Append(';');
        Part(accountNumber);
        Part(t.AccountingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Part(t.Amount.Ore.ToString(CultureInfo.InvariantCulture));
        // Texts are compared as the bank sends them but with outer whitespace trimmed: padding is not meaning.
        Part(t.Text.Trim());
        Part(t.OtherAccountNumber?.Trim());
        return builder.ToString();
    }

    private static string Id(string key, int occurrence)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{hash}-{occurrence}");
    }
}
