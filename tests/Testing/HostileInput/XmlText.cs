using System.Text;
using System.Text.RegularExpressions;

namespace Bankflow.Testing.HostileInput;

/// <summary>Text surgery on an XML seed (UTF-8): leaf values, whole elements, the declaration, the root.</summary>
internal static partial class XmlText
{
    [GeneratedRegex(@"<(?<name>[A-Za-z][\w.-]*)(?<attrs>\s[^<>]*)?>(?<value>[^<]*)</\k<name>>", RegexOptions.CultureInvariant)]
    private static partial Regex LeafPattern();

    [GeneratedRegex(@"<(?<name>[A-Za-z][\w.-]*)(\s[^<>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex StartTagPattern();

    public static string Decode(byte[] b) => Encoding.UTF8.GetString(b);

    public static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Leaf elements (text only), optionally only those named one of <paramref name="names"/>.</summary>
    public static List<Match> Leaves(string text, IReadOnlyCollection<string>? names = null) =>
        [.. LeafPattern().Matches(text).Where(m => names is null || names.Contains(m.Groups["name"].Value))];

    /// <summary>Replaces the value of one random leaf (named one of <paramref name="names"/> when given); unchanged when there is none.</summary>
    public static string ReplaceLeafValue(string text, Random random, IReadOnlyCollection<string>? names, Func<string, string> value)
    {
        var leaves = Leaves(text, names);
        if (leaves.Count == 0)
        {
            return text;
        }
        var v = leaves[random.Next(leaves.Count)].Groups["value"];
        return string.Concat(text.AsSpan(0, v.Index), value(v.Value), text.AsSpan(v.Index + v.Length));
    }

    /// <summary>Replaces one random leaf element whole (start tag to end tag).</summary>
    public static string ReplaceLeaf(string text, Random random, IReadOnlyCollection<string>? names, Func<Match, string> replacement)
    {
        var leaves = Leaves(text, names);
        if (leaves.Count == 0)
        {
            return text;
        }
        var m = leaves[random.Next(leaves.Count)];
        return string.Concat(text.AsSpan(0, m.Index), replacement(m), text.AsSpan(m.Index + m.Length));
    }

    /// <summary>Spans (start, length) of every <c>&lt;name&gt;…&lt;/name&gt;</c>; for elements that never nest in themselves.</summary>
    public static List<(int Start, int Length)> Elements(string text, string name)
    {
        var spans = new List<(int, int)>();
        var close = $"</{name}>";
        var at = 0;
        while (true)
        {
            var start = FindStartTag(text, name, at);
            if (start < 0)
            {
                return spans;
            }
            var end = text.IndexOf(close, start, StringComparison.Ordinal);
            if (end < 0)
            {
                return spans;
            }
            spans.Add((start, end + close.Length - start));
            at = end + close.Length;
        }
    }

    private static int FindStartTag(string text, string name, int from)
    {
        while (true)
        {
            var i = text.IndexOf("<" + name, from, StringComparison.Ordinal);
            if (i < 0)
            {
                return -1;
            }
            var next = i + 1 + name.Length;
            if (next < text.Length && text[next] is '>' or ' ')
            {
                return i;
            }
            from = next;
        }
    }

    /// <summary>The first of <paramref name="names"/> that the text has more than <paramref name="atLeast"/> of, with its spans.</summary>
    public static (string Name, List<(int Start, int Length)> Spans)? Repeated(string text, IEnumerable<string> names, int atLeast = 1)
    {
        foreach (var name in names)
        {
            var spans = Elements(text, name);
            if (spans.Count >= atLeast)
            {
                return (name, spans);
            }
        }
        return null;
    }

    /// <summary>Position just after the start tag of a random element other than the root (or after the root's when there is none).</summary>
    public static int InsideSomeElement(string text, Random random)
    {
        var tags = StartTagPattern().Matches(text).Where(m => m.Groups["name"].Value != "Document" && !m.Value.EndsWith("/>", StringComparison.Ordinal)).ToList();
        if (tags.Count == 0)
        {
            return Math.Max(0, text.IndexOf('>', text.IndexOf("<Document", StringComparison.Ordinal) + 1) + 1);
        }
        var m = tags[random.Next(tags.Count)];
        return m.Index + m.Length;
    }

    /// <summary>The text without its XML declaration (and what follows it up to the root).</summary>
    public static string WithoutDeclaration(string text)
    {
        if (!text.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return text;
        }
        var end = text.IndexOf("?>", StringComparison.Ordinal);
        return end < 0 ? text : text[(end + 2)..].TrimStart();
    }

    /// <summary>Puts <paramref name="prolog"/> (a DOCTYPE, a comment…) between the declaration and the root.</summary>
    public static string BeforeRoot(string text, string prolog)
    {
        var root = text.IndexOf("<Document", StringComparison.Ordinal);
        return root < 0 ? prolog + text : string.Concat(text.AsSpan(0, root), prolog, "\n", text.AsSpan(root));
    }

    public static string Insert(string text, int at, string what) => string.Concat(text.AsSpan(0, at), what, text.AsSpan(at));
}
