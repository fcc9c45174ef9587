using System.Text;
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
}
