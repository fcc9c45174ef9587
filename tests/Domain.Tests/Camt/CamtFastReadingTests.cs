using System.Text;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing.Camt;

namespace Bankflow.Domain.Tests.Camt;

/// <summary>
/// <c>CamtReader(fastIfSeekable: true)</c> hands out the same items and diagnostics as the reader on the framework's
/// XmlReader: on plain files, and on files the fast reader gives up on part-way (then the file is read again from the
/// start and the items already handed out are skipped).
/// </summary>
public sealed class CamtFastReadingTests
{
    /// <summary>A small token guard keeps the hold-back short, so that many items are handed out before the change.</summary>
    private const int TokenLimit = 4096;

    private static readonly string Plain = CamtGenerator.WriteString(
        new CamtGeneratorOptions(Seed: 31, Version: "001.08", Statements: 2, EntriesPerStatement: 150, TransactionsSummary: true), out _);

    public static TheoryData<string> Changes() =>
    [
        "none",
        "comment inside the root near the end",
        "CDATA in the middle",
        "end tag that does not match near the end",
        "text longer than the token guard near the end",
        "undeclared entity in the first entry",
        "file cut short",
        "invalid amount and unknown status",
        "bytes that are not UTF-8 near the end",
        "bytes that are not UTF-8 just after an entry",
        "a run longer than the token guard just after an entry",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Fast_reading_hands_out_what_the_framework_reading_hands_out(string change)
    {
        var xml = Change(Plain, change);
        var bytes = Encoding.UTF8.GetBytes(xml);
        if (change.StartsWith("bytes that are not UTF-8", StringComparison.Ordinal))
        {
            // U+FFFF stands in for the bytes: C3 28 is not UTF-8.
            var marker = bytes.AsSpan().IndexOf("\uFFFF"u8);
            bytes = [.. bytes[..marker], 0xC3, 0x28, .. bytes[(marker + 3)..]];
        }

        var expected = Describe(new CamtReader(new MemoryStream(bytes), maxTokenBytes: TokenLimit), out var expectedDiagnostics);
        var fast = Describe(new CamtReader(new MemoryStream(bytes), maxTokenBytes: TokenLimit, fastIfSeekable: true), out var fastDiagnostics);

        // Most changes come late: many items were handed out by the fast reader before it gave up.
        Assert.True(expected.Count > (change.Contains("first", StringComparison.Ordinal) ? 2 : 100), $"{expected.Count} items");
        Assert.Equal(expected, fast);
        Assert.Equal(expectedDiagnostics, fastDiagnostics);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_by_the_framework_reader()
    {
        var bytes = Encoding.UTF8.GetBytes(Change(Plain, "end tag that does not match near the end"));
        var expected = Describe(new CamtReader(new MemoryStream(bytes), maxTokenBytes: TokenLimit), out var expectedDiagnostics);
        var fast = Describe(new CamtReader(new ForwardOnlyStream(bytes), maxTokenBytes: TokenLimit, fastIfSeekable: true), out var fastDiagnostics);
        Assert.Equal(expected, fast);
        Assert.Equal(expectedDiagnostics, fastDiagnostics);
    }

    /// <summary>
    /// The fast reader never reads a DTD: a file with a DOCTYPE — before the root with an entity declared and used, with
    /// an external entity, or after the root — is read by the framework's reader (DtdProcessing.Prohibit), with the same
    /// items and the same error as without the fast reader, and no entity is expanded.
    /// </summary>
    [Theory]
    [InlineData("internal entity")]
    [InlineData("external entity")]
    [InlineData("nested entities")]
    [InlineData("after the root")]
    public void A_DOCTYPE_is_left_to_the_framework_reader_which_refuses_it(string where)
    {
        var secret = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secret, "EXPANDED-FROM-FILE");
            var declaration = Plain.IndexOf("?>", StringComparison.Ordinal) + 2;
            var firstReference = Plain.IndexOf("<NtryRef>", StringComparison.Ordinal) + "<NtryRef>".Length;
            var xml = where switch
            {
                "internal entity" => Plain.Insert(firstReference, "&x;").Insert(declaration, "<!DOCTYPE Document [<!ENTITY x \"EXPANDED\">]>"),
                "external entity" => Plain.Insert(firstReference, "&x;").Insert(declaration, $"<!DOCTYPE Document [<!ENTITY x SYSTEM \"file://{secret}\">]>"),
                "nested entities" => Plain.Insert(firstReference, "&c;").Insert(declaration,
                    "<!DOCTYPE Document [<!ENTITY a \"EXPANDED\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"),
                _ => Plain + "<!DOCTYPE Document>",
            };
            var bytes = Encoding.UTF8.GetBytes(xml);

            var expected = Describe(new CamtReader(new MemoryStream(bytes), maxTokenBytes: TokenLimit), out var expectedDiagnostics);
            var fast = Describe(new CamtReader(new MemoryStream(bytes), maxTokenBytes: TokenLimit, fastIfSeekable: true), out var fastDiagnostics);

            Assert.Equal(expected, fast);
            Assert.Equal(expectedDiagnostics, fastDiagnostics);
            Assert.Contains(fastDiagnostics, d => d.Contains("DOCTYPE", StringComparison.Ordinal));
            Assert.DoesNotContain(fast, item => item.Contains("EXPANDED", StringComparison.Ordinal));
            Assert.DoesNotContain(fastDiagnostics, d => d.Contains("EXPANDED", StringComparison.Ordinal));
            // Before the root nothing is read; after it, the document's items were (the refusal comes at its end).
            Assert.True(where == "after the root" ? fast.Count > 100 : fast.Count == 1, $"{fast.Count} items");
        }
        finally
        {
            File.Delete(secret);
        }
    }

    private static string Change(string xml, string change)
    {
        var nearEnd = xml.LastIndexOf("<Ntry>", StringComparison.Ordinal);
        var middle = xml.IndexOf("<Ntry>", xml.Length / 2, StringComparison.Ordinal);
        switch (change)
        {
            case "none":
                return xml;
            case "comment inside the root near the end":
                return xml.Insert(nearEnd, "<!-- the bank's comment -->");
            case "CDATA in the middle":
                var text = xml.IndexOf("<AddtlNtryInf>", middle, StringComparison.Ordinal);
                var ustrd = xml.IndexOf("<Ustrd>", middle, StringComparison.Ordinal);
                var at = text >= 0 ? text + "<AddtlNtryInf>".Length : ustrd + "<Ustrd>".Length;
                return xml.Insert(at, "<![CDATA[a & b]]>");
            case "end tag that does not match near the end":
                var close = xml.IndexOf("</NtryRef>", nearEnd, StringComparison.Ordinal);
                return string.Concat(xml.AsSpan(0, close), "</NtryReff>", xml.AsSpan(close + "</NtryRef>".Length));
            case "text longer than the token guard near the end":
                var reference = xml.IndexOf("<NtryRef>", nearEnd, StringComparison.Ordinal) + "<NtryRef>".Length;
                return xml.Insert(reference, new string('7', TokenLimit + 10));
            case "undeclared entity in the first entry":
                var first = xml.IndexOf("<NtryRef>", StringComparison.Ordinal) + "<NtryRef>".Length;
                return xml.Insert(first, "&nbsp;");
            case "file cut short":
                return xml[..(xml.Length - 300)];
            case "bytes that are not UTF-8 near the end":
                return xml.Insert(xml.IndexOf("</NtryRef>", nearEnd, StringComparison.Ordinal), "\uFFFF-marker");
            case "bytes that are not UTF-8 just after an entry":
                return xml.Insert(xml.IndexOf("</Ntry>", middle, StringComparison.Ordinal) + "</Ntry>".Length, "\uFFFF-marker");
            case "a run longer than the token guard just after an entry":
                return xml.Insert(xml.IndexOf("</Ntry>", middle, StringComparison.Ordinal) + "</Ntry>".Length, new string(' ', TokenLimit + 10));
            case "invalid amount and unknown status":
                var amount = xml.IndexOf("<Amt Ccy=\"NOK\">", middle, StringComparison.Ordinal) + "<Amt Ccy=\"NOK\">".Length;
                xml = xml.Insert(amount, "1.234;");
                var status = xml.IndexOf("<Cd>BOOK</Cd>", nearEnd, StringComparison.Ordinal);
                return string.Concat(xml.AsSpan(0, status), "<Cd>XBOK</Cd>", xml.AsSpan(status + "<Cd>BOOK</Cd>".Length));
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private static List<string> Describe(CamtReader reader, out List<string> diagnostics)
    {
        var items = new List<string>();
        foreach (var item in reader.Read())
        {
            items.Add(item switch
            {
                CamtGroupHeader h => $"header {h.Kind} {h.Version} {h.MessageId} {h.CreationDateTime}",
                CamtStatementStart s => $"start {s.Statement.Id} {s.Statement.Path} {s.Statement.Line}:{s.Statement.Column} balances {s.Statement.Balances.Count}",
                CamtEntryItem e => $"entry {e.Entry.Path} {e.Entry.Line}:{e.Entry.Column} {e.Entry.SignedAmount.Ore} {e.Entry.Status} {e.Entry.AccountServicerReference} {e.Entry.Transactions.Count} {string.Join(",", e.Entry.Transactions.Select(t => $"{t.Path}@{t.Line}:{t.Column} {t.Amount?.Value.Ore} {t.Debtor?.Name} {t.Creditor?.Name} {t.StructuredReference} {string.Join("|", t.Unstructured)}"))}",
                CamtStatementEnd end => $"end {end.Statement.Id} {end.Totals.EntryCount} {end.Totals.TransactionCount} {end.Totals.BookedCredits} {end.Totals.BookedDebits}",
                _ => item.ToString()!,
            });
        }
        items.Add($"kind {reader.Kind} version {reader.Version}");
        diagnostics = [.. reader.Diagnostics.ToList().Select(d => $"{d} ({d.Path}, {d.Field}, {d.Expected}, {d.Found})")];
        return items;
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
