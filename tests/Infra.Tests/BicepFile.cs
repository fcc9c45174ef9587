using System.Text;
using System.Text.RegularExpressions;

namespace Bankflow.Infra.Tests;

/// <summary>
/// Just enough of a Bicep reader to check infra/bicep against the app without the Bicep compiler
/// (not installable on the build machines): comments stripped, <c>param</c>/<c>output</c>/<c>var</c>
/// declarations, module blocks with their <c>params</c> keys, and the keys of an object literal.
/// It reads the house style of infra/bicep (one declaration per line, one property per line), not
/// every Bicep file there could be.
/// </summary>
internal sealed partial class BicepFile
{
    private BicepFile(string path, string code)
    {
        Path = path;
        Code = code;
    }

    public string Path { get; }

    /// <summary>The file with <c>//</c> comments removed (quoted strings kept as they are).</summary>
    public string Code { get; }

    public static BicepFile Load(string path) => new(path, StripComments(File.ReadAllText(path)));

    /// <summary>Declared parameters: name → whether it has a default value.</summary>
    public IReadOnlyDictionary<string, bool> Parameters =>
        ParamRegex().Matches(Code).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success, StringComparer.Ordinal);

    public IReadOnlyList<string> Outputs => [.. OutputRegex().Matches(Code).Select(m => m.Groups["name"].Value)];

    /// <summary>The single-quoted value of <c>var name = '…'</c>, or null.</summary>
    public string? StringVariable(string name)
    {
        var match = Regex.Match(Code, $@"^var {Regex.Escape(name)} = '(?<value>[^']*)'\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups["value"].Value : null;
    }

    /// <summary>Modules declared in this file: symbol, path of the module file, keys passed in <c>params</c>.</summary>
    public IReadOnlyList<BicepModuleUse> Modules
    {
        get
        {
            var uses = new List<BicepModuleUse>();
            foreach (Match match in ModuleRegex().Matches(Code))
            {
                var body = BlockAt(Code, match.Index + match.Length - 1);
                var paramsAt = body.IndexOf("params: {", StringComparison.Ordinal);
                var keys = paramsAt < 0 ? [] : TopLevelKeys(BlockAt(body, paramsAt + "params: ".Length));
                uses.Add(new BicepModuleUse(match.Groups["symbol"].Value, match.Groups["path"].Value, keys));
            }
            return uses;
        }
    }

    /// <summary>Keys of the object literal that starts at the first <c>{</c> after <paramref name="marker"/>.</summary>
    public IReadOnlyList<string> ObjectKeysAfter(string marker)
    {
        var at = Code.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"'{marker}' not found in {Path}");
        }
        return TopLevelKeys(BlockAt(Code, Code.IndexOf('{', at)));
    }

    /// <summary>
    /// Whether <paramref name="name"/> is used beyond its declaration: as a whole word, not after a dot
    /// (a property of something else) and not as an object key of the same name (<c>name: …</c> at
    /// the start of a line).
    /// </summary>
    public bool IsReferenced(string name)
    {
        var word = Regex.Escape(name);
        var occurrences = Regex.Matches(Code, $@"(?<![\w.]){word}\b").Count;
        var keys = Regex.Matches(Code, $@"^[ \t]*{word}:", RegexOptions.Multiline).Count;
        return occurrences - keys > 1;
    }

    /// <summary>The text from the brace at <paramref name="openAt"/> to its matching brace, both included.</summary>
    private static string BlockAt(string text, int openAt)
    {
        var depth = 0;
        var inString = false;
        for (var i = openAt; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '\'':
                    inString = true;
                    break;
                case '{' or '[' or '(':
                    depth++;
                    break;
                case '}' or ']' or ')':
                    depth--;
                    if (depth == 0)
                    {
                        return text[openAt..(i + 1)];
                    }
                    break;
            }
        }
        throw new InvalidOperationException("unbalanced braces");
    }

    /// <summary>Property names directly inside an object literal <c>{ … }</c> (one property per line).</summary>
    private static List<string> TopLevelKeys(string block)
    {
        var keys = new List<string>();
        var depth = 0;
        foreach (var line in block.Split('\n'))
        {
            if (depth == 1 && KeyRegex().Match(line) is { Success: true } key)
            {
                keys.Add(key.Groups["key"].Value.Trim('\''));
            }
            depth += Depth(line);
        }
        return keys;
    }

    private static int Depth(string line)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
            }
            else if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
            }
        }
        return depth;
    }

    private static string StripComments(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var inString = false;
            var cut = line.Length;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '\'')
                    {
                        inString = false;
                    }
                }
                else if (c == '\'')
                {
                    inString = true;
                }
                else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
                {
                    cut = i;
                    break;
                }
            }
            result.Append(line.AsSpan(0, cut)).Append('\n');
        }
        return result.ToString();
    }

    [GeneratedRegex(@"^param (?<name>\w+) \w+(?<default> = .+)?\s*$", RegexOptions.Multiline)]
    private static partial Regex ParamRegex();

    [GeneratedRegex(@"^output (?<name>\w+) \w+ = ", RegexOptions.Multiline)]
    private static partial Regex OutputRegex();

    [GeneratedRegex(@"^module (?<symbol>\w+) '(?<path>[^']+)' = [^{]*\{", RegexOptions.Multiline)]
    private static partial Regex ModuleRegex();

    [GeneratedRegex(@"^\s*(?<key>\w+|'[^']+'):")]
    private static partial Regex KeyRegex();
}

/// <summary>One <c>module</c> declaration: its symbol, the module file, and the parameter names it passes.</summary>
internal sealed record BicepModuleUse(string Symbol, string Path, IReadOnlyList<string> ParameterKeys);
