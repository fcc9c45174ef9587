using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Nets;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Nets.Writing;
using static Bankflow.Domain.Tests.Nets.NetsTestFiles;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>
/// What real Nets OCR giro and AvtaleGiro files showed (issue 15, items 5–9), each on the project's own hand-written
/// or generated file: the reader must neither refuse what Nets does nor miss what is damaged, and must say where.
/// </summary>
public sealed class NetsRealFileTests
{
    private static IReadOnlyList<Diagnostic> Warnings(NetsDocument document) =>
        document.Summary.Diagnostics.Where(d => d.Severity == Severity.Warning).ToList();

    // ---- item 5: short lines name their line ----

    [Fact]
    public void File_of_short_lines_names_line_1_and_the_length_found()
    {
        var content = "NY0000\nNY0000\n"u8.ToArray();

        var detected = FormatDetector.Detect(content);
        var document = NetsDocument.Load(content);

        Assert.Equal(BankFileFormat.OcrGiro, detected.Format); // read as Nets, so the reader can say where
        var errors = Errors(document);
        var first = errors[0];
        Assert.Equal((1, "80 characters", "6"), (first.Line, first.Expected, first.Found));
        Assert.StartsWith("error: line 1, record ?: line is too short", first.ToString(), StringComparison.Ordinal);
        Assert.Contains(errors, e => e is { Line: 2, Found: "6" });
    }

    // ---- item 9: a file that does not begin with a transmission start names line 1 ----

    [Fact]
    public void File_without_a_transmission_start_names_line_1()
    {
        var lines = OneTransaction();
        lines.RemoveAt(0);
        var content = Join(lines);

        var detected = FormatDetector.Detect(content);
        var document = NetsDocument.Load(content);

        Assert.Equal(BankFileFormat.OcrGiro, detected.Format);
        var error = Errors(document).First(e => e.Message.Contains("must begin with a transmission start", StringComparison.Ordinal));
        Assert.Equal(1, error.Line);
        Assert.Equal(("20", "NY000010", "\"NY090020\""), (error.RecordType, error.Expected, error.Found));
    }

    [Fact]
    public void AvtaleGiro_file_without_a_transmission_start_is_detected_as_AvtaleGiro()
    {
        var lines = AvtaleGiroFile(Claims(1, 2)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        Assert.Equal(BankFileFormat.AvtaleGiro, FormatDetector.Detect(Join(lines)).Format);
    }

    // ---- item 9: junk in fillers and in the archive reference ----

    [Theory]
    [InlineData(3, 26, "1234A6789", "archive reference")] // amount item 2, archive reference
    [InlineData(3, 60, "  ", "filler")] // amount item 2, filler 59–80
    [InlineData(3, 36, "x", "filler")] // amount item 2, positions 35–41 (digits allowed, not letters)
    [InlineData(2, 76, "AB", "filler")] // amount item 1, filler 75–80
    [InlineData(0, 40, "?", "filler")] // transmission start
    [InlineData(1, 50, " ", "filler")] // assignment start
    [InlineData(4, 70, "Z", "filler")] // assignment end
    [InlineData(5, 79, "-", "filler")] // transmission end
    public void Junk_in_fillers_and_archive_reference_is_a_warning(int lineIndex, int position, string junk, string field)
    {
        var lines = OneTransaction();
        lines[lineIndex] = Replace(lines[lineIndex], position, junk);

        var document = Load(lines);

        Assert.Empty(Errors(document)); // nothing Bankflow uses is wrong: the file is still imported
        var warning = Assert.Single(Warnings(document));
        Assert.Equal((lineIndex + 1, field), (warning.Line, warning.Field));
        Assert.Contains(junk.Trim(), warning.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Digits_in_positions_35_to_41_of_amount_item_2_are_accepted()
    {
        // Real Nets files carry digits there although the manual says zeros.
        var lines = OneTransaction();
        lines[3] = Replace(lines[3], 35, "1883206");
        Assert.Empty(Load(lines).Summary.Diagnostics);
    }

    [Fact]
    public void Junk_on_every_line_is_listed_three_times_and_counted_so_errors_stay_visible()
    {
        var generated = Small(3, assignments: 3);
        var lines = generated.Lines.Select(l => l.StartsWith("NY09", StringComparison.Ordinal) && l[6..8] == "31" ? Replace(l, 70, "X") : l).ToList();
        var junkLines = lines.Count(l => l[6..8] == "31");
        Assert.True(junkLines > 4);

        var warnings = Warnings(Load(lines));

        Assert.Equal(3, warnings.Count(w => w.Field == "filler" && w.Line is not null && w.RecordType == "31"));
        Assert.Contains(warnings, w => w.Message.StartsWith($"{junkLines - 3} more fillers", StringComparison.Ordinal));
    }

    // ---- item 6: Nets numbers assignments itself ----

    [Theory]
    [InlineData(2, 2114)]
    [InlineData(2114, 57)] // two agreements: each has its own series
    [InlineData(5, 9)]
    public void Assignment_numbers_from_Nets_own_series_need_no_warning(int first, int second)
    {
        var lines = Small(4, assignments: 2).Lines.ToList();
        var starts = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("NY090020", StringComparison.Ordinal)).Select(x => x.i).ToList();
        lines[starts[0]] = Replace(lines[starts[0]], 18, first.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
        lines[starts[1]] = Replace(lines[starts[1]], 18, second.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));

        var document = Load(lines);

        Assert.Empty(document.Summary.Diagnostics);
        Assert.Equal([first, second], document.Transmission.Assignments.Select(a => a.AssignmentNumber));
    }

    [Fact]
    public void Assignment_numbers_of_one_agreement_must_increase()
    {
        var lines = Small(4, assignments: 2).Lines.ToList();
        var starts = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("NY090020", StringComparison.Ordinal)).Select(x => x.i).ToList();
        // Both assignments for the same agreement, the second numbered lower than the first.
        lines[starts[0]] = Replace(Replace(lines[starts[0]], 9, "001234567"), 18, "0002114");
        lines[starts[1]] = Replace(Replace(lines[starts[1]], 9, "001234567"), 18, "0002113");

        var error = Assert.Single(Errors(Load(lines)));

        Assert.Equal((starts[1] + 1, "assignment number", "more than 2114", "2113"), (error.Line, error.Field, error.Expected, error.Found));
    }

    // ---- item 7: a missing item names the record on the line reported ----

    [Fact]
    public void Missing_item_3_is_reported_with_the_record_type_of_the_line_named()
    {
        // Two type-21 transactions; the first lacks its item 3, so the second's item 1 (a 30) arrives instead.
        var one = OneTransaction();
        static string Type21(string line, string number) => Replace(Replace(line, 5, "21"), 9, number);
        var lines = new List<string>
        {
            one[0],
            one[1],
            Replace(Type21(one[2], "0000001"), 50, new string(' ', 25)),
            Type21(one[3], "0000001"),
            Replace(Replace(Type21(one[2], "0000002"), 50, new string(' ', 25)), 33, "00000000000020000"),
            Type21(one[3], "0000002"),
            "NY0921320000002" + "Takk for handelen".PadRight(40) + new string('0', 25),
            "NY090088" + "00000002" + "00000007" + "00000000000030000" + "310126310126310126" + new string('0', 21),
            "NY000089" + "00000002" + "00000009" + "00000000000030000" + "310126" + new string('0', 33),
        };
        Assert.All(lines, l => Assert.Equal(80, l.Length));

        var error = Assert.Single(Errors(Load(lines)));

        Assert.Equal((5, "30"), (error.Line, error.RecordType));
        Assert.Contains("transaction 1 (line 3) of type 21 has no amount item 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(("amount item 3", "record 30"), (error.Expected, error.Found));
    }

    [Fact]
    public void Missing_item_2_at_the_end_of_the_file_says_end_of_file()
    {
        var lines = OneTransaction()[..3];

        var error = Errors(Load(lines)).First(e => e.Message.Contains("has no amount item 2", StringComparison.Ordinal));

        Assert.Equal((3, "30", "end of file"), (error.Line, error.RecordType, error.Found));
    }

    // ---- item 8: AvtaleGiro as the specification has it ----

    [Fact]
    public void Cancellation_with_only_its_first_record_is_valid()
    {
        var file = AvtaleGiroFile(cancellations: [(1, 10_000, "23456767", false), (2, 25_000, "10002389", true)]);

        var document = NetsDocument.Load(System.Text.Encoding.Latin1.GetBytes(file));

        Assert.Empty(document.Summary.Diagnostics);
        var claims = document.Transmission.Assignments.Single().Claims;
        Assert.Equal(2, claims.Count);
        Assert.All(claims, c => Assert.Equal(AvtaleGiroTransactionType.Cancellation, c.TransactionType));
        Assert.Null(claims[0].PayerShortName); // sent without item 2
        Assert.Equal("NAVN", claims[1].PayerShortName);
        Assert.Equal([10_000L, 25_000L], claims.Select(c => c.Amount.Ore));

        // Written back byte for byte, with and without item 2.
        using var output = new MemoryStream();
        var writer = new NetsWriter(output, new NetsWriterOptions(NetsLineEnding.Lf, FinalNewline: true));
        writer.WriteDocument(document.Transmission);
        Assert.Equal(file, System.Text.Encoding.Latin1.GetString(output.ToArray()));
    }

    [Fact]
    public void Payment_claim_still_needs_its_item_2()
    {
        var lines = AvtaleGiroFile(Claims(1, 2)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var item2 = lines.FindIndex(l => l.StartsWith("NY210231", StringComparison.Ordinal));
        lines.RemoveAt(item2);

        var errors = Errors(Load(lines));

        Assert.Contains(errors, e => e.Message.Contains("has no amount item 2", StringComparison.Ordinal) && e.Line == item2 + 1 && e.RecordType == "30");
    }

    [Fact]
    public void Payment_claims_numbered_4_to_9_are_valid()
    {
        var document = Load(AvtaleGiroFile(Claims(4, 5, 6, 7, 8, 9)).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Empty(document.Summary.Diagnostics);
        Assert.Equal([4, 5, 6, 7, 8, 9], document.Transmission.Assignments.Single().Claims.Select(c => c.TransactionNumber));
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, 0, "more than 0")]
    [InlineData(new[] { 3, 3 }, 3, "more than 3")]
    [InlineData(new[] { 5, 4 }, 4, "more than 5")]
    public void Claim_numbers_must_be_above_zero_unique_and_ascending(int[] numbers, int bad, string expected)
    {
        var document = Load(AvtaleGiroFile(Claims(numbers)).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var error = Assert.Single(Errors(document));
        Assert.Equal(("transaction number", expected, bad.ToString(System.Globalization.CultureInfo.InvariantCulture)), (error.Field, error.Expected, error.Found));
    }

    private static (int Number, long Amount, string Kid)[] Claims(params int[] numbers) =>
        [.. numbers.Select(n => (n, 1_000L * (n + 1), "23456767"))];

    /// <summary>
    /// An AvtaleGiro file to Nets, written with the production writer from records (positions are tested
    /// separately): one payment-claim assignment (type 02 claims, each with item 2), or one cancellation
    /// assignment whose cancellations carry item 2 only where asked.
    /// </summary>
    private static string AvtaleGiroFile(
        (int Number, long Amount, string Kid)[]? claims = null,
        (int Number, long Amount, string Kid, bool WithItem2)[]? cancellations = null)
    {
        var due = new DateOnly(2026, 3, 2);
        using var output = new MemoryStream();
        var writer = new NetsWriter(output, new NetsWriterOptions(NetsLineEnding.Lf, FinalNewline: true));
        writer.Write(new TransmissionStartRecord(12_345_678, 1_000_081, 8080));
        var records = 2;
        long total = 0;
        var count = 0;
        if (cancellations is null)
        {
            writer.Write(new AssignmentStartRecord(NetsServiceCode.AvtaleGiro, (int)AvtaleGiroAssignmentType.PaymentClaims, 4_000_086, 1, 86_011_117_947));
            foreach (var (number, amount, kid) in claims ?? [])
            {
                writer.Write(new ClaimItem1Record(AvtaleGiroTransactionType.ClaimPayeeNotifies, number, due, amount, NetsText.From(kid)));
                writer.Write(new ClaimItem2Record(AvtaleGiroTransactionType.ClaimPayeeNotifies, number, NetsText.From("NAVN"), NetsText.Empty));
                records += 2;
                total += amount;
                count++;
            }
            writer.Write(new AssignmentEndRecord(NetsServiceCode.AvtaleGiro, (int)AvtaleGiroAssignmentType.PaymentClaims, count, records, total, null, due, due));
        }
        else
        {
            writer.Write(new AssignmentStartRecord(NetsServiceCode.AvtaleGiro, (int)AvtaleGiroAssignmentType.Cancellations, 0, 1, 86_011_117_947));
            foreach (var (number, amount, kid, withItem2) in cancellations)
            {
                writer.Write(new ClaimItem1Record(AvtaleGiroTransactionType.Cancellation, number, due, amount, NetsText.From(kid)));
                records++;
                if (withItem2)
                {
                    writer.Write(new ClaimItem2Record(AvtaleGiroTransactionType.Cancellation, number, NetsText.From("NAVN"), NetsText.Empty));
                    records++;
                }
                total += amount;
                count++;
            }
            writer.Write(new AssignmentEndRecord(NetsServiceCode.AvtaleGiro, (int)AvtaleGiroAssignmentType.Cancellations, count, records, total, null, due, due));
        }
        writer.Write(new TransmissionEndRecord(count, records + 2, total, due));
        writer.Complete();
        return System.Text.Encoding.Latin1.GetString(output.ToArray());
    }
}
