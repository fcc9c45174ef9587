using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Values;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1234.50", 123_450)]
    [InlineData("-21.5", -2_150)]
    [InlineData("0", 0)]
    [InlineData("0.01", 1)]
    public void TryParse_reads_kroner_into_ore(string text, long ore)
    {
        Assert.True(Money.TryParse(text, out var money, out var error), error);
        Assert.Equal(ore, money.Ore);
    }

    [Theory]
    [InlineData("1.005", "more than two decimals")]
    [InlineData("1,5", "not a decimal amount")]
    [InlineData("", "empty")]
    [InlineData("100000000000000000000", "too large")]
    [InlineData("79228162514264337593543950335", "too large")] // decimal.MaxValue: × 100 must not throw
    public void TryParse_refuses_with_a_reason(string text, string reason)
    {
        Assert.False(Money.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Arithmetic_is_checked()
    {
        Assert.Equal(new Money(3), new Money(1) + new Money(2));
        Assert.Equal(new Money(-1), new Money(1) - new Money(2));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
        Assert.Throws<OverflowException>(() => -new Money(long.MinValue));
    }

    [Fact]
    public void ToString_is_invariant_with_two_decimals()
    {
        Assert.Equal("-21.50", new Money(-2_150).ToString());
        Assert.Equal("0.05", new Money(5).ToString());
        Assert.Equal(12.34m, new Money(1_234).Kroner);
    }
}

public sealed class ClientIdTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("0-a")]
    [InlineData("klient-2026")]
    public void Valid_ids(string text) => Assert.Equal(text, ClientId.Parse(text).Value);

    [Theory]
    [InlineData("ab", "3–63")]
    [InlineData("-abc", "start with")]
    [InlineData("Acme", "lower-case")]
    [InlineData("a_b_c", "lower-case")]
    [InlineData("", "empty")]
    public void Invalid_ids_say_why(string text, string reason)
    {
        Assert.False(ClientId.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}

public sealed class CheckDigitsTests
{
    [Fact]
    public void Mod10_and_mod11_match_the_worked_examples()
    {
        Assert.Equal(7, CheckDigits.Mod10("2345676"));
        Assert.Equal(9, CheckDigits.Mod11("1000238"));
        Assert.Equal(0, CheckDigits.Mod11("1000240"));
        Assert.Equal(10, CheckDigits.Mod11("1000246"));
        Assert.Equal(7, CheckDigits.Mod11("8601111794")); // account, §2.3
        Assert.Equal(3, CheckDigits.Mod11("97476067")); // organisation number, §2.4
    }
}
