using Bankflow.Domain.Access;

namespace Bankflow.Functions.Tests.Security;

/// <summary>PKCE S256 (RFC 7636), with the RFC's own example (Appendix B).</summary>
public sealed class PkceTests
{
    private const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Fact]
    public void The_challenge_of_the_RFC_example_verifier_is_the_RFC_example_challenge()
    {
        Assert.Equal(RfcChallenge, Pkce.Challenge(RfcVerifier));
        Assert.True(Pkce.Verifies(RfcVerifier, RfcChallenge));
        Assert.Equal("S256", Pkce.Method);
    }

    [Fact]
    public void A_verifier_from_32_random_bytes_is_43_unreserved_characters_and_verifies_only_its_own_challenge()
    {
        var verifier = Pkce.Verifier(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        var other = Pkce.Verifier(Enumerable.Range(0, 32).Select(i => (byte)(i * 11)).ToArray());

        Assert.Equal(43, verifier.Length);
        Assert.True(Pkce.IsVerifier(verifier));
        Assert.True(Pkce.Verifies(verifier, Pkce.Challenge(verifier)));
        Assert.False(Pkce.Verifies(other, Pkce.Challenge(verifier)));
        Assert.Throws<ArgumentException>(() => Pkce.Verifier(new byte[16]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX")]
    [InlineData("dBjftJeZ4CVP+mB92K27uhbUJU1p1r_wW1gFWFOEjXk")]
    [InlineData("dBjftJeZ4CVP mB92K27uhbUJU1p1r_wW1gFWFOEjXk")]
    public void Anything_but_43_to_128_unreserved_characters_is_no_verifier_and_verifies_nothing(string? verifier)
    {
        Assert.False(Pkce.IsVerifier(verifier));
        Assert.False(Pkce.Verifies(verifier, RfcChallenge));
    }

    [Fact]
    public void The_plain_method_is_not_accepted_a_verifier_is_not_its_own_challenge()
    {
        Assert.False(Pkce.Verifies(RfcVerifier, RfcVerifier));
    }
}
