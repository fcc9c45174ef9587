using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.LocalHost.Parse;
using Bankflow.Testing;
using Bankflow.Testing.Camt;
using Bankflow.Testing.HostileInput;

namespace Bankflow.LocalHost.Tests.Parse;

/// <summary>
/// <c>bankflow parse</c> of camt files prints exactly what it printed before it was made fast (issue 15, item 10):
/// every byte of stdout, the exit code and stderr are compared with <see cref="ReferenceCamtJsonRenderer"/>, the
/// plain renderer kept from before, on generated files of many shapes — rich and lean, every version, one line and
/// indented, camt.054, texts that need JSON escaping, missing references and dates, and broken files whose partial
/// output and diagnostics must match too.
/// </summary>
public sealed class CamtParseOutputIdentityTests
{
    public static TheoryData<string> Shapes() => [.. ShapeFactories.Keys];

    private static readonly Dictionary<string, Func<byte[]>> ShapeFactories = new()
    {
        ["rich 053 001.02 two statements with TxsSummry"] = () => Rich(new CamtGeneratorOptions(Seed: 11, Statements: 2, EntriesPerStatement: 150, TransactionsSummary: true)),
        ["rich 053 001.03 one line"] = () => Rich(new CamtGeneratorOptions(Seed: 12, Version: "001.03", EntriesPerStatement: 120, Indent: false)),
        ["rich 053 001.04"] = () => Rich(new CamtGeneratorOptions(Seed: 13, Version: "001.04", EntriesPerStatement: 120, TransactionsSummary: true)),
        ["rich 053 001.06"] = () => Rich(new CamtGeneratorOptions(Seed: 14, Version: "001.06", EntriesPerStatement: 120)),
        ["rich 053 001.08 three statements"] = () => Rich(new CamtGeneratorOptions(Seed: 15, Version: "001.08", Statements: 3, EntriesPerStatement: 60)),
        ["rich 053 001.10"] = () => Rich(new CamtGeneratorOptions(Seed: 16, Version: "001.10", EntriesPerStatement: 120, TransactionsSummary: true)),
        ["rich 054 001.02"] = () => Rich(new CamtGeneratorOptions(Seed: 17, Notification: true, EntriesPerStatement: 120)),
        ["rich 054 001.08 one line, two notifications"] = () => Rich(new CamtGeneratorOptions(Seed: 18, Notification: true, Version: "001.08", Statements: 2, EntriesPerStatement: 80, Indent: false)),
        ["rich 053 without any AcctSvcrRef (hashed entry ids)"] = () => Edit(
            Rich(new CamtGeneratorOptions(Seed: 19, EntriesPerStatement: 60)),
            xml => Regex.Replace(xml, "<AcctSvcrRef>[^<]*</AcctSvcrRef>", "")),
        ["lean 053 001.02"] = () => Lean(3000, "001.02", indent: true),
        ["lean 053 001.10 one line"] = () => Lean(3000, "001.10", indent: false),
        ["lean 053 with texts that need escaping"] = () => Edit(Lean(40, "001.02", indent: true), EscapingTexts),
        ["lean 053 with booked entries missing dates"] = () => Edit(Lean(40, "001.02", indent: true), MissingDates),
        ["rich 053 with broken amounts and indicators"] = () => Edit(Rich(new CamtGeneratorOptions(Seed: 20, EntriesPerStatement: 60)), BrokenValues),
        ["rich 053 truncated"] = () =>
        {
            var bytes = Rich(new CamtGeneratorOptions(Seed: 21, EntriesPerStatement: 60));
            return bytes[..(bytes.Length * 2 / 3)];
        },
        ["rich 054 001.08 with a single detail that disagrees"] = () => Edit(
            Rich(new CamtGeneratorOptions(Seed: 22, Notification: true, Version: "001.08", EntriesPerStatement: 40)),
            DetailDisagrees),
        ["the reconciliation example camt.054"] = () => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "docs", "examples", "reconcile", "camt054.xml")),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Parse_prints_what_the_reference_renderer_prints(string shape)
    {
        AssertSameAsReference(ShapeFactories[shape]());
    }

    /// <summary>Single-byte corruptions of a small file: whatever the reader makes of them, both print the same.</summary>
    [Fact]
    public void Corrupted_files_print_what_the_reference_renderer_prints()
    {
        var original = Rich(new CamtGeneratorOptions(Seed: 23, Version: "001.08", EntriesPerStatement: 8));
        var random = new Random(23);
        byte[] replacements = "<>/&\"x0-9 .A\n"u8.ToArray();
        for (var i = 0; i < 60; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[random.Next(200, bytes.Length)] = replacements[random.Next(replacements.Length)];
            AssertSameAsReference(bytes);
        }
    }

    /// <summary>
    /// The hostile-input corpus's camt files (the CI corpus, and another seed's corpus grown to 1,500 files with stacked
    /// random mutations): broken XML,
    /// other encodings, DOCTYPEs, CDATA, huge values — where the hand-formatted output must still be the reference's,
    /// byte for byte, up to the point where the file fails.
    /// </summary>
    [Fact]
    public void Hostile_corpus_camt_files_print_what_the_reference_renderer_prints()
    {
        var cases = HostileCorpus.Generate(HostileCorpus.DefaultSeed)
            .Concat(HostileCorpus.Generate(HostileCorpus.DefaultSeed + 1, count: 1_500))
            .Where(c => c.Seed.Kind is SeedKind.Camt053 or SeedKind.Camt054);
        var checkedCases = 0;
        foreach (var hostile in cases)
        {
            var head = hostile.Content.AsSpan(0, Math.Min(hostile.Content.Length, FormatDetector.HeadLength));
            if (FormatDetector.Detect(head).Format is not (BankFileFormat.Camt053 or BankFileFormat.Camt054))
            {
                continue;
            }
            try
            {
                AssertSameAsReference(hostile.Content);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new InvalidOperationException($"{hostile}: {ex.Message}", ex);
            }
            checkedCases++;
        }
        Assert.True(checkedCases > 100, $"{checkedCases} camt cases");
    }

    [SharedReferenceFact]
    public void Reference_samples_print_what_the_reference_renderer_prints()
    {
        var files = Directory.GetFiles(RepositoryPaths.SharedReference!, "*.xml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains("camt", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AssertSameAsReference(File.ReadAllBytes(file));
        }
    }

    private static byte[] Rich(CamtGeneratorOptions options) => CamtGenerator.WriteBytes(options);

    private static byte[] Lean(int entries, string version, bool indent)
    {
        using var stream = new MemoryStream();
        LeanCamtGenerator.Write(stream, entries, seed: 5, version, indent);
        return stream.ToArray();
    }

    private static byte[] Edit(byte[] bytes, Func<string, string> edit) => Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes)));

    /// <summary>Every kind of character the JSON encoder treats specially, in the entries' free texts.</summary>
    private static string EscapingTexts(string xml)
    {
        string[] texts =
        [
            "quote \" and backslash \\ and slash /",
            "&amp; &lt;tag&gt; 'single' +plus `tick`",
            "tab&#9;new line&#10;return&#13;",
            "Ærlig Ødegård Åse — “curly” € ½",
            "emoji 😀 and 𝄞 outside the BMP",
            "line separator \u2028 paragraph \u2029 nbsp \u00a0 soft\u00adhyphen",
            "zero-width \u200b joiner \u200d bom \ufeff replacement \ufffd",
            "   padded   ",
        ];
        var i = 0;
        return Regex.Replace(xml, "<AddtlNtryInf>[^<]*</AddtlNtryInf>", _ => $"<AddtlNtryInf>{texts[i++ % texts.Length]}</AddtlNtryInf>");
    }

    /// <summary>Some booked entries without BookgDt (value date taken), one without BookgDt and ValDt (statement date).</summary>
    private static string MissingDates(string xml)
    {
        var i = 0;
        xml = Regex.Replace(xml, @"<BookgDt>\s*<Dt>[^<]*</Dt>\s*</BookgDt>", m => i++ % 3 == 1 ? "" : m.Value);
        var j = 0;
        return Regex.Replace(xml, @"<ValDt>\s*<Dt>[^<]*</Dt>\s*</ValDt>", m => j++ == 4 ? "" : m.Value);
    }

    private static string BrokenValues(string xml)
    {
        var i = 0;
        xml = Regex.Replace(xml, "<Amt Ccy=\"NOK\">([0-9]+)\\.([0-9]{2})</Amt>", m => ++i % 17 == 0 ? $"<Amt Ccy=\"NOK\">{m.Groups[1].Value}.{m.Groups[2].Value}5</Amt>" : i % 23 == 0 ? $"<Amt>{m.Groups[1].Value}</Amt>" : m.Value);
        var j = 0;
        return Regex.Replace(xml, "<CdtDbtInd>CRDT</CdtDbtInd>", m => ++j % 13 == 0 ? "<CdtDbtInd>CRXT</CdtDbtInd>" : m.Value);
    }

    /// <summary>Entries with one TxDtls whose amount is raised by 1.00: the entry amount is kept and the detail flagged.</summary>
    private static string DetailDisagrees(string xml)
    {
        var i = 0;
        return Regex.Replace(xml, "(</Refs>\\s*<Amt Ccy=\"NOK\">)([0-9]+)(\\.[0-9]{2}</Amt>)", m =>
            ++i % 3 == 0 ? m.Groups[1].Value + (long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1) + m.Groups[3].Value : m.Value);
    }

    private static void AssertSameAsReference(byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bankflow-identity-{Guid.NewGuid():N}.xml");
        try
        {
            File.WriteAllBytes(path, file);
            var (exit, stdout, stderr) = RunParse(path);
            var (referenceExit, referenceStdout, referenceStderr) = RunReference(path);
            if (!stdout.AsSpan().SequenceEqual(referenceStdout))
            {
                var at = stdout.AsSpan().CommonPrefixLength(referenceStdout);
                Assert.Fail($"stdout differs from the reference at byte {at}:\n--- parse:\n{Around(stdout, at)}\n--- reference:\n{Around(referenceStdout, at)}");
            }
            Assert.Equal(referenceExit, exit);
            Assert.Equal(referenceStderr, stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Around(byte[] bytes, int at)
    {
        var start = Math.Max(0, at - 300);
        return Encoding.UTF8.GetString(bytes, start, Math.Min(bytes.Length, at + 200) - start);
    }

    private static (int Exit, byte[] Stdout, string Stderr) RunParse(string path)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = ParseCommand.Run([path], stdout, stderr);
        return (exit, stdout.ToArray(), stderr.ToString());
    }

    /// <summary>What ParseCommand did around the renderer before: detection, writer options, the final newline, errors on stderr.</summary>
    private static (int Exit, byte[] Stdout, string Stderr) RunReference(string path)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        using var file = File.OpenRead(path);
        var head = new byte[FormatDetector.HeadLength];
        var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var detected = FormatDetector.Detect(head.AsSpan(0, length));
        Assert.True(detected.Format is BankFileFormat.Camt053 or BankFileFormat.Camt054, $"not detected as camt: {detected.Format} {detected.Reason}");
        file.Position = 0;
        IReadOnlyList<Diagnostic> diagnostics;
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            diagnostics = ReferenceCamtJsonRenderer.Render(file, detected, json);
            json.Flush();
        }
        stdout.Write("\n"u8);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        foreach (var d in errors)
        {
            stderr.WriteLine(d.ToString());
        }
        return (errors.Count == 0 ? 0 : 1, stdout.ToArray(), stderr.ToString());
    }
}
