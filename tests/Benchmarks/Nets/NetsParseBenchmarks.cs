using BenchmarkDotNet.Attributes;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Testing.Nets;

namespace Bankflow.Benchmarks.Nets;

/// <summary>
/// Parse + validate a generated OCR giro file against a raw scan of the same bytes (count '\n'), at two sizes
/// to show that allocation does not grow with the file. The generated file is also left in the temp folder
/// (bankflow-nets-{N}.txt) for timing the whole <c>bankflow parse</c> process.
/// Run: dotnet run -c Release --project tests/Benchmarks -- --filter '*NetsParse*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class NetsParseBenchmarks
{
    private byte[] _file = [];

    [Params(100_000, 200_000)]
    public int Transactions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var stream = new MemoryStream();
        new OcrFileGenerator(2026).WriteLarge(stream, Transactions);
        _file = stream.ToArray();
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"bankflow-nets-{Transactions}.txt"), _file);
        var summary = NetsReader.Validate(new MemoryStream(_file, writable: false));
        if (!summary.IsValid || summary.Transactions != Transactions)
        {
            throw new InvalidOperationException("generated benchmark file is not valid: " + string.Join("; ", summary.Diagnostics));
        }
        Console.WriteLine($"// file: {_file.Length:N0} bytes, {Transactions:N0} transactions");
    }

    [Benchmark(Baseline = true, Description = "raw scan (count LF)")]
    public int RawScan() => _file.AsSpan().Count((byte)'\n');

    [Benchmark(Description = "parse + validate")]
    public long ParseAndValidate()
    {
        using var stream = new MemoryStream(_file, writable: false);
        return NetsReader.Validate(stream).Transactions;
    }

    [Benchmark(Description = "parse + validate + visit (sum amounts, KID lengths)")]
    public long ParseValidateVisit()
    {
        using var stream = new MemoryStream(_file, writable: false);
        var visitor = new SumVisitor();
        NetsReader.Read(stream, visitor);
        return visitor.Sum;
    }

    private sealed class SumVisitor : INetsVisitor
    {
        public long Sum;

        public void Transaction(in OcrTransactionRecords transaction) =>
            Sum += transaction.Item1.SignedAmount + transaction.Item1.Kid.Length;
    }
}
