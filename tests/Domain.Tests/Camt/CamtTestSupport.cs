using System.Text;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Camt;

internal static class CamtTestSupport
{
    public static string Sample(string relative) =>
        Path.Combine(RepositoryPaths.SharedReference!, relative.Replace('/', Path.DirectorySeparatorChar));

    public static CamtDocument ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return CamtDocument.Read(stream);
    }

    public static CamtDocument ReadXml(string xml, int maxTokenBytes = Iso20022.Common.SafeXmlReader.DefaultMaxTokenBytes)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return CamtDocument.Read(stream, maxTokenBytes);
    }

    public static List<BankEntry> BankEntries(CamtDocument document) =>
        [.. document.Entries.SelectMany(e => CamtBankEntryMapper.Map(document.Header!.Kind, e.Statement, e.Entry))];

    public static IEnumerable<Diagnostic> Errors(this CamtDocument document) => document.Diagnostics.Where(d => d.Severity == Severity.Error);

    public static IEnumerable<Diagnostic> Warnings(this CamtDocument document) => document.Diagnostics.Where(d => d.Severity == Severity.Warning);

    /// <summary>Signed sum (hundredths) of every transaction, booked or not, as `bankflow parse` lists them.</summary>
    public static long TransactionSum(CamtDocument document) =>
        document.Entries.SelectMany(e => CamtTransactions.Of(e.Entry)).Sum(t => t.Amount.Ore);

    public static int TransactionCount(CamtDocument document) =>
        document.Entries.Sum(e => CamtTransactions.Of(e.Entry).Count);
}
