using System.Text.RegularExpressions;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing.Camt;
using static Bankflow.Domain.Tests.Camt.CamtTestSupport;

namespace Bankflow.Domain.Tests.Camt;

/// <summary>
/// What real banks' camt files do that the generator's clean files do not (issue 15): references of a bank's own
/// type, details that disagree with their entry, booked entries without a booking date, one-line files. Each case is
/// the project's own generated file with one detail changed.
/// </summary>
public sealed class CamtRealBankFileTests
{
    /// <summary>Seed 7, three entries: 1 a single credit with free text, 2 a reversal with a KID, 3 a KID batch of four.</summary>
    private static string Generated(string version = "001.08", bool indent = true) =>
        CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 7, Version: version, EntriesPerStatement: 3, Indent: indent), out _);

    /// <summary>Replaces the first <paramref name="old"/> inside entry <paramref name="entry"/> (1-based).</summary>
    private static string InEntry(string xml, int entry, string old, string replacement)
    {
        var start = -1;
        for (var i = 0; i < entry; i++)
        {
            start = xml.IndexOf("<Ntry>", start + 1, StringComparison.Ordinal);
        }
        var end = xml.IndexOf("</Ntry>", start, StringComparison.Ordinal);
        var at = xml.IndexOf(old, start, end - start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not found in entry {entry}");
        return string.Concat(xml.AsSpan(0, at), replacement, xml.AsSpan(at + old.Length));
    }

    private static string EntryAmount(string xml, int entry) =>
        Regex.Match(xml[IndexOfEntry(xml, entry)..], "<Amt Ccy=\"NOK\">([0-9.]+)</Amt>").Groups[1].Value;

    private static int IndexOfEntry(string xml, int entry)
    {
        var start = -1;
        for (var i = 0; i < entry; i++)
        {
            start = xml.IndexOf("<Ntry>", start + 1, StringComparison.Ordinal);
        }
        return start;
    }

    private const string QrReference = "210000000003139471430009017";

    // ---- item 1: every structured reference is kept with its type ----

    [Theory]
    [InlineData("001.02")]
    [InlineData("001.08")]
    public void A_reference_of_a_proprietary_type_is_kept_with_its_type(string version)
    {
        var xml = InEntry(Generated(version), 2, "<Cd>SCOR</Cd>", "<Prtry>QRR</Prtry>");
        var kid = Regex.Match(xml[IndexOfEntry(xml, 2)..], "<Ref>([^<]+)</Ref>").Groups[1].Value;
        xml = InEntry(xml, 2, $"<Ref>{kid}</Ref>", $"<Ref>{QrReference}</Ref>");

        var document = ReadXml(xml);

        Assert.Empty(document.Diagnostics);
        var details = Assert.Single(document.Entries[1].Entry.Transactions);
        Assert.Equal([new CreditorReference(QrReference, "QRR", IsProprietaryType: true)], details.CreditorReferences);
        Assert.Null(details.StructuredReference); // not in the KID role
        Assert.Equal(QrReference, details.CreditorReference);
        var entry = BankEntries(document).Single(e => e.IsReversal);
        Assert.Null(entry.Kid);
        Assert.Equal(QrReference, entry.Text); // no Ustrd: the reference is the text
        Assert.Equal([new CreditorReference(QrReference, "QRR", IsProprietaryType: true)], entry.CreditorReferences!);
    }

    [Fact]
    public void Several_references_are_all_kept_in_order_and_the_KID_is_the_SCOR_one()
    {
        var xml = Generated("001.02");
        var kid = Regex.Match(xml[IndexOfEntry(xml, 2)..], "<Ref>([^<]+)</Ref>").Groups[1].Value;
        // A Finnish-style invoice reference of the bank's own type before the KID, and an RF reference after it.
        xml = InEntry(xml, 2, "</Strd>", "</Strd><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>RF18539007547034</Ref></CdtrRefInf></Strd>");
        xml = InEntry(xml, 2, "<Strd>", "<Strd><CdtrRefInf><Tp><CdOrPrtry><Prtry>FIREF</Prtry></CdOrPrtry></Tp><Ref>1230</Ref></CdtrRefInf></Strd><Strd>");

        var document = ReadXml(xml);

        Assert.Empty(document.Diagnostics);
        var details = Assert.Single(document.Entries[1].Entry.Transactions);
        Assert.Equal(
            [new CreditorReference("1230", "FIREF", IsProprietaryType: true), new CreditorReference(kid, "SCOR"), new CreditorReference("RF18539007547034", "SCOR", Issuer: "ISO")],
            details.CreditorReferences);
        var entry = BankEntries(document).Single(e => e.IsReversal);
        Assert.Equal(kid, entry.Kid);
        Assert.Equal(3, entry.CreditorReferences!.Count);
    }

    [Fact]
    public void Bank_entries_with_the_same_references_are_equal()
    {
        var first = BankEntries(ReadXml(Generated()));
        var second = BankEntries(ReadXml(Generated()));
        Assert.Contains(first, e => e.CreditorReferences is { Count: > 0 });
        Assert.Equal(first, second);
    }

    // ---- item 3: one detail line does not refuse a whole file ----

    [Fact]
    public void Single_detail_that_disagrees_keeps_the_entry_amount_with_a_warning()
    {
        var xml = Generated();
        var amount = EntryAmount(xml, 1);
        // The TxDtls amount (the second Amt of entry 1) is 100.00 more than the entry.
        var changed = (decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) + 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        var details = xml.IndexOf("<TxDtls>", IndexOfEntry(xml, 1), StringComparison.Ordinal);
        var at = xml.IndexOf($"<Amt Ccy=\"NOK\">{amount}</Amt>", details, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), $"<Amt Ccy=\"NOK\">{changed}</Amt>", xml.AsSpan(at + $"<Amt Ccy=\"NOK\">{amount}</Amt>".Length));

        var document = ReadXml(xml);

        Assert.Empty(document.Errors());
        var warning = Assert.Single(document.Warnings());
        Assert.Equal("/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/Amt", warning.Path);
        Assert.Contains("the entry amount is kept", warning.Message, StringComparison.Ordinal);
        Assert.Contains("by 100.00", warning.Message, StringComparison.Ordinal);
        var entry = BankEntries(document)[0];
        Assert.Equal(long.Parse(amount.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture), entry.Amount.Ore);
    }

    [Fact]
    public void Single_detail_whose_difference_is_the_charges_says_so()
    {
        var xml = Generated();
        var amount = EntryAmount(xml, 1);
        var gross = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) + 25m;
        var grossText = gross.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        // The payer sent 25.00 more; the bank took a 25.00 fee, reported in Chrgs, and booked the net amount.
        xml = InEntry(xml, 1, "</BkTxCd>", "</BkTxCd><Chrgs><TtlChrgsAndTaxAmt Ccy=\"NOK\">25.00</TtlChrgsAndTaxAmt><Rcrd><Amt Ccy=\"NOK\">25.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></Rcrd></Chrgs>");
        var details = xml.IndexOf("<TxDtls>", IndexOfEntry(xml, 1), StringComparison.Ordinal);
        var old = $"<Amt Ccy=\"NOK\">{amount}</Amt>";
        var at = xml.IndexOf(old, details, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), $"<Amt Ccy=\"NOK\">{grossText}</Amt>", xml.AsSpan(at + old.Length));

        var document = ReadXml(xml);

        Assert.Empty(document.Errors());
        var warning = Assert.Single(document.Warnings());
        Assert.Contains("by 25.00, the charges (Chrgs)", warning.Message, StringComparison.Ordinal);
        Assert.Equal(amount.Replace(".", "", StringComparison.Ordinal), BankEntries(document)[0].Amount.Ore.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Single_detail_in_another_currency_is_a_description_of_the_entry()
    {
        var xml = Generated();
        var details = xml.IndexOf("<TxDtls>", IndexOfEntry(xml, 1), StringComparison.Ordinal);
        var at = xml.IndexOf("<Amt Ccy=\"NOK\">", details, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), "<Amt Ccy=\"EUR\">", xml.AsSpan(at + "<Amt Ccy=\"NOK\">".Length));

        var document = ReadXml(xml);

        Assert.Empty(document.Diagnostics);
        Assert.Equal(EntryAmount(xml, 1).Replace(".", "", StringComparison.Ordinal), BankEntries(document)[0].Amount.Ore.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Single_detail_with_a_credit_debit_conflict_names_it_and_keeps_the_entry()
    {
        var xml = Generated();
        var details = xml.IndexOf("<TxDtls>", IndexOfEntry(xml, 1), StringComparison.Ordinal);
        var at = xml.IndexOf("<CdtDbtInd>CRDT</CdtDbtInd>", details, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), "<CdtDbtInd>DBIT</CdtDbtInd>", xml.AsSpan(at + "<CdtDbtInd>CRDT</CdtDbtInd>".Length));

        var document = ReadXml(xml);

        Assert.Empty(document.Errors());
        var warning = Assert.Single(document.Warnings());
        Assert.Contains("credit/debit conflict: the entry is CRDT but its transaction details say DBIT", warning.Message, StringComparison.Ordinal);
        Assert.Equal(("CdtDbtInd", "CRDT", "DBIT"), (warning.Field, warning.Expected, warning.Found));
        Assert.True(BankEntries(document)[0].Amount.Ore > 0);
    }

    [Fact]
    public void Batch_with_a_credit_debit_conflict_is_an_error_that_names_the_conflict()
    {
        var xml = Generated();
        var batch = IndexOfEntry(xml, 3);
        var second = xml.IndexOf("<TxDtls>", xml.IndexOf("<TxDtls>", batch, StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        var at = xml.IndexOf("<CdtDbtInd>CRDT</CdtDbtInd>", second, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), "<CdtDbtInd>DBIT</CdtDbtInd>", xml.AsSpan(at + "<CdtDbtInd>CRDT</CdtDbtInd>".Length));

        var document = ReadXml(xml);

        var error = Assert.Single(document.Errors());
        Assert.StartsWith("credit/debit conflict: 1 of 4 transaction details are DBIT in a CRDT entry (first TxDtls[2])", error.Message, StringComparison.Ordinal);
        Assert.Contains("difference", error.Message, StringComparison.Ordinal);
        Assert.Equal("/Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/NtryDtls[1]/TxDtls[2]/CdtDbtInd", error.Path);
    }

    [Fact]
    public void Detail_that_disagrees_in_a_statement_whose_balances_do_not_add_up_is_refused()
    {
        var xml = Generated();
        var details = xml.IndexOf("<TxDtls>", IndexOfEntry(xml, 1), StringComparison.Ordinal);
        var amount = EntryAmount(xml, 1);
        var at = xml.IndexOf($"<Amt Ccy=\"NOK\">{amount}</Amt>", details, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), "<Amt Ccy=\"NOK\">1.00</Amt>", xml.AsSpan(at + $"<Amt Ccy=\"NOK\">{amount}</Amt>".Length));
        // … and the closing balance is off too: neither the entry nor its detail can be trusted.
        xml = Regex.Replace(xml, @"(<Cd>CLBD</Cd>\s*</CdOrPrtry>\s*</Tp>\s*<Amt Ccy=""NOK"">)([0-9.]+)", m => m.Groups[1].Value + "1.00");

        var document = ReadXml(xml);

        var error = Assert.Single(document.Errors());
        Assert.Contains("the balances do not add up", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 booked entry has transaction details that disagree with it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Booked_entry_without_booking_date_takes_its_value_date_with_a_warning()
    {
        var xml = InEntry(Generated(), 1, "<BookgDt>\n          <Dt>2024-05-01</Dt>\n        </BookgDt>", "");
        xml = InEntry(xml, 1, "<ValDt>\n          <Dt>2024-05-01</Dt>", "<ValDt>\n          <Dt>2024-04-30</Dt>");

        var document = ReadXml(xml);

        Assert.Empty(document.Errors());
        var warning = Assert.Single(document.Warnings());
        Assert.Equal("/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/BookgDt", warning.Path);
        Assert.Equal(xml.AsSpan(0, IndexOfEntry(xml, 1)).Count('\n') + 1, warning.Line); // at the entry's start tag
        Assert.Contains("value date", warning.Message, StringComparison.Ordinal);
        Assert.Null(document.Entries[0].Entry.BookingDate); // as in the file
        Assert.Equal(new DateOnly(2024, 4, 30), BankEntries(document)[0].BookingDate);
    }

    [Fact]
    public void Booked_entry_without_booking_or_value_date_takes_the_statement_date()
    {
        var xml = InEntry(Generated(), 1, "<BookgDt>\n          <Dt>2024-05-01</Dt>\n        </BookgDt>", "");
        xml = InEntry(xml, 1, "<ValDt>\n          <Dt>2024-05-01</Dt>\n        </ValDt>", "");
        // The period the statement covers ends on 30 April; it was created on 1 May.
        xml = xml.Replace("<CreDtTm>2024-05-01T23:30:00+02:00</CreDtTm>", "<CreDtTm>2024-05-01T23:30:00+02:00</CreDtTm><FrToDt><FrDtTm>2024-04-30T00:00:00+02:00</FrDtTm><ToDtTm>2024-04-30T23:59:59+02:00</ToDtTm></FrToDt>", StringComparison.Ordinal);

        var document = ReadXml(xml);

        Assert.Empty(document.Errors());
        Assert.Contains("statement's date", Assert.Single(document.Warnings()).Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 4, 30), BankEntries(document)[0].BookingDate);

        // Without FrToDt the statement's CreDtTm gives the date.
        var withoutPeriod = Regex.Replace(xml, "<FrToDt>.*?</FrToDt>", "");
        Assert.Equal(new DateOnly(2024, 5, 1), BankEntries(ReadXml(withoutPeriod))[0].BookingDate);
    }

    // ---- item 4: diagnostics that say what and where ----

    [Fact]
    public void Balances_without_credit_debit_indicator_are_not_also_reported_as_missing()
    {
        var xml = Regex.Replace(Generated(), @"(</Amt>\s*)<CdtDbtInd>(CRDT|DBIT)</CdtDbtInd>(\s*<Dt>)", "$1$3");

        var errors = ReadXml(xml).Errors().ToList();

        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal("missing mandatory element CdtDbtInd", e.Message));
        Assert.All(errors, e => Assert.Matches(@"/Stmt\[1\]/Bal\[[123]\]/CdtDbtInd$", e.Path));
    }

    [Fact]
    public void A_file_on_one_line_gives_the_column_of_each_problem()
    {
        var xml = Generated(indent: false);
        Assert.DoesNotContain('\n', xml.TrimEnd());
        var amount = EntryAmount(xml, 2);
        var at = xml.IndexOf($"<Amt Ccy=\"NOK\">{amount}</Amt>", IndexOfEntry(xml, 2), StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), "<Amt Ccy=\"NOK\">12,50</Amt>", xml.AsSpan(at + $"<Amt Ccy=\"NOK\">{amount}</Amt>".Length));

        var document = ReadXml(xml);

        var error = document.Errors().First();
        Assert.Equal(1, error.Line);
        Assert.Equal(at + 2, error.Column); // 1-based, at the element name just after '<'
        Assert.StartsWith($"error: line 1, column {at + 2}, /Document", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_gives_line_and_column()
    {
        var xml = Generated(indent: false);
        var at = xml.IndexOf("</GrpHdr>", StringComparison.Ordinal);
        xml = xml.Remove(at, "</GrpHdr>".Length);

        var error = Assert.Single(ReadXml(xml).Errors());

        Assert.Equal(1, error.Line);
        Assert.NotNull(error.Column);
        Assert.True(error.Column > at, $"column {error.Column} should be past {at}");
    }

    [Fact]
    public void Diagnostics_in_an_indented_file_also_carry_the_column()
    {
        var xml = InEntry(Generated(), 1, "<Sts>\n          <Cd>BOOK</Cd>", "<Sts>\n          <Cd>XXXX</Cd>");
        var warnings = ReadXml(xml).Warnings().ToList();
        Assert.Contains(warnings, w => w.Message.StartsWith("unknown entry status", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.True(w is { Severity: Severity.Warning, Line: > 1, Column: > 0 }));
    }
}
