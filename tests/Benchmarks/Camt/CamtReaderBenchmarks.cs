using BenchmarkDotNet.Attributes;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing.Camt;

namespace Bankflow.Benchmarks.Camt;

/// <summary>
/// Reading a generated camt.053 front to back: every entry parsed, validated and mapped to bank entries.
/// The file is written once per size to the temp folder (kept between runs: it is deterministic, seed 2024)
/// so that <c>/usr/bin/time -v ./bankflow parse</c> can measure the peak working set on the same file.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*CamtReaderBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CamtReaderBenchmarks
{
    private string _path = "";

    // 1,000,000 entries of this generator make a 2.9 GB file (about 2.9 KB per entry: 2.5 transactions on
    // average with parties, KIDs and references): too long for the shared benchmark budget. The two sizes
    // show that allocation per entry and throughput do not change with size; docs/benchmarks.camt.md
    // extrapolates and gives the peak working set measured on the full 1,000,000-entry file.
    [Params(20_000, 200_000)]
    public int Entries { get; set; }

    public static string PathFor(int entries) => Path.Combine(Path.GetTempPath(), $"bankflow-camt053-{entries}.xml");

    [GlobalSetup]
    public void Setup()
    {
        _path = PathFor(Entries);
        if (!File.Exists(_path))
        {
            var temporary = _path + ".tmp";
            using (var file = File.Create(temporary))
            {
                CamtGenerator.Write(new CamtGeneratorOptions(Seed: 2024, Statements: 1, EntriesPerStatement: Entries), file);
            }
            File.Move(temporary, _path, overwrite: true);
        }
        Console.WriteLine($"// camt file {_path}: {new FileInfo(_path).Length} bytes");
    }

    /// <summary>The floor: the same safe XmlReader reading every node and text value, doing nothing with them.</summary>
    [Benchmark(Baseline = true)]
    public long XmlReaderOnly()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var xml = System.Xml.XmlReader.Create(file, Bankflow.Domain.Iso20022.Common.SafeXmlReader.Settings());
        long characters = 0;
        while (xml.Read())
        {
            if (xml.NodeType == System.Xml.XmlNodeType.Text)
            {
                characters += xml.Value.Length;
            }
        }
        return characters;
    }

    /// <summary>Parse + checks + BankEntry mapping; returns the net so nothing is optimised away.</summary>
    [Benchmark]
    public long ReadValidateAndMap()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var reader = new CamtReader(file);
        long net = 0;
        foreach (var item in reader.Read())
        {
            if (item is CamtEntryItem e)
            {
                foreach (var entry in CamtBankEntryMapper.Map(CamtMessageKind.Statement, e.Statement, e.Entry))
                {
                    net += entry.Amount.Ore;
                }
            }
        }
        if (reader.Diagnostics.HasErrors)
        {
            throw new InvalidOperationException("the generated file should be valid");
        }
        return net;
    }
}
