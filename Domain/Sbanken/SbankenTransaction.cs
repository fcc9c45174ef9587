using Bankflow.Domain.Values;

namespace Bankflow.Domain.Sbanken;

/// <summary>
/// One transaction line as Sbanken reports it, already checked and converted (amount in øre, dates as dates).
/// Sbanken gives no stable transaction id for booked lines, so <see cref="TransactionIds"/> derives one.
/// </summary>
/// <param name="AccountingDate">Bokføringsdato: the day the line is booked on the account (the day it is "read" for).</param>
/// <param name="Amount">Signed: money in positive, money out negative.</param>
/// <param name="IsReservation">A card reservation not yet booked: it moves no booked balance and is never imported.</param>
public sealed record SbankenTransaction(DateOnly AccountingDate, Money Amount, string Text, bool IsReservation)
{
    /// <summary>Rentedato (value date), when given.</summary>
    public DateOnly? InterestDate { get; init; }

    /// <summary>The counterparty's account, when Sbanken gives it.</summary>
    public string? OtherAccountNumber { get; init; }

    /// <summary>Sbanken's transaction type text, e.g. "Overføring", "Giro", "Varekjøp".</summary>
    public string? TransactionType { get; init; }

    public int? TransactionTypeCode { get; init; }

    /// <summary>"Archive" for booked lines, "AccountStatement" etc.; carried for diagnosis only.</summary>
    public string? Source { get; init; }
}
