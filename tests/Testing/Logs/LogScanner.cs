using System.Globalization;
using System.Text.RegularExpressions;

namespace Bankflow.Testing.Logs;

/// <summary>One log line that carries something logs must never hold; <see cref="Excerpt"/> has the match masked.</summary>
public sealed record LogFinding(string Rule, string Excerpt);

/// <summary>
/// Finds personal data and secrets in log lines: an 11-digit number with valid fødselsnummer (or D-/H-number)
/// check digits and date, bearer and client tokens, JWTs, keys, SAS signatures, connection strings, private keys,
/// and any of the run's own secrets given by value.
/// </summary>
public static partial class LogScanner
{
    // 11 digits standing alone: not inside a longer number, nor inside a hex hash or an identifier.
    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])")]
    private static partial Regex ElevenDigits();

    [GeneratedRegex(@"\bBearer\s+[A-Za-z0-9\-._~+/]{8,}=*", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"\bbf1\.[A-Za-z0-9_\-]{8,}")]
    private static partial Regex ClientToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(AccountKey|SharedAccessKey|SharedAccessSignature|DefaultEndpointsProtocol|UseDevelopmentStorage|BlobEndpoint|QueueEndpoint|TableEndpoint|InstrumentationKey)\s*=|Endpoint\s*=\s*sb://", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"[?&]sig=[A-Za-z0-9%+/=]{10,}|[?&]code=[A-Za-z0-9_\-]{16,}|x-functions-key\s*[:=]\s*\S{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex KeyInUrl();

    [GeneratedRegex(@"(client_secret|access_token|refresh_token|code_verifier|id_token)\W{1,4}[A-Za-z0-9\-._~+/]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex OAuthSecret();

    // Base64 of 32 bytes or more with its padding: the shape of our signing and data keys and of storage keys.
    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{42,}={1,2}")]
    private static partial Regex Base64Key();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    public static IReadOnlyList<LogFinding> Scan(IEnumerable<string> lines, IEnumerable<string>? knownSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var secrets = (knownSecrets ?? []).Where(s => s.Length >= 8).Distinct(StringComparer.Ordinal).ToList();
        var findings = new List<LogFinding>();
        foreach (var line in lines)
        {
            foreach (Match m in ElevenDigits().Matches(line))
            {
                if (IsFodselsnummer(m.Value))
                {
                    findings.Add(new LogFinding("fødselsnummer", Mask(line, m)));
                }
            }
            Add(findings, "bearer token", BearerToken(), line);
            Add(findings, "client token", ClientToken(), line);
            Add(findings, "JWT", Jwt(), line);
            Add(findings, "connection string", ConnectionString(), line);
            Add(findings, "key in a URL or header", KeyInUrl(), line);
            Add(findings, "OAuth secret", OAuthSecret(), line);
            Add(findings, "base64 key", Base64Key(), line);
            Add(findings, "private key", PrivateKey(), line);
            foreach (var secret in secrets)
            {
                var at = line.IndexOf(secret, StringComparison.Ordinal);
                if (at >= 0)
                {
                    findings.Add(new LogFinding("a secret of this run", line[..at] + "«secret»" + line[(at + secret.Length)..]));
                }
            }
        }
        return findings;
    }

    /// <summary>
    /// Eleven digits whose date part is a date (day 1–31, +40 for a D-number; month 1–12, +40 for an H-number, +80 for
    /// the tax administration's synthetic test numbers) and whose two check digits hold (mod 11, weights 3 7 6 1 8 9 4 5 2
    /// and 5 4 3 2 7 6 5 4 3 2).
    /// </summary>
    public static bool IsFodselsnummer(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var d = digits.Select(c => c - '0').ToArray();
        var day = (d[0] * 10) + d[1];
        var month = (d[2] * 10) + d[3];
        if (day > 40)
        {
            day -= 40;
        }
        if (month > 80)
        {
            month -= 80;
        }
        else if (month > 40)
        {
            month -= 40;
        }
        if (day is < 1 or > 31 || month is < 1 or > 12)
        {
            return false;
        }
        return Check(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]) == d[9] && Check(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == d[10];
    }

    private static int Check(int[] digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += digits[i] * weights[i];
        }
        var check = 11 - (sum % 11);
        return check == 11 ? 0 : check; // 10 cannot be a check digit: never equal to a digit
    }

    private static void Add(List<LogFinding> findings, string rule, Regex pattern, string line)
    {
        foreach (Match m in pattern.Matches(line))
        {
            findings.Add(new LogFinding(rule, Mask(line, m)));
        }
    }

    private static string Mask(string line, Match m) =>
        string.Create(CultureInfo.InvariantCulture, $"{line[..m.Index]}«{m.Length} chars»{line[(m.Index + m.Length)..]}");
}
