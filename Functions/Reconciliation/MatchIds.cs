using System.Security.Cryptography;
using System.Text;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// The id of a bank entry's reconciliation decision: <c>m</c> and 32 hex digits of the SHA-256 of the entry id. Entry ids
/// hold what banks put in references (<c>: # / %</c> …), which neither a URL path segment nor a table key carries
/// safely; the hash is deterministic, so a re-run finds the same row and a second writer collides with the first.
/// </summary>
public static class MatchIds
{
    public static string For(string entryId)
    {
        ArgumentNullException.ThrowIfNull(entryId);
        return "m" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entryId)).AsSpan(0, 16));
    }

    public static bool IsValid(string? text) => text is { Length: 33 } && text[0] == 'm' && text.AsSpan(1).ContainsAnyExcept("0123456789abcdef") is false;
}
