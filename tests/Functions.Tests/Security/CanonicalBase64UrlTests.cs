using Bankflow.Domain.Access;

namespace Bankflow.Functions.Tests.Security;

/// <summary>The strict base64url reader client tokens (and PKCE) use: one spelling per byte string.</summary>
public sealed class CanonicalBase64UrlTests
{
    [Fact]
    public void Canonical_base64url_round_trips_every_length_and_refuses_respellings()
    {
        for (var n = 0; n < 40; n++)
        {
            var bytes = Enumerable.Range(0, n).Select(i => (byte)(i * 37 + n)).ToArray();
            var text = CanonicalBase64Url.Encode(bytes);
            Assert.True(CanonicalBase64Url.TryDecode(text, out var back));
            Assert.Equal(bytes, back);
            if (text.Length % 4 != 0)
            {
                Assert.False(CanonicalBase64Url.TryDecode(text + new string('=', 4 - (text.Length % 4)), out _));
            }
        }
        Assert.False(CanonicalBase64Url.TryDecode("A", out _));
        Assert.False(CanonicalBase64Url.TryDecode("AB+/", out _));
        Assert.False(CanonicalBase64Url.TryDecode("AB\n-", out _));
        Assert.False(CanonicalBase64Url.TryDecode("AB", out _)); // 'B' has non-zero unused bits: "AA" is the canonical spelling of 0x00
        Assert.True(CanonicalBase64Url.TryDecode("AA", out var zero));
        Assert.Equal([0], zero);
    }
}
