using System.Xml;
using BenchmarkDotNet.Attributes;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Iso20022.Common;
using Bankflow.LocalHost.Parse;
using Bankflow.Testing.Camt;

namespace Bankflow.Benchmarks.Camt;

/// <summary>
/// <c>bankflow parse</c> of the lean 100,000-entry camt.053 (docs/benchmarks.md), step by step, from memory: the
/// framework's XmlReader alone, the camt reader on it, and the whole parse to JSON (written to a null stream). Steady state, after warm-up: the figures of one short CLI
/// run (start-up, JIT) are taken with /usr/bin/time on the same file (<c>write-lean-camt</c>).
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*CamtParseBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CamtParseBenchmarks
{
    private byte[] _file = [];
    private string _path = "";

    [Params(100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Kept between runs (deterministic), for timing `./bankflow parse` on the same file; delete it afterwards.
        _path = Path.Combine(Path.GetTempPath(), $"bankflow-camt053-lean-{Entries}.xml");
        if (!File.Exists(_path))
        {
            var temporary = _path + ".tmp";
            using (var file = File.Create(temporary))
            {
                LeanCamtGenerator.Write(file, Entries);
            }
            File.Move(temporary, _path, overwrite: true);
        }
        _file = File.ReadAllBytes(_path);
        Console.WriteLine($"// lean camt.053 {_path}: {_file.Length:N0} bytes");
    }

    [Benchmark(Baseline = true, Description = "framework XmlReader, every node")]
    public long FrameworkNodes() => Nodes(SafeXmlReader.Create(Open(), new NameTable()));

    [Benchmark(Description = "camt reader")]
    public long CamtReaderFramework() => SumEntries(new CamtReader(Open()));

    [Benchmark(Description = "bankflow parse to JSON (null stream)")]
    public int ParseToJson() => ParseCommand.Run([_path], Stream.Null, TextWriter.Null);

    private MemoryStream Open() => new(_file, writable: false);

    private static long Nodes(XmlReader reader)
    {
        using (reader)
        {
            long count = 0;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Text)
                {
                    count += reader.Value.Length;
                }
            }
            return count;
        }
    }

    private static long SumEntries(CamtReader reader)
    {
        long sum = 0;
        foreach (var item in reader.Read())
        {
            if (item is CamtEntryItem e)
            {
                sum += e.Entry.Amount.Value.Ore;
            }
        }
        return reader.Diagnostics.HasErrors ? throw new InvalidOperationException("the lean file should be valid") : sum;
    }
}
