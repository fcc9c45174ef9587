using Bankflow.Domain.Reconciliation.References;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>ISO 11649 creditor references: the standard's example and a round trip.</summary>
public sealed class RfCreditorReferenceTests
{
    [Theory]
    [InlineData("RF18539007547034", true)] // ISO 11649 example
    [InlineData("RF18 5390 0754 7034", true)]
    [InlineData("RF18000000000539007547034", true)] // leading zeros, 25 characters
    [InlineData("RF19539007547034", false)]
    [InlineData("RF1853900754703", false)]
    [InlineData("XX18539007547034", false)]
    [InlineData("RF18", false)]
    public void Check_digits(string text, bool valid)
    {
        Assert.Equal(valid, RfCreditorReference.TryParse(text, out _));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10045")]
    [InlineData("INV2026X")]
    [InlineData("123456789012345678901")]
    public void Create_round_trips(string body)
    {
        var reference = RfCreditorReference.Create(body);

        Assert.True(RfCreditorReference.TryParse(reference, out var parsed));
        Assert.Equal(body, parsed);
    }
}
