using System.Globalization;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Sbanken.Contract;

/// <summary>
/// Checks what Sbanken sent and turns it into Domain values. A line that breaks the contract (no date, an
/// amount with three decimals) fails the whole fetch with the reason: importing a wrong amount is worse
/// than importing nothing, and the day stays unread for the next try.
/// </summary>
public static class SbankenContractMapping
{
    public static OfferedAccount ToOffered(AccountDto dto, int index)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var at = $"accounts item {index}";
        if (string.IsNullOrWhiteSpace(dto.AccountId))
        {
            throw new SbankenContractException($"{at}: accountId is missing");
        }
        if (!AccountNumber.TryParse(dto.AccountNumber, out var number, out var error))
        {
            throw new SbankenContractException($"{at}: accountNumber: {error}");
        }
        return new OfferedAccount(dto.AccountId, number!.Value, dto.Name ?? "", dto.AccountType,
            Amount(dto.Balance, $"{at}: balance"), Amount(dto.Available ?? dto.Balance, $"{at}: available"));
    }

    public static SbankenTransaction ToTransaction(TransactionDto dto, string where)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var accounting = Date(dto.AccountingDate, $"{where}: accountingDate") ?? throw new SbankenContractException($"{where}: accountingDate is missing");
        return new SbankenTransaction(accounting, Amount(dto.Amount, $"{where}: amount"), dto.Text ?? "", dto.IsReservation ?? false)
        {
            InterestDate = Date(dto.InterestDate, $"{where}: interestDate"),
            OtherAccountNumber = string.IsNullOrWhiteSpace(dto.OtherAccountNumber) ? null : dto.OtherAccountNumber,
            TransactionType = dto.TransactionTypeText ?? dto.TransactionType,
            TransactionTypeCode = dto.TransactionTypeCode,
            Source = dto.Source,
        };
    }

    private static Money Amount(decimal? value, string where)
    {
        if (value is not { } kroner)
        {
            throw new SbankenContractException($"{where} is missing");
        }
        return Money.TryFromKroner(kroner, out var money, out var error) ? money : throw new SbankenContractException($"{where}: {error}");
    }

    private static DateOnly? Date(string? text, string where)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // The calendar date is what counts; a time part (always midnight in practice) is ignored.
        var datePart = text.Length >= 10 ? text[..10] : text;
        return DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new SbankenContractException($"{where}: expected a date yyyy-MM-dd…, found '{text}'");
    }
}
