using System.Xml;
using System.Xml.Schema;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Domain.Iso20022.Common;
using Bankflow.Testing;
using Bankflow.Testing.Camt;
using static Bankflow.Domain.Tests.Camt.CamtTestSupport;

namespace Bankflow.Domain.Tests.Camt;

/// <summary>Files from the project's own generator: schema-valid, version-independent, and large.</summary>
[Collection(MemoryMeasurements.Name)]
public sealed class CamtGeneratedFileTests
{
    [SharedReferenceTheory]
    [InlineData(false, "001.02", false)]
    [InlineData(false, "001.08", false)]
    [InlineData(true, "001.02", false)]
    [InlineData(true, "001.08", false)]
    [InlineData(false, "001.02", true)]
    [InlineData(false, "001.08", true)]
    [InlineData(true, "001.02", true)]
    [InlineData(true, "001.08", true)]
    public void Generated_files_validate_against_the_ISO_schema(bool notification, string version, bool transactionsSummary)
    {
        var message = notification ? "camt.054" : "camt.053";
        var xsd = Path.Combine(RepositoryPaths.SharedReference!, message, "xsd", $"{message}.{version}.xsd");
        var schemas = new XmlSchemaSet { XmlResolver = null };
        using (var schemaReader = XmlReader.Create(xsd, SafeXmlReader.Settings()))
        {
            schemas.Add(null, schemaReader);
        }
        var settings = SafeXmlReader.Settings();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = schemas;
        var problems = new List<string>();
        settings.ValidationEventHandler += (_, e) => problems.Add($"line {e.Exception.LineNumber}: {e.Message}");
        var bytes = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 11, Notification: notification, Version: version, Statements: 2, EntriesPerStatement: 200, TransactionsSummary: transactionsSummary));

        using (var reader = XmlReader.Create(new MemoryStream(bytes), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.Empty(problems.Take(5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Version_02_and_08_of_the_same_content_give_identical_bank_entries(bool notification)
    {
        var v02 = ReadBytes(new CamtGeneratorOptions(Seed: 5, Notification: notification, Version: "001.02", Statements: 2, EntriesPerStatement: 300));
        var v08 = ReadBytes(new CamtGeneratorOptions(Seed: 5, Notification: notification, Version: "001.08", Statements: 2, EntriesPerStatement: 300));

        Assert.Empty(v02.Diagnostics);
        Assert.Empty(v08.Diagnostics);
        var entries02 = BankEntries(v02);
        Assert.True(entries02.Count > 600);
        Assert.Equal(entries02, BankEntries(v08));
        Assert.Equal(
            v02.Statements.SelectMany(s => s.Statement.Balances),
            v08.Statements.SelectMany(s => s.Statement.Balances));
    }

    [Fact]
    public void Reader_figures_match_what_the_generator_wrote()
    {
        using var stream = new MemoryStream();
        var summary = CamtGenerator.Write(new CamtGeneratorOptions(Seed: 21, Statements: 3, EntriesPerStatement: 500), stream);
        stream.Position = 0;

        var document = CamtDocument.Read(stream);

        Assert.Empty(document.Diagnostics); // every statement's balances add up
        Assert.Equal(summary.Entries, document.Entries.Count);
        Assert.Equal(summary.Transactions, TransactionCount(document));
        Assert.Equal(summary.BookedCredits, document.Statements.Sum(s => s.Totals.BookedCredits));
        Assert.Equal(summary.BookedDebits, document.Statements.Sum(s => s.Totals.BookedDebits));
        Assert.Equal(summary.NetBooked, BankEntries(document).Sum(e => e.Amount.Ore));
        Assert.Equal(summary.Kids, document.Entries.SelectMany(e => e.Entry.Transactions).Select(t => t.StructuredReference).OfType<string>());
        Assert.Equal(
            summary.StatementFigures.Select(f => (f.Id, f.Account, f.Sequence, f.Opening, f.Closing)),
            document.Statements.Select(s => (s.Statement.Id, s.Statement.Account.Identifier!, s.Statement.ElectronicSequenceNumber!.Value, s.Statement.Opening!.Amount.Ore, s.Statement.Closing!.Amount.Ore)));
        // Pending entries are listed but give no bank entries.
        var pending = document.Entries.Where(e => !e.Entry.IsBooked).Sum(e => CamtTransactions.Of(e.Entry).Count);
        Assert.True(pending > 0);
        Assert.Equal(summary.Transactions - pending, BankEntries(document).Count);
    }

    [Fact]
    public void Bank_entry_ids_are_unique_and_stable_across_reads()
    {
        var options = new CamtGeneratorOptions(Seed: 8, Statements: 2, EntriesPerStatement: 400);
        var first = BankEntries(ReadBytes(options));
        var second = BankEntries(ReadBytes(options));

        Assert.Equal(first.Select(e => e.EntryId), second.Select(e => e.EntryId));
        Assert.Equal(first.Count, first.Select(e => e.EntryId).Distinct().Count());
    }

    [Fact]
    public void Large_generated_file_streams_with_memory_that_does_not_grow_with_the_entries()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bankflow-camt-{Guid.NewGuid():N}.xml");
        try
        {
            CamtGeneratedSummary summary;
            using (var file = File.Create(path))
            {
                summary = CamtGenerator.Write(new CamtGeneratorOptions(Seed: 99, Statements: 2, EntriesPerStatement: 50_000), file);
            }
            long transactions = 0, net = 0, maxHeap = 0;
            using (var file = File.OpenRead(path))
            {
                var reader = new CamtReader(file);
                foreach (var item in reader.Read())
                {
                    if (item is CamtEntryItem e)
                    {
                        foreach (var t in CamtTransactions.Of(e.Entry))
                        {
                            transactions++;
                            net += e.Entry.IsBooked ? t.Amount.Ore : 0;
                        }
                        if (e.Entry.Index % 10_000 == 0)
                        {
                            maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(forceFullCollection: true));
                        }
                    }
                }
                Assert.Empty(reader.Diagnostics.ToList());
            }

            Assert.Equal(summary.Transactions, transactions);
            Assert.Equal(summary.NetBooked, net);
            Assert.True(new FileInfo(path).Length > 50L << 20, "the file should be large");
            // The whole file is over 50 MB; the live heap while reading stays a small fraction of it.
            Assert.True(maxHeap < 40L << 20, $"heap reached {maxHeap} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static CamtDocument ReadBytes(CamtGeneratorOptions options)
    {
        using var stream = new MemoryStream(CamtGenerator.WriteBytes(options));
        return CamtDocument.Read(stream);
    }
}
