using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;

namespace Bankflow.Benchmarks.Tables;

/// <summary>
/// OCR giro entries as the importer maps them (one account and month, KID, archive reference, debit account): the
/// BankEntry rows the table benchmarks write, through the store's own entity (<c>BankEntryStore.ToEntity</c>).
/// </summary>
internal static class OcrBenchmarkEntries
{
    public static IEnumerable<BankEntry> Generate(int count)
    {
        var day = new DateOnly(2026, 1, 15);
        for (var i = 0; i < count; i++)
        {
            yield return new BankEntry($"ocr:1234:{1 + (i / 10_000)}:{1 + i}", BankChannel.OcrGiro, "97100512347", day, new Money(10_000 + i), "NOK")
            {
                Kid = $"{100_000_000 + i}3",
                CounterpartyAccount = "86011117947",
                ArchiveReference = $"{260_000_000 + i}",
            };
        }
    }
}
