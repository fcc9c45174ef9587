using Bankflow.Domain.Access;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Tests.Security;

/// <summary>
/// Issue #11 §3: a validly signed token whose <c>exp</c> is not an integer in range, and a signature spelled in any
/// but the canonical base64url form, are refused (401 upstream) — never an exception, never accepted.
/// </summary>
public sealed class ClientTokenStrictnessTests
{
    private static readonly byte[] Key = Enumerable.Range(40, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static ClientTokenService Service() => new(Key, new FixedClock());

    [Theory]
    [InlineData("1e20")]
    [InlineData("1.5e9")]
    [InlineData("1800000000.0")]
    [InlineData("\"1800000000\"")]
    [InlineData("\"x\"")]
    [InlineData("-1")]
    [InlineData("-99999999999999")]
    [InlineData("0")]
    [InlineData("99999999999999999999999")]
    [InlineData("253402300800")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[1800000000]")]
    public void A_signed_token_whose_exp_is_not_an_integer_in_range_is_refused_without_an_exception(string exp)
    {
        var token = SignedPayload.Token(Key, $$"""{"sub":"kari","clients":["acme-as"],"exp":{{exp}}}""");

        Assert.False(Service().TryValidate(token, out var grant, out var reason));
        Assert.Null(grant);
        Assert.Equal("malformed client token", reason);
    }

    [Theory]
    [InlineData("""{"sub":"kari","clients":["acme-as"]}""")]
    [InlineData("""{"clients":["acme-as"],"exp":1800000000}""")]
    [InlineData("""{"sub":"","clients":["acme-as"],"exp":1800000000}""")]
    [InlineData("""{"sub":7,"clients":["acme-as"],"exp":1800000000}""")]
    [InlineData("""{"sub":"kari","clients":"acme-as","exp":1800000000}""")]
    [InlineData("""{"sub":"kari","clients":[7],"exp":1800000000}""")]
    [InlineData("""["kari"]""")]
    [InlineData("""not json""")]
    public void A_signed_payload_of_the_wrong_shape_is_refused_without_an_exception(string payload)
    {
        Assert.False(Service().TryValidate(SignedPayload.Token(Key, payload), out var grant, out var reason));
        Assert.Null(grant);
        Assert.Equal("malformed client token", reason);
    }

    [Fact]
    public void A_signed_integer_exp_is_honoured_as_before()
    {
        var later = Now.AddMinutes(5).ToUnixTimeSeconds();
        Assert.True(Service().TryValidate(SignedPayload.Token(Key, $$"""{"sub":"kari","clients":["acme-as"],"exp":{{later}}}"""), out var grant, out _));
        Assert.Equal(later, grant!.ExpiresAt.ToUnixTimeSeconds());
        Assert.True(grant.Allows(ClientId.Parse("acme-as")));

        var earlier = Now.AddSeconds(-1).ToUnixTimeSeconds();
        Assert.False(Service().TryValidate(SignedPayload.Token(Key, $$"""{"sub":"kari","clients":["acme-as"],"exp":{{earlier}}}"""), out _, out var reason));
        Assert.Equal("client token has expired", reason);
    }

    /// <summary>Another spelling of the same signature bytes; only the canonical one is a token.</summary>
    public static TheoryData<string> Respellings() => new() { "trailing =", "trailing ==", "standard alphabet", "non-zero unused bits", "inner space" };

    [Theory]
    [MemberData(nameof(Respellings))]
    public void A_signature_in_any_but_the_canonical_base64url_form_is_refused(string respelling)
    {
        var service = Service();
        // A token whose signature holds '-' or '_', so the standard alphabet's '+' and '/' can stand in for them.
        var token = Enumerable.Range(0, 200).Select(i => service.Issue("kari" + i, [ClientId.Parse("acme-as")], TimeSpan.FromHours(1)))
            .First(t => t[(t.LastIndexOf('.') + 1)..].IndexOfAny(['-', '_']) >= 0);
        Assert.True(service.TryValidate(token, out _, out _));
        var dot = token.LastIndexOf('.');
        var (head, signature) = (token[..(dot + 1)], token[(dot + 1)..]);
        Assert.Equal(43, signature.Length); // 32 bytes: the last character carries two unused bits

        var respelled = respelling switch
        {
            "trailing =" => signature + "=",
            "trailing ==" => signature + "==",
            "standard alphabet" => signature.Replace('-', '+').Replace('_', '/'),
            "non-zero unused bits" => signature[..^1] + Alphabet[Alphabet.IndexOf(signature[^1], StringComparison.Ordinal) ^ 1],
            _ => signature[..20] + " " + signature[20..],
        };
        Assert.NotEqual(signature, respelled);

        Assert.False(service.TryValidate(head + respelled, out var grant, out var reason));
        Assert.Null(grant);
        Assert.Equal("client token signature is not valid", reason);
    }

    [Theory]
    [InlineData("trailing =")]
    [InlineData("non-zero unused bits")]
    public void A_payload_in_any_but_the_canonical_base64url_form_is_refused_even_when_signed(string respelling)
    {
        // The issuer signs what it sends; a payload respelled and re-signed is still not a token of ours.
        var payload = Url("""{"sub":"kari","clients":["acme-as"],"exp":1800000000}"""u8.ToArray());
        Assert.NotEqual(0, payload.Length % 4);
        var respelled = respelling == "trailing =" ? payload + new string('=', 4 - (payload.Length % 4))
            : payload[..^1] + Alphabet[Alphabet.IndexOf(payload[^1], StringComparison.Ordinal) ^ 1];
        var body = "bf1." + respelled;
        var token = body + "." + Url(System.Security.Cryptography.HMACSHA256.HashData(Key, System.Text.Encoding.ASCII.GetBytes(body)));

        Assert.False(Service().TryValidate(token, out var grant, out var reason));
        Assert.Null(grant);
        Assert.Equal("malformed client token", reason);
    }

    [Theory]
    [InlineData("bf1.a.b.c")]
    [InlineData("bf1..abc")]
    [InlineData("bf1.abc.")]
    public void A_token_not_of_three_parts_is_refused(string token)
    {
        Assert.False(Service().TryValidate(token, out var grant, out _));
        Assert.Null(grant);
    }

    private static string Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}
