using Bankflow.Domain.Dnb;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Dnb;

/// <summary>Spot checks against the Bits register (Bits-no/BankData Data/source.psv, 2026-04-14).</summary>
public sealed class DnbBankCodesTests
{
    [Theory]
    [InlineData(500)] // first row of the register
    [InlineData(1503)] // the seed's "1503.xx.xxxxx"
    [InlineData(1594)]
    [InlineData(5191)]
    [InlineData(5222)] // inside the range 5191–5222
    [InlineData(9710)] // Sbanken's old code, DNB's now
    [InlineData(9810)]
    public void DNB_codes_are_DNBs(int code) => Assert.True(DnbBankCodes.IsDnbCode(code));

    [Theory]
    [InlineData(499)]
    [InlineData(1020)] // Marker og Eidsberg Sparebank, between two DNB rows
    [InlineData(1254)] // Cultura Sparebank
    [InlineData(3000)] // Sparebanken Norge - Sør
    [InlineData(6001)] // Nordea
    [InlineData(8601)] // Danske Bank
    [InlineData(9812)] // Eika digitalbank, after DNB's last row
    public void Other_banks_codes_are_not(int code) => Assert.False(DnbBankCodes.IsDnbCode(code));

    [Fact]
    public void The_bank_code_is_the_first_four_digits()
    {
        Assert.Equal(1503, DnbBankCodes.BankCode(AccountNumber.Parse("1503.20.00018")));
        Assert.True(DnbBankCodes.IsDnb(AccountNumber.Parse("15032000018")));
        Assert.False(DnbBankCodes.IsDnb(AccountNumber.Parse("86011117947")));
    }
}
