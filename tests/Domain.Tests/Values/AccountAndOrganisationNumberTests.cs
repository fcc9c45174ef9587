using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Values;

public sealed class AccountNumberTests
{
    [Theory]
    [InlineData("86011117947")] // FORMATS.md §2.3 worked example
    [InlineData("8601.11.17947")]
    [InlineData("8601 11 17947")]
    [InlineData("12345678903")]
    public void Valid_accounts_parse_to_11_digits(string text)
    {
        Assert.True(AccountNumber.TryParse(text, out var account, out var error), error);
        Assert.Equal(text.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), account!.Value);
    }

    [Theory]
    [InlineData("86011117946", "check digit should be 7")]
    [InlineData("88888888888", "MOD11")] // test account from the AvtaleGiro sample
    [InlineData("8601111794", "11 digits, found 10")]
    [InlineData("860111179470", "found more")]
    [InlineData("8601-11-17947", "only digits")]
    [InlineData("", "empty")]
    public void Invalid_accounts_say_why(string text, string reason)
    {
        Assert.False(AccountNumber.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Remainder_1_means_no_valid_number()
    {
        // Weights 5,4,3,2,7,6,5,4,3,2: 0000000001 gives 2; 0000000005 gives 10 → r = 10, check 1;
        // "0000000003" gives 6 → check 5; find a body with r = 1: "0000000006" → 12 mod 11 = 1.
        Assert.False(AccountNumber.TryParse("00000000060", out _, out var error));
        Assert.Contains("no check digit is possible", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatted_groups_4_2_5()
    {
        Assert.Equal("8601.11.17947", AccountNumber.Parse("86011117947").Formatted);
    }
}

public sealed class OrganisationNumberTests
{
    [Theory]
    [InlineData("974760673")] // FORMATS.md §2.4 worked example
    [InlineData("974 760 673")]
    [InlineData("NO974760673MVA")]
    public void Valid_numbers_parse(string text)
    {
        Assert.Equal("974760673", OrganisationNumber.Parse(text).Value);
    }

    [Theory]
    [InlineData("974760674")]
    [InlineData("97476067")]
    [InlineData("97476067A")]
    [InlineData("")]
    public void Invalid_numbers_fail(string text)
    {
        Assert.False(OrganisationNumber.TryParse(text, out var number, out var error));
        Assert.Null(number);
        Assert.NotNull(error);
    }
}
