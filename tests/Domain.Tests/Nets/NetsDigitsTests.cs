using Bankflow.Domain.Nets;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>The word-at-a-time digit check and parse must agree with the plain per-byte versions on every field shape.</summary>
public sealed class NetsDigitsTests
{
    [Fact]
    public void Agrees_with_per_byte_check_and_parse()
    {
        var random = new Random(17);
        var line = new byte[80];
        for (var i = 0; i < 20_000; i++)
        {
            for (var j = 0; j < line.Length; j++)
            {
                line[j] = (byte)('0' + random.Next(10));
            }
            var length = random.Next(1, NetsDigits.MaxDigits + 1);
            var offset = random.Next(0, line.Length - length + 1);
            if (random.Next(3) == 0)
            {
                // One byte anywhere, inside or just outside the field, becomes any value 0–255.
                line[Math.Clamp(offset - 1 + random.Next(length + 2), 0, line.Length - 1)] = (byte)random.Next(256);
            }
            var field = line.AsSpan(offset, length);
            var expectedDigits = field.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

            Assert.Equal(expectedDigits, NetsDigits.AreDigits(line, offset, length));
            if (expectedDigits)
            {
                Assert.Equal(long.Parse(System.Text.Encoding.ASCII.GetString(field), System.Globalization.CultureInfo.InvariantCulture), NetsDigits.Parse(line, offset, length));
            }
        }
    }

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("999999999999999999")]
    [InlineData("00000000000000001")]
    [InlineData("10000000000000000")]
    [InlineData("0")]
    [InlineData("9")]
    public void Parses_the_extremes(string digits)
    {
        var line = new byte[80];
        line.AsSpan().Fill((byte)'/'); // one below '0': must not leak into the field
        System.Text.Encoding.ASCII.GetBytes(digits).CopyTo(line, 40);

        Assert.True(NetsDigits.AreDigits(line, 40, digits.Length));
        Assert.Equal(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), NetsDigits.Parse(line, 40, digits.Length));
        Assert.False(NetsDigits.AreDigits(line, 39, digits.Length + 1));
        Assert.False(NetsDigits.AreDigits(line, 40, digits.Length + 1));
    }
}
