using System.Security.Cryptography;
using System.Text;
using Bankflow.Domain.Access;
using Bankflow.Domain.Collection;

namespace Bankflow.Domain.Tests.Collection;

public sealed class AgencySignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("modhi-secret-of-at-least-thirty-two-bytes");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"caseNumber\":\"M-100\"}");
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);
    private const string Path = "/api/agency/cases/INV-1/receipt";

    [Fact]
    public void The_signature_is_base64_HMAC_SHA256_over_timestamp_method_path_idempotency_key_and_body_lines()
    {
        var ts = Now.ToUnixTimeSeconds();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes($"{ts}\nPOST\n{Path}\nkey-1\n{{\"caseNumber\":\"M-100\"}}")));

        Assert.Equal(expected, AgencySignature.Sign(Secret, ts, "post", Path, "key-1", Body));
        Assert.Equal(SignatureCheck.Valid, AgencySignature.Verify(Secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), expected, "POST", Path, "key-1", Body, Now));
    }

    [Fact]
    public void Another_route_key_body_secret_or_time_is_refused()
    {
        var ts = Now.ToUnixTimeSeconds();
        var text = ts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = AgencySignature.Sign(Secret, ts, "POST", Path, "key-1", Body);

        Assert.Equal(SignatureCheck.Mismatch, AgencySignature.Verify(Secret, text, signature, "POST", "/api/agency/cases/INV-2/receipt", "key-1", Body, Now));
        Assert.Equal(SignatureCheck.Mismatch, AgencySignature.Verify(Secret, text, signature, "POST", Path, "key-1", Encoding.UTF8.GetBytes("{}"), Now));
        Assert.Equal(SignatureCheck.Mismatch, AgencySignature.Verify(Secret, text, signature, "POST", Path, "key-2", Body, Now));
        Assert.Equal(SignatureCheck.Mismatch, AgencySignature.Verify(Encoding.UTF8.GetBytes("another"), text, signature, "POST", Path, "key-1", Body, Now));
        Assert.Equal(SignatureCheck.OutsideWindow, AgencySignature.Verify(Secret, text, signature, "POST", Path, "key-1", Body, Now.AddMinutes(6)));
        Assert.Equal(SignatureCheck.Valid, AgencySignature.Verify(Secret, text, signature, "POST", Path, "key-1", Body, Now.AddMinutes(-5)));
        Assert.Equal(SignatureCheck.Missing, AgencySignature.Verify(Secret, null, signature, "POST", Path, "key-1", Body, Now));
        Assert.Equal(SignatureCheck.Malformed, AgencySignature.Verify(Secret, "-1", signature, "POST", Path, "key-1", Body, Now));
        Assert.Equal(SignatureCheck.Malformed, AgencySignature.Verify(Secret, text, "sha256=abc", "POST", Path, "key-1", Body, Now));
    }
}
