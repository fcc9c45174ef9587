using System.Text.RegularExpressions;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// What the host writes about a request or a blob into its log: paths with long digit runs (account numbers,
/// national identity numbers, KIDs in a route or a file name) masked, so no such number reaches a log line.
/// </summary>
public static partial class LogText
{
    [GeneratedRegex(@"\d{9,}")]
    private static partial Regex LongNumber();

    /// <summary><c>/api/clients/acme/agreements/86011117947</c> → <c>/api/clients/acme/agreements/[11 digits]</c>.</summary>
    public static string Path(string? path) =>
        LongNumber().Replace(path ?? "", m => $"[{m.Length} digits]");
}
