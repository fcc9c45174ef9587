using Bankflow.Domain.Reconciliation.References;

namespace Bankflow.Domain.Tests.Reconciliation;

public sealed class InvoiceNumbersTests
{
    [Theory]
    [InlineData("10045", "10045")]
    [InlineData("0010045", "10045")]
    [InlineData(" 10045 ", "10045")]
    [InlineData("000", "0")]
    [InlineData("inv-7", "INV-7")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalise(string? number, string? expected)
    {
        Assert.Equal(expected, InvoiceNumbers.Normalise(number));
    }

    [Theory]
    [InlineData("10045", "10054", true)] // neighbours swapped
    [InlineData("10045", "10046", true)] // one replaced
    [InlineData("10045", "1045", true)] // one left out
    [InlineData("10045", "100459", true)] // one added
    [InlineData("10045", "10045", false)]
    [InlineData("10045", "10099", false)]
    [InlineData("10045", "01054", false)]
    [InlineData("12345", "21354", false)]
    public void One_typing_slip(string a, string b, bool expected)
    {
        Assert.Equal(expected, InvoiceNumbers.OneSlipApart(a, b));
        Assert.Equal(expected, InvoiceNumbers.OneSlipApart(b, a));
    }
}
