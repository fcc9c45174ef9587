using System.Text;
using Bankflow.Domain.Nets;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>The reader's single-pass KID check over bytes must agree with <see cref="Kid.Verify"/>.</summary>
public sealed class NetsKidCheckTests
{
    [Fact]
    public void Byte_check_agrees_with_Kid_Verify()
    {
        var random = new Random(9);
        for (var i = 0; i < 2000; i++)
        {
            var length = random.Next(2, 26);
            var chars = Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))).ToArray();
            if (random.Next(10) == 0)
            {
                chars[^1] = '-';
            }
            var kid = new string(chars);

            Assert.True(Kid.Verify(kid) == NetsKidCheck.Verify(Encoding.ASCII.GetBytes(kid)), kid);
        }
    }

    [Theory]
    [InlineData("86011117947", true)]
    [InlineData("88888888888", false)]
    [InlineData("00000000060", false)]
    public void Account_check(string account, bool valid)
    {
        Assert.Equal(valid, NetsKidCheck.IsValidAccount(long.Parse(account, System.Globalization.CultureInfo.InvariantCulture)));
    }
    /// <summary>
    /// The vectorised KID field read (shape and check digits in one pass) against the rules written out byte by
    /// byte: blanks, then digits, the last may be '-'; the check as <see cref="Kid.Verify"/>. Fields of every
    /// length, damaged at random, at the positions the records use.
    /// </summary>
    [Fact]
    public void Kid_field_read_agrees_with_the_byte_rules_and_Kid_Verify()
    {
        var random = new Random(23);
        var line = new byte[80];
        for (var i = 0; i < 20_000; i++)
        {
            for (var j = 0; j < line.Length; j++)
            {
                line[j] = (byte)('0' + random.Next(10)); // digits around the field: must not leak into it
            }
            var start = random.Next(2) == 0 ? 50 : 17;
            var field = line.AsSpan(start - 1, 25);
            var kidLength = random.Next(0, 26);
            field.Fill((byte)' ');
            for (var j = 25 - kidLength; j < 25; j++)
            {
                field[j] = (byte)('0' + random.Next(10));
            }
            if (kidLength > 0 && random.Next(8) == 0)
            {
                field[^1] = (byte)'-';
            }
            if (random.Next(4) == 0)
            {
                field[random.Next(25)] = random.Next(3) == 0 ? (byte)' ' : (byte)random.Next(256);
            }
            var text = Encoding.Latin1.GetString(field);
            var diagnostics = new NetsDiagnostics();
            var fields = new NetsFields(line, 1, diagnostics);

            var kid = fields.Kid(start, 25, "KID");

            var trimmed = text.TrimStart(' ');
            var wellFormed = trimmed.Length == 0
                || (trimmed[..^1].All(char.IsAsciiDigit) && (char.IsAsciiDigit(trimmed[^1]) || (trimmed[^1] == '-' && trimmed.Length > 1)));
            Assert.True(wellFormed == fields.Ok, text);
            Assert.Equal(wellFormed ? trimmed : "", kid.ToString());
            if (wellFormed && trimmed.Length > 0)
            {
                var expected = trimmed.Length < Kid.MinLength ? KidCheck.None : Kid.Verify(trimmed);
                Assert.True(expected == (fields.KnownKidCheck ?? NetsKidCheck.Verify(kid.Span)), text);
            }
        }
    }
}
