using System.Diagnostics;
using System.Text;
using Bankflow.LocalHost.Parse;
using Bankflow.Testing.Camt;
using Bankflow.Testing.HostileInput;
using Bankflow.Testing.Nets;
using Bankflow.Testing.Pain;

namespace Bankflow.LocalHost.Tests.Parse;

/// <summary>
/// The natively compiled <c>bankflow parse</c> (issue 15, item 10) is the command users run; every other parse test
/// calls <see cref="ParseCommand"/> in process. Ahead-of-time compilation trims what it cannot see used and has no JIT
/// to fall back on, so this runs the binary itself and compares its stdout (byte for byte), stderr and exit code with
/// the in-process command's on files of every format, on the CI hostile-input corpus and on usage errors.
/// </summary>
public sealed class NativeParseToolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bankflow-native-parse-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [NativeParseToolFact]
    public void Every_format_prints_what_the_in_process_command_prints()
    {
        var pain002 = new Pain002FileGenerator(7).Generate("BATCH-7",
            [new AnsweredPayment("E2E-1", 125_000), new AnsweredPayment("E2E-2", 99)], new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.FromHours(1)));
        var files = new Dictionary<string, byte[]>
        {
            ["ocr.txt"] = new OcrFileGenerator(3).Generate(new OcrGeneratorOptions { Assignments = 2, MinTransactions = 3, MaxTransactions = 40, NegativeShare = 0.2 }).Content,
            ["avtalegiro.txt"] = new AvtaleGiroFileGenerator(4).Generate(),
            ["camt053-rich.xml"] = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 5, Version: "001.08", Statements: 2, EntriesPerStatement: 200, TransactionsSummary: true)),
            ["camt054.xml"] = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 6, Notification: true, EntriesPerStatement: 150)),
            ["camt053-lean.xml"] = Lean(5_000),
            ["pain002.xml"] = pain002,
            ["truncated.xml"] = Lean(50)[..3_000],
            ["unknown.txt"] = "Dear bank, please pay.\n"u8.ToArray(),
            ["empty.txt"] = [],
        };
        foreach (var (name, content) in files)
        {
            AssertSameAsInProcess(Write(name, content), name);
        }
    }

    /// <summary>
    /// The CI corpus: broken XML, other encodings, DOCTYPEs, cut and mutated Nets records — where the native build must
    /// still fail the same way, with the same diagnostics.
    /// </summary>
    [NativeParseToolFact]
    public void Hostile_corpus_prints_what_the_in_process_command_prints()
    {
        var checkedCases = 0;
        foreach (var hostile in HostileCorpus.Generate(HostileCorpus.DefaultSeed))
        {
            AssertSameAsInProcess(Write($"case-{hostile.Number}", hostile.Content), hostile.ToString());
            checkedCases++;
        }
        Assert.True(checkedCases > 100, $"{checkedCases} cases");
    }

    [NativeParseToolFact]
    public void Usage_and_unreadable_files_exit_2_as_in_process()
    {
        var missing = Path.Combine(_folder, "missing.xml");
        foreach (var args in new[] { Array.Empty<string>(), [missing], ["a", "b"] })
        {
            var native = RunNative(args);
            var inProcess = RunInProcess(args);
            Assert.Equal(2, native.Exit);
            Assert.Equal(inProcess, native);
        }
    }

    /// <summary>
    /// <c>./bankflow</c> moves to the repository before it runs anything; a file named relative to the caller's folder
    /// must still be the caller's file (it used to be looked up in the repository).
    /// </summary>
    [NativeParseToolFact]
    public void The_bankflow_script_reads_a_file_named_relative_to_the_callers_folder()
    {
        var path = Write("relative-ocr.txt", new OcrFileGenerator(8).Generate().Content);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Bankflow.Testing.RepositoryPaths.Root, "bankflow"));
        start.ArgumentList.Add("parse");
        start.ArgumentList.Add("relative-ocr.txt");

        var script = Run(start);

        Assert.Equal(RunInProcess([path]), script);
        Assert.Equal(0, script.Exit);
    }

    private void AssertSameAsInProcess(string path, string what)
    {
        var native = RunNative([path]);
        var inProcess = RunInProcess([path]);
        Assert.True(inProcess.Exit == native.Exit, $"{what}: exit {native.Exit}, in process {inProcess.Exit}; stderr: {native.Stderr}");
        Assert.True(inProcess.Stderr == native.Stderr, $"{what}: stderr differs\nnative:     {native.Stderr}\nin process: {inProcess.Stderr}");
        Assert.True(inProcess.Stdout == native.Stdout, $"{what}: stdout differs at character {FirstDifference(native.Stdout, inProcess.Stdout)}");
    }

    private static Outcome RunInProcess(string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = ParseCommand.Run(args, stdout, stderr);
        // Through UTF-8 and back, as the process's stderr goes: a lone surrogate quoted from a broken file becomes U+FFFD.
        return new Outcome(exit, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(stderr.ToString())));
    }

    private static Outcome RunNative(string[] args)
    {
        var binary = Environment.GetEnvironmentVariable(NativeParseToolFactAttribute.Variable)!;
        Assert.True(File.Exists(binary), $"{NativeParseToolFactAttribute.Variable} names {binary}, which does not exist (see artifacts/parse/publish-failed.log)");
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Run(start);
    }

    private static Outcome Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        return new Outcome(process.ExitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.Result);
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Lean(int entries)
    {
        using var stream = new MemoryStream();
        LeanCamtGenerator.Write(stream, entries, seed: 9);
        return stream.ToArray();
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }
        return i;
    }

    private sealed record Outcome(int Exit, string Stdout, string Stderr);
}
