using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Functions.Tests.Security;

/// <summary>
/// Signs any payload text as a <c>bf1.</c> client token would be signed, so tests can present tokens that carry a
/// valid signature and a payload the issuer would never write (an <c>exp</c> of 1e20, a string, nothing).
/// </summary>
internal static class SignedPayload
{
    public static string Token(byte[] key, string payloadJson)
    {
        var body = "bf1." + Url(Encoding.UTF8.GetBytes(payloadJson));
        return body + "." + Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body)));
    }

    private static string Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
