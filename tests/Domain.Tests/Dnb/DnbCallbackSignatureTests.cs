using System.Text;
using Bankflow.Domain.Access;
using Bankflow.Domain.Dnb;

namespace Bankflow.Domain.Tests.Dnb;

public sealed class DnbCallbackSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("a-secret-shared-with-dnb-of-32-bytes-or-more");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"callbackId\":\"cb-1\"}");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SignatureCheck Verify(string? ts, string? signature, byte[]? body = null, byte[]? secret = null) =>
        DnbCallbackSignature.Verify(secret ?? Secret, ts, signature, body ?? Body, Now);

    [Fact]
    public void A_body_signed_now_with_the_shared_secret_is_valid()
    {
        var signature = DnbCallbackSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.Equal(SignatureCheck.Valid, Verify(Ts(Now), signature));
    }

    [Fact]
    public void The_MAC_is_HMAC_SHA256_over_timestamp_dot_body()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes("1795424400.{\"callbackId\":\"cb-1\"}")));

        Assert.Equal("sha256=" + expected, DnbCallbackSignature.Sign(Secret, 1_795_424_400, Body));
    }

    [Fact]
    public void Another_secret_an_altered_body_or_an_altered_timestamp_do_not_match()
    {
        var signature = DnbCallbackSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.Equal(SignatureCheck.Mismatch, Verify(Ts(Now), signature, secret: Encoding.UTF8.GetBytes("another-secret-of-thirty-two-bytes-xxxxxxx")));
        Assert.Equal(SignatureCheck.Mismatch, Verify(Ts(Now), signature, body: Encoding.UTF8.GetBytes("{\"callbackId\":\"cb-2\"}")));
        Assert.Equal(SignatureCheck.Mismatch, Verify(Ts(Now.AddSeconds(1)), signature));
    }

    [Fact]
    public void A_correctly_signed_message_older_or_newer_than_five_minutes_is_outside_the_replay_window()
    {
        foreach (var at in new[] { Now.AddMinutes(-5).AddSeconds(-1), Now.AddMinutes(5).AddSeconds(1) })
        {
            Assert.Equal(SignatureCheck.OutsideWindow, Verify(Ts(at), DnbCallbackSignature.Sign(Secret, at.ToUnixTimeSeconds(), Body)));
        }
        foreach (var at in new[] { Now.AddMinutes(-5), Now.AddMinutes(5) })
        {
            Assert.Equal(SignatureCheck.Valid, Verify(Ts(at), DnbCallbackSignature.Sign(Secret, at.ToUnixTimeSeconds(), Body)));
        }
    }

    [Theory]
    [InlineData(null, "sha256=00", SignatureCheck.Missing)]
    [InlineData("1795424400", null, SignatureCheck.Missing)]
    [InlineData("17954244x0", "sha256=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("-1", "sha256=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("1795424400", "sha1=0000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("1795424400", "sha256=zz00000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("1795424400", "sha256=00", SignatureCheck.Malformed)]
    public void Missing_or_malformed_headers_are_named(string? ts, string? signature, SignatureCheck expected) => Assert.Equal(expected, Verify(ts, signature));
}
