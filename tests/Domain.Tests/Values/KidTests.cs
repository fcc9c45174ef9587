using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Values;

/// <summary>Vectors from FORMATS.md §2.1–2.2 (worked examples and real samples).</summary>
public sealed class KidTests
{
    [Theory]
    [InlineData("2345676", KidCheck.Mod10, "23456767")] // §2.1 worked example
    [InlineData("1000238", KidCheck.Mod11, "10002389")] // §2.2: r = 2 → 9
    [InlineData("1000240", KidCheck.Mod11, "10002400")] // r = 0 → 0
    [InlineData("1000246", KidCheck.Mod11, "1000246-")] // r = 1 → '-'
    public void WithCheckDigit_matches_the_worked_examples(string body, KidCheck algorithm, string kid)
    {
        Assert.Equal(kid, Kid.WithCheckDigit(body, algorithm));
    }

    [Theory]
    [InlineData("33000083672049", KidCheck.Mod10)]
    [InlineData("44000366370078", KidCheck.Mod10)]
    [InlineData("008000011688373", KidCheck.Mod10)]
    [InlineData("000112000507155", KidCheck.Mod10)]
    [InlineData("0000531", KidCheck.Mod11)]
    [InlineData("0036633", KidCheck.Mod11)]
    [InlineData("02212291038306", KidCheck.Mod11)]
    [InlineData("02311291038304", KidCheck.Mod10 | KidCheck.Mod11)]
    [InlineData("1000246-", KidCheck.Mod11)]
    [InlineData("23456768", KidCheck.None)]
    public void Verify_real_sample_vectors(string kid, KidCheck expected)
    {
        Assert.Equal(expected, Kid.Verify(kid));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("1", "2–25")]
    [InlineData("12345678901234567890123456", "2–25")]
    [InlineData("12-4", "digits")]
    [InlineData("12 4", "digits")]
    [InlineData("-1", "digits")]
    [InlineData("23456768", "fails both")]
    public void TryParse_gives_the_reason(string? text, string reason)
    {
        Assert.False(Kid.TryParse(text, out var kid, out var error));
        Assert.Null(kid);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_keeps_leading_zeros_and_reports_both_algorithms()
    {
        var kid = Kid.Parse("02311291038304");
        Assert.Equal("02311291038304", kid.Value);
        Assert.Equal(KidCheck.Mod10 | KidCheck.Mod11, kid.Check);
        Assert.Throws<FormatException>(() => Kid.Parse("23456768"));
    }

    [Fact]
    public void WithCheckDigit_round_trips_through_Verify_for_many_bodies()
    {
        var random = new Random(4);
        for (var i = 0; i < 500; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(1, 25)).Select(_ => (char)('0' + random.Next(10))));
            Assert.True(Kid.Verify(Kid.WithCheckDigit(body, KidCheck.Mod10)).HasFlag(KidCheck.Mod10), body);
            Assert.True(Kid.Verify(Kid.WithCheckDigit(body, KidCheck.Mod11)).HasFlag(KidCheck.Mod11), body);
        }
    }

    [Fact]
    public void WithCheckDigit_refuses_bad_bodies()
    {
        Assert.Throws<ArgumentException>(() => Kid.WithCheckDigit("12a", KidCheck.Mod10));
        Assert.Throws<ArgumentException>(() => Kid.WithCheckDigit(new string('1', 25), KidCheck.Mod10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kid.WithCheckDigit("123", KidCheck.None));
    }
}
