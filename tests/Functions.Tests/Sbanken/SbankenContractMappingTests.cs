using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Sbanken.Contract;

namespace Bankflow.Functions.Tests.Sbanken;

public sealed class SbankenContractMappingTests
{
    private static TransactionDto Line(string? date = "2026-11-20T00:00:00", decimal? amount = -39.00m, string? interest = null) =>
        new(date, interest, amount, "KAFFEBAR", "Varekjøp", 714, "Varekjøp", null, false, "Archive");

    [Fact]
    public void A_line_keeps_its_dates_amount_in_ore_and_type()
    {
        var t = SbankenContractMapping.ToTransaction(Line(interest: "2026-11-19T00:00:00"), "item 0");

        Assert.Equal(new DateOnly(2026, 11, 20), t.AccountingDate);
        Assert.Equal(new DateOnly(2026, 11, 19), t.InterestDate);
        Assert.Equal(-3900, t.Amount.Ore);
        Assert.Equal("Varekjøp", t.TransactionType);
        Assert.Equal(714, t.TransactionTypeCode);
    }

    [Theory]
    [InlineData(null, "-1.00", "item 3: accountingDate is missing")]
    [InlineData("20.11.2026", "-1.00", "item 3: accountingDate: expected a date yyyy-MM-dd…, found '20.11.2026'")]
    [InlineData("2026-11-20", null, "item 3: amount is missing")]
    [InlineData("2026-11-20", "0.001", "item 3: amount: amount 0.001 has more than two decimals")]
    public void A_line_that_breaks_the_contract_is_refused_with_the_item_and_field(string? date, string? amount, string expected)
    {
        var dto = Line(date, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        var ex = Assert.Throws<SbankenContractException>(() => SbankenContractMapping.ToTransaction(dto, "item 3"));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void An_account_needs_an_id_and_a_valid_account_number()
    {
        Assert.Contains("accountId is missing", Assert.Throws<SbankenContractException>(() =>
            SbankenContractMapping.ToOffered(new AccountDto(null, "97100512347", null, "x", null, 1m, 1m, 0m), 0)).Message, StringComparison.Ordinal);
        Assert.Contains("accounts item 1: accountNumber: account number fails the MOD11 check", Assert.Throws<SbankenContractException>(() =>
            SbankenContractMapping.ToOffered(new AccountDto("a", "97100512348", null, "x", null, 1m, 1m, 0m), 1)).Message, StringComparison.Ordinal);
        var ok = SbankenContractMapping.ToOffered(new AccountDto("a", "9710.05.12347", null, "Drift", "Standard account", 90.5m, 100.25m, 0m), 2);
        Assert.Equal("97100512347", ok.AccountNumber);
        Assert.Equal(10025, ok.Balance.Ore);
        Assert.Equal(9050, ok.Available.Ore);
    }
}
