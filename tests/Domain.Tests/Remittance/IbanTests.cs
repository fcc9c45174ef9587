using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Remittance;

public sealed class IbanTests
{
    [Theory]
    [InlineData("NO9386011117947")] // FORMATS.md §2.3 worked example
    [InlineData("NO93 8601 1117 947")]
    [InlineData("no9386011117947")]
    [InlineData("DE89370400440532013000")] // the ISO 13616 / ECBS example
    [InlineData("GB82WEST12345698765432")]
    public void Valid_ibans_parse(string text)
    {
        Assert.True(Iban.TryParse(text, out var iban, out var error), error);
        Assert.DoesNotContain(' ', iban!.Value);
    }

    [Theory]
    [InlineData("NO9486011117947", "mod-97")] // check digits changed
    [InlineData("NO9386011117948", "MOD11")] // last account digit changed: the Norwegian check fails first
    [InlineData("NO938601111794", "15 characters")]
    [InlineData("9386011117947", "country code")]
    [InlineData("NO93-8601-1117-947", "only letters")]
    [InlineData("", "empty")]
    public void Invalid_ibans_say_why(string text, string reason)
    {
        Assert.False(Iban.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromNorwegianAccount_computes_the_check_digits()
    {
        // FORMATS.md §2.3: 86011117947 → NO93 8601 1117 947; 12345678903232400 mod 97 = 27 → 98 − 27 = 71.
        Assert.Equal("NO9386011117947", Iban.FromNorwegianAccount(AccountNumber.Parse("86011117947")).Value);
        Assert.Equal("NO7112345678903", Iban.FromNorwegianAccount(AccountNumber.Parse("12345678903")).Value);
    }

    [Theory]
    [InlineData("86011117947", "86011117947", null)]
    [InlineData("8601.11.17947", "86011117947", null)]
    [InlineData("NO9386011117947", null, "NO9386011117947")]
    public void CreditorAccount_reads_bban_or_iban(string text, string? bban, string? iban)
    {
        Assert.True(CreditorAccount.TryParse(text, out var account, out var error), error);
        Assert.Equal(bban, account!.Bban?.Value);
        Assert.Equal(iban, account.Iban?.Value);
    }
}
