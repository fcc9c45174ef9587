using System.Text;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Nets.Document;
using Bankflow.Testing.Nets;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>Small helpers: files from lines, and reading them.</summary>
internal static class NetsTestFiles
{
    public static byte[] Join(IEnumerable<string> lines, string newLine = "\n", bool finalNewline = true)
    {
        var text = string.Join(newLine, lines) + (finalNewline ? newLine : "");
        return Encoding.Latin1.GetBytes(text);
    }

    public static NetsDocument Load(IEnumerable<string> lines) => NetsDocument.Load(Join(lines));

    /// <summary>A small valid file: 2 assignments, types chosen by the seed.</summary>
    public static GeneratedOcrFile Small(int seed = 7, int assignments = 2) =>
        new OcrFileGenerator(seed).Generate(new OcrGeneratorOptions { Assignments = assignments, MinTransactions = 2, MaxTransactions = 4 });

    public static string Replace(string line, int position, string value) =>
        line[..(position - 1)] + value + line[(position - 1 + value.Length)..];

    public static IReadOnlyList<Diagnostic> Errors(NetsDocument document) =>
        document.Summary.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();

    /// <summary>A hand-written one-transaction file (type 10, 100.00 NOK, MOD10 KID 23456767 from FORMATS.md §2.1).</summary>
    public static List<string> OneTransaction() =>
    [
        "NY000010000080800000042123456780000000000000000000000000000000000000000000000000",
        "NY090020123456789000000186011117947000000000000000000000000000000000000000000000",
        "NY09103000000013101260131100001000000000000010000                 23456767000000",
        "NY091031000000100000000000012345600000000300126000000000000000000000000000000000",
        "NY090088000000010000000400000000000010000310126310126310126000000000000000000000",
        "NY000089000000010000000600000000000010000310126000000000000000000000000000000000",
    ];
}
