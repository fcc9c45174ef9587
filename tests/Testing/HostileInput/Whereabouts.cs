using System.Text.RegularExpressions;

namespace Bankflow.Testing.HostileInput;

/// <summary>
/// Whether a reason or diagnostic says where in the file the problem is: a line ("line 12", with "column 7" for
/// XML on few lines) or an element path ("/Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt"). Reasons about the whole
/// file — empty, only white space, over the size limit — have no place to name and are the only exceptions.
/// </summary>
public static partial class Whereabouts
{
    [GeneratedRegex(@"\bline \d+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"/Document\b", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    public static bool NamesAPlace(string text) => LinePattern().IsMatch(text) || PathPattern().IsMatch(text);

    public static bool IsAboutTheWholeFile(string text) =>
        text.Contains("the file is empty", StringComparison.Ordinal)
        || text.Contains("the file holds only white space", StringComparison.Ordinal)
        || text.Contains("over the limit of", StringComparison.Ordinal);

    /// <summary>True when <paramref name="text"/> names a place or is about the whole file.</summary>
    public static bool IsLocated(string text) => NamesAPlace(text) || IsAboutTheWholeFile(text);
}
