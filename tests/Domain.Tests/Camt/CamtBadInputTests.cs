using System.Text;
using System.Text.RegularExpressions;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing.Camt;
using static Bankflow.Domain.Tests.Camt.CamtTestSupport;

namespace Bankflow.Domain.Tests.Camt;

/// <summary>Broken and hostile input: each case ends with a diagnostic that says where and what, never an exception.</summary>
public sealed partial class CamtBadInputTests
{
    private static string Valid(bool notification = false, string version = "001.02") =>
        CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 7, Notification: notification, Version: version, EntriesPerStatement: 3), out _);

    /// <summary>Replaces the first <paramref name="old"/> after <paramref name="anchor"/>; returns the 1-based line of the change.</summary>
    private static string ReplaceAfter(string xml, string anchor, string old, string replacement, out int line)
    {
        var at = xml.IndexOf(old, xml.IndexOf(anchor, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not found after '{anchor}'");
        line = xml.AsSpan(0, at).Count('\n') + 1;
        return string.Concat(xml.AsSpan(0, at), replacement, xml.AsSpan(at + old.Length));
    }

    [GeneratedRegex("<Amt Ccy=\"NOK\">([0-9.]+)</Amt>")]
    private static partial Regex AmountElement();

    private static string ReplaceFirstEntryAmount(string xml, string newValue, out int line)
    {
        var ntry = xml.IndexOf("<Ntry>", StringComparison.Ordinal);
        var match = AmountElement().Match(xml, ntry);
        line = xml.AsSpan(0, match.Index).Count('\n') + 1;
        return string.Concat(xml.AsSpan(0, match.Groups[1].Index), newValue, xml.AsSpan(match.Groups[1].Index + match.Groups[1].Length));
    }

    [Fact]
    public void The_generated_baseline_is_valid()
    {
        var document = ReadXml(Valid());
        Assert.Empty(document.Diagnostics);
        Assert.Equal(3, document.Entries.Count);
    }

    [Theory]
    [InlineData("12.345", "decimals")]
    [InlineData("12,50", "not a decimal amount")]
    [InlineData("abc", "not a decimal amount")]
    [InlineData("-12.50", "negative")]
    [InlineData("", "empty")]
    public void Bad_entry_amount_is_an_error_with_path_line_expected_and_found(string amount, string reason)
    {
        var xml = ReplaceFirstEntryAmount(Valid(), amount, out var line);

        var document = ReadXml(xml);

        var error = Assert.Single(document.Errors());
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt", error.Path);
        Assert.Equal(line, error.Line);
        Assert.Equal("Amt", error.Field);
        Assert.Contains("at most 2 decimals for NOK", error.Expected, StringComparison.Ordinal);
        Assert.Equal(amount, error.Found);
        Assert.False(document.IsValid);
    }

    [Fact]
    public void Trailing_zero_decimals_are_not_extra_precision()
    {
        var valid = Valid();
        var original = AmountElement().Match(valid, valid.IndexOf("<Ntry>", StringComparison.Ordinal)).Groups[1].Value;
        var document = ReadXml(ReplaceFirstEntryAmount(valid, original + "000", out _));
        Assert.Empty(document.Diagnostics);
    }

    [Fact]
    public void A_yen_amount_with_decimals_is_an_error_by_ISO_4217_minor_units()
    {
        var xml = Valid();
        var ntry = xml.IndexOf("<Ntry>", StringComparison.Ordinal);
        var at = xml.IndexOf("<Amt Ccy=\"NOK\">", ntry, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), "<Amt Ccy=\"JPY\">", xml.AsSpan(at + "<Amt Ccy=\"NOK\">".Length));

        var document = ReadXml(xml);

        Assert.Contains(document.Errors(), e => e.Path == "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt" && e.Expected!.Contains("0 decimals for JPY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("24.05.2024")]
    [InlineData("tomorrow")]
    public void Bad_booking_date_is_an_error(string date)
    {
        var xml = ReplaceAfter(Valid(), "<BookgDt>", "<Dt>2024-05-01</Dt>", $"<Dt>{date}</Dt>", out var line);

        var document = ReadXml(xml);

        var error = Assert.Single(document.Errors());
        Assert.Equal("/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/BookgDt/Dt", error.Path);
        Assert.Equal(line, error.Line);
        Assert.Equal(date, error.Found);
        Assert.Equal("YYYY-MM-DD", error.Expected);
    }

    [Fact]
    public void Bad_creation_date_time_is_an_error()
    {
        var xml = Valid().Replace("<CreDtTm>2024-05-25T04:12:40+02:00</CreDtTm>", "<CreDtTm>2024-05-25 04:12</CreDtTm>", StringComparison.Ordinal);
        var error = Assert.Single(ReadXml(xml).Errors());
        Assert.Equal("/Document/BkToCstmrStmt/GrpHdr/CreDtTm", error.Path);
    }

    [Theory]
    [InlineData("<Ntry>", "<CdtDbtInd>", "Ntry[1]/CdtDbtInd")]
    [InlineData("<Ntry>", "<Sts>", "Ntry[1]/Sts")]
    [InlineData("<Ntry>", "<BkTxCd>", "Ntry[1]/BkTxCd")]
    [InlineData("<Ntry>", "<Amt ", "Ntry[1]/Amt")]
    [InlineData("<Bal>", "<CdtDbtInd>", "Bal[1]/CdtDbtInd")]
    [InlineData("<Stmt>", "<Id>", "Stmt[1]/Id")]
    [InlineData("<Stmt>", "<Acct>", "Stmt[1]/Acct")]
    [InlineData("<GrpHdr>", "<MsgId>", "GrpHdr/MsgId")]
    public void Missing_mandatory_element_is_an_error_naming_it(string anchor, string elementStart, string pathEnd)
    {
        var xml = Valid();
        var start = xml.IndexOf(elementStart, xml.IndexOf(anchor, StringComparison.Ordinal), StringComparison.Ordinal);
        var name = elementStart.Trim('<', '>', ' ');
        var endTag = $"</{name}>";
        var end = xml.IndexOf(endTag, start, StringComparison.Ordinal) + endTag.Length;
        xml = string.Concat(xml.AsSpan(0, start), xml.AsSpan(end));

        var document = ReadXml(xml);

        Assert.Contains(document.Errors(), e =>
            e.Message.Contains($"missing mandatory element {name}", StringComparison.Ordinal) && e.Path!.EndsWith(pathEnd, StringComparison.Ordinal));
    }

    [Fact]
    public void Statement_without_balances_is_an_error_but_a_notification_needs_none()
    {
        var statement = Regex.Replace(Valid(), "<Bal>.*?</Bal>", "", RegexOptions.Singleline);
        Assert.Contains(ReadXml(statement).Errors(), e => e.Message.Contains("missing mandatory element Bal", StringComparison.Ordinal));
        Assert.Empty(ReadXml(Valid(notification: true)).Diagnostics);
    }

    [Fact]
    public void Batch_whose_transactions_do_not_sum_to_the_entry_is_an_error()
    {
        // Changing the first transaction amount of a batch of several payments breaks its entry's sum. (An entry
        // with a single TxDtls keeps its own amount: see Single_detail_that_disagrees_keeps_the_entry_amount_with_a_warning.)
        var xml = Valid();
        var batch = Regex.Match(xml, "<NbOfTxs>([2-9]|[1-9][0-9]+)</NbOfTxs>");
        Assert.True(batch.Success, "the baseline has a batch of several payments");
        var txAmount = xml.IndexOf("<TxAmt>", batch.Index, StringComparison.Ordinal);
        var entry = Regex.Matches(xml[..txAmount], "<Ntry>").Count;
        var match = AmountElement().Match(xml, txAmount);
        var old = long.Parse(match.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        xml = string.Concat(xml.AsSpan(0, match.Groups[1].Index), "0.01", xml.AsSpan(match.Groups[1].Index + match.Groups[1].Length));

        var document = ReadXml(xml);

        var error = Assert.Single(document.Errors());
        Assert.Equal($"/Document/BkToCstmrStmt/Stmt[1]/Ntry[{entry}]/Amt", error.Path);
        Assert.Contains($"difference {(new global::Bankflow.Domain.Values.Money(1 - old))}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_count_that_differs_from_the_details_is_a_warning()
    {
        var xml = ReplaceAfter(Valid(), "<Btch>", "<NbOfTxs>", "<NbOfTxs>9", out _);
        var document = ReadXml(xml);
        var warning = Assert.Single(document.Warnings());
        Assert.Equal("NbOfTxs", warning.Field);
        Assert.Matches(@"^/Document/BkToCstmrStmt/Stmt\[1\]/Ntry\[\d+\]/NtryDtls\[1\]/Btch/NbOfTxs$", warning.Path);
        Assert.StartsWith("9", warning.Found, StringComparison.Ordinal);
        Assert.Empty(document.Errors());
    }

    [Fact]
    public void KID_with_a_wrong_check_digit_is_a_warning()
    {
        var xml = Valid();
        var at = xml.IndexOf("<Ref>", StringComparison.Ordinal) + "<Ref>".Length;
        var end = xml.IndexOf("</Ref>", at, StringComparison.Ordinal);
        var kid = xml[at..end];
        var last = kid[^1] == '-' ? 0 : kid[^1] - '0';
        // Try other check characters until one fails both algorithms.
        var broken = Enumerable.Range(0, 10).Select(d => kid[..^1] + (char)('0' + ((last + d) % 10)))
            .First(k => global::Bankflow.Domain.Values.Kid.Verify(k) == global::Bankflow.Domain.Values.KidCheck.None);
        xml = string.Concat(xml.AsSpan(0, at), broken, xml.AsSpan(end));

        var document = ReadXml(xml);

        var warning = Assert.Single(document.Warnings());
        Assert.Equal(broken, warning.Found);
        Assert.EndsWith("/RmtInf/Strd/CdtrRefInf/Ref", warning.Path, StringComparison.Ordinal);
        Assert.Empty(document.Errors());
        Assert.Contains(BankEntries(document), e => e.Kid == broken); // still imported: the bank has moved the money
    }

    [Fact]
    public void Closing_balance_that_does_not_add_up_is_a_warning_giving_the_difference()
    {
        var xml = Valid();
        var clbd = xml.IndexOf("<Cd>CLBD</Cd>", StringComparison.Ordinal);
        var match = AmountElement().Match(xml, clbd);
        var closing = long.Parse(match.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var changed = Iso20022.Common.IsoAmount.Format(closing + 1234);
        xml = string.Concat(xml.AsSpan(0, match.Groups[1].Index), changed, xml.AsSpan(match.Groups[1].Index + match.Groups[1].Length));

        var document = ReadXml(xml);

        var warning = Assert.Single(document.Warnings());
        Assert.Contains("12.34)", warning.Message, StringComparison.Ordinal);
        Assert.Equal("CLBD", warning.Field);
        Assert.Empty(document.Errors());
    }

    [Fact]
    public void Unknown_entry_status_is_a_warning_and_the_entry_is_not_booked()
    {
        var xml = ReplaceAfter(Valid(), "<Ntry>", "<Sts>", "<Sts>X", out _).Replace("<Sts>XBOOK</Sts>", "<Sts>DONE</Sts>", StringComparison.Ordinal)
            .Replace("<Sts>XPDNG</Sts>", "<Sts>DONE</Sts>", StringComparison.Ordinal);

        var document = ReadXml(xml);

        Assert.Contains(document.Warnings(), w => w.Path == "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Sts" && w.Found == "DONE");
        Assert.False(document.Entries[0].Entry.IsBooked);
        Assert.Empty(document.Errors());
    }

    [Fact]
    public void Entry_in_another_currency_than_the_account_is_a_warning()
    {
        var xml = Valid();
        var ntry = xml.IndexOf("<Ntry>", StringComparison.Ordinal);
        var at = xml.IndexOf("<Amt Ccy=\"NOK\">", ntry, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), "<Amt Ccy=\"EUR\">", xml.AsSpan(at + "<Amt Ccy=\"NOK\">".Length));

        var document = ReadXml(xml);

        Assert.Contains(document.Warnings(), w => w.Path == "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt" && w.Expected == "NOK" && w.Found == "EUR");
    }

    [Theory]
    [InlineData("<Ntry>", "<AcctSvcrRef>", "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/AcctSvcrRef", 35)]
    [InlineData("<TxDtls>", "<EndToEndId>", "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/Refs/EndToEndId", 35)]
    [InlineData("<Othr>", "<Id>", "/Document/BkToCstmrStmt/Stmt[1]/Acct/Id/Othr/Id", 34)]
    [InlineData("<Stmt>", "<Id>", "/Document/BkToCstmrStmt/Stmt[1]/Id", 35)]
    [InlineData("<GrpHdr>", "<MsgId>", "/Document/BkToCstmrStmt/GrpHdr/MsgId", 35)]
    public void An_identifier_longer_than_its_ISO_type_is_an_error_with_its_path(string anchor, string element, string path, int max)
    {
        // Found by the hostile-input corpus: a 2,000-character reference or account became a table key longer than
        // Azure allows (1 KiB), and a 100,000-character one a property over 64 KB: the import failed on every retry.
        var xml = ReplaceAfter(Valid(), anchor, element, element + new string('7', 2000), out var line);

        var error = Assert.Single(ReadXml(xml).Errors());

        Assert.Equal((path, line, $"at most {max} characters"), (error.Path, error.Line, error.Expected));
        Assert.StartsWith("2", error.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void A_creditor_reference_longer_than_Max35Text_is_an_error_with_its_path()
    {
        // Found by the hostile-input corpus: a 100,000-character Strd/CdtrRefInf/Ref went into the entry's stored
        // references, a property over 64 KB, and the import failed on every retry.
        var xml = Valid();
        var at = xml.IndexOf("<Ref>", StringComparison.Ordinal) + "<Ref>".Length;
        var end = xml.IndexOf("</Ref>", at, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), new string('7', 36), xml.AsSpan(end));

        var error = Assert.Single(ReadXml(xml).Errors());

        Assert.EndsWith("/RmtInf/Strd[1]/CdtrRefInf/Ref", error.Path, StringComparison.Ordinal);
        Assert.Equal(("at most 35 characters", "36 characters"), (error.Expected, error.Found));
    }

    [Fact]
    public void More_structured_references_in_one_transaction_than_are_kept_is_one_error_naming_the_first_one_over()
    {
        var xml = Valid();
        var at = xml.IndexOf("<RmtInf>", StringComparison.Ordinal) + "<RmtInf>".Length;
        var many = string.Concat(Enumerable.Range(1, CamtReader.MaxCreditorReferences + 5)
            .Select(i => $"<Strd><CdtrRefInf><Ref>INV-{i}</Ref></CdtrRefInf></Strd>"));
        xml = string.Concat(xml.AsSpan(0, at), many, xml.AsSpan(at));

        var error = Assert.Single(ReadXml(xml).Errors());

        Assert.EndsWith($"/RmtInf/Strd[{CamtReader.MaxCreditorReferences + 1}]/CdtrRefInf", error.Path, StringComparison.Ordinal);
        Assert.Equal($"at most {CamtReader.MaxCreditorReferences} Strd/CdtrRefInf", error.Expected);
    }

    [Fact]
    public void As_many_structured_references_as_are_kept_are_read_every_one()
    {
        var xml = Valid();
        var at = xml.IndexOf("<RmtInf>", StringComparison.Ordinal) + "<RmtInf>".Length;
        var before = BankEntries(ReadXml(xml)).Sum(e => e.CreditorReferences?.Count ?? 0);
        var first = BankEntries(ReadXml(xml)).First(e => e.CreditorReferences is { Count: > 0 }).CreditorReferences!.Count;
        var many = string.Concat(Enumerable.Range(1, CamtReader.MaxCreditorReferences - first)
            .Select(i => $"<Strd><CdtrRefInf><Ref>INV-{i}</Ref></CdtrRefInf></Strd>"));
        xml = string.Concat(xml.AsSpan(0, at), many, xml.AsSpan(at));

        var document = ReadXml(xml);

        Assert.Empty(document.Errors());
        Assert.Equal(before + CamtReader.MaxCreditorReferences - first, BankEntries(document).Sum(e => e.CreditorReferences?.Count ?? 0));
    }

    [Fact]
    public void Malformed_xml_is_an_error_with_its_line()
    {
        var xml = Valid();
        var cut = xml[..(xml.Length / 2)];
        var document = ReadXml(cut);
        var error = Assert.Single(document.Errors());
        Assert.StartsWith("not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);

        var mismatched = ReadXml(Valid().Replace("</MsgId>", "</MsgID>", StringComparison.Ordinal));
        Assert.Equal(5, Assert.Single(mismatched.Errors()).Line); // line 5: <MsgId>…</MsgID>
    }

    [Fact]
    public void Doctype_with_external_entity_is_refused_and_nothing_from_the_machine_is_read()
    {
        var secret = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secret, "TOP-SECRET-CONTENT");
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE Document [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></BkToCstmrStmt></Document>
                """;

            var document = ReadXml(xml);

            var error = Assert.Single(document.Errors());
            Assert.Contains("DOCTYPE", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("DtdProcessing", error.Message, StringComparison.Ordinal);
            Assert.Null(document.Header);
            Assert.DoesNotContain(document.Diagnostics, d => d.ToString().Contains("TOP-SECRET", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void A_doctype_after_the_root_element_is_refused_naming_where_the_root_ended()
    {
        // Found by the hostile-input corpus (seed 11, a one-line camt.053 with its lines reversed): the framework refuses
        // a DOCTYPE outside the root without a position, and the error named no line.
        var valid = Valid();
        var lines = valid.TrimEnd('\n').Split('\n');
        var xml = valid.TrimEnd('\n') + "\n<!DOCTYPE Document [<!ENTITY a \"x\">]>\n";

        var error = Assert.Single(ReadXml(xml).Errors());

        Assert.Equal(lines.Length, error.Line);
        Assert.Contains("after the root element ended", error.Message, StringComparison.Ordinal);
        Assert.Contains("DOCTYPE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DtdProcessing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>&lol2;</MsgId></GrpHdr></BkToCstmrStmt></Document>
            """;
        Assert.Contains("DOCTYPE", Assert.Single(ReadXml(xml).Errors()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03", "not an ISO 20022 camt.053 or camt.054 namespace")]
    [InlineData("urn:example:bank:statement", "not an ISO 20022 camt.053 or camt.054 namespace")]
    [InlineData("urn:iso:std:iso:20022:tech:xsd:camt.053.001.01", "version 001.01 is not supported")]
    [InlineData("urn:iso:std:iso:20022:tech:xsd:camt.053.001.14", "version 001.14 is not supported")]
    public void Wrong_namespace_or_version_is_an_error_naming_it(string ns, string message)
    {
        var xml = Valid().Replace("urn:iso:std:iso:20022:tech:xsd:camt.053.001.02", ns, StringComparison.Ordinal);

        var document = ReadXml(xml);

        var error = Assert.Single(document.Errors());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        var version = ns[^6..];
        Assert.Contains(message.Contains("version", StringComparison.Ordinal) ? version : ns, error.Found, StringComparison.Ordinal);
        Assert.Empty(document.Entries);
    }

    [Fact]
    public void Statement_element_in_a_notification_is_reported()
    {
        var xml = Valid(notification: true)
            .Replace("<Ntfctn>", "<Stmt>", StringComparison.Ordinal)
            .Replace("</Ntfctn>", "</Stmt>", StringComparison.Ordinal);
        var document = ReadXml(xml);
        Assert.Contains(document.Errors(), e => e.Message.Contains("<Stmt> does not belong", StringComparison.Ordinal));
        Assert.Contains(document.Errors(), e => e.Message.Contains("missing mandatory element Ntfctn", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_and_non_xml_input_are_errors()
    {
        Assert.Single(ReadXml("").Errors());
        Assert.StartsWith("not well-formed XML", Assert.Single(ReadXml("NY000010 this is an OCR file").Errors()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_value_without_line_breaks_stops_with_a_clear_error_and_bounded_memory()
    {
        // 300 MB of one text node on one line, produced on the fly: the guard stops at 1 MB.
        using var stream = new EndlessValueStream(
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>"u8.ToArray(),
            300L << 20);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var document = CamtDocument.Read(stream);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var error = Assert.Single(document.Errors());
        Assert.Contains("without any XML markup", error.Message, StringComparison.Ordinal);
        Assert.True(stream.Position < 4L << 20, $"read {stream.Position} bytes before stopping");
        Assert.True(allocated < 32L << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Huge_file_of_garbage_without_markup_is_refused_at_once()
    {
        using var stream = new EndlessValueStream([], 300L << 20);
        var document = CamtDocument.Read(stream);
        Assert.Single(document.Errors());
        Assert.True(stream.Position < 4L << 20);
    }

    [Fact]
    public void Whole_valid_document_on_one_line_is_fine()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 7, EntriesPerStatement: 3, Indent: false), out _);
        Assert.DoesNotContain('\n', xml.TrimEnd('\n'));
        var document = ReadXml(xml);
        Assert.Empty(document.Diagnostics);
        Assert.Equal(3, document.Entries.Count);
    }

    [Fact]
    public void Nesting_bomb_is_refused()
    {
        var builder = new StringBuilder("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId><CreDtTm>2024-05-25T04:12:40</CreDtTm></GrpHdr><Stmt><AddtlStmtInf>");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("<a>");
        }
        var document = ReadXml(builder.ToString());
        Assert.Contains(document.Errors(), e => e.Message.Contains("nested deeper", StringComparison.Ordinal));
    }

    [Fact]
    public void Many_errors_are_counted_but_only_the_first_thousand_kept()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 3, EntriesPerStatement: 1500), out _);
        xml = Regex.Replace(xml, "<NtryRef>([0-9]+)</NtryRef>\\s*<Amt Ccy=\"NOK\">[0-9.]+</Amt>", "<NtryRef>$1</NtryRef><Amt Ccy=\"NOK\">x</Amt>");

        var document = ReadXml(xml);

        Assert.Equal(1001, document.Diagnostics.Count);
        Assert.Equal(Severity.Error, document.Diagnostics[^1].Severity);
        Assert.StartsWith("500 more errors", document.Diagnostics[^1].Message, StringComparison.Ordinal);
    }

    /// <summary>A prefix followed by <c>length</c> bytes of 'A', never held in memory.</summary>
    private sealed class EndlessValueStream(byte[] prefix, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => prefix.Length + length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = 0;
            while (n < count && _position < Length)
            {
                buffer[offset + n++] = _position < prefix.Length ? prefix[_position] : (byte)'A';
                _position++;
            }
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
