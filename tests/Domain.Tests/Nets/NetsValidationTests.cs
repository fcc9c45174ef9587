using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Nets;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Reading;
using static Bankflow.Domain.Tests.Nets.NetsTestFiles;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>FORMATS.md §1.4 V1–V9, one broken file each, built from a hand-written valid one.</summary>
public sealed class NetsValidationTests
{
    [Fact]
    public void Hand_written_file_is_valid_and_read_field_by_field()
    {
        var document = Load(OneTransaction());

        Assert.Empty(document.Summary.Diagnostics);
        var t = Assert.Single(document.Transmission.Transactions);
        Assert.Equal(42, document.Transmission.TransmissionNumber);
        Assert.Equal(12_345_678, document.Transmission.DataRecipient);
        Assert.Equal(OcrTransactionType.GiroDebitedAccount, t.TransactionType);
        Assert.Equal(new DateOnly(2026, 1, 31), t.NetsDate);
        Assert.Equal((1, 31, 1, 1), (t.CentreId, t.DayCode, t.PartialSettlementNumber, t.SerialNumber));
        Assert.Equal(10_000, t.Amount.Ore);
        Assert.Equal("23456767", t.Kid);
        Assert.Equal(Bankflow.Domain.Values.KidCheck.Mod10, t.KidCheck & Bankflow.Domain.Values.KidCheck.Mod10);
        Assert.Equal("001234560", t.ArchiveReference);
        Assert.Equal(new DateOnly(2026, 1, 30), t.BankDate);
        Assert.Null(t.DebitAccount);
        Assert.Null(t.FreeText);
    }

    [Theory]
    [InlineData(4, 9, "00000002", "number of transactions")] // 88 transaction count
    [InlineData(4, 17, "00000005", "number of records")] // 88 record count
    [InlineData(4, 25, "00000000000010001", "total amount")] // 88 total
    [InlineData(4, 48, "300126", "earliest Nets date")] // 88 earliest date
    [InlineData(4, 54, "010226", "latest Nets date")] // 88 latest date
    [InlineData(5, 9, "00000002", "number of transactions")] // 89 transaction count
    [InlineData(5, 17, "00000007", "number of records")] // 89 record count
    [InlineData(5, 25, "00000000000009999", "total amount")] // 89 total
    public void Wrong_end_record_counts_sums_and_dates_are_errors(int lineIndex, int position, string value, string field)
    {
        var lines = OneTransaction();
        lines[lineIndex] = Replace(lines[lineIndex], position, value);

        var errors = Errors(Load(lines));

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(lineIndex + 1, error.Line);
        Assert.NotNull(error.Expected);
        Assert.NotNull(error.Found);
    }

    [Fact]
    public void Sign_minus_subtracts_and_the_end_records_must_agree()
    {
        var lines = OneTransaction();
        lines[2] = Replace(lines[2], 32, "-");

        var error = Errors(Load(lines))[0];

        Assert.Equal("total amount", error.Field);
        Assert.Equal("-10000 øre", error.Expected);
        Assert.Equal("10000 øre", error.Found);
    }

    [Fact]
    public void An_assignment_number_used_twice_is_an_error_and_no_transaction_is_lost()
    {
        var generated = Small(5, assignments: 2);
        var lines = generated.Lines.ToList();
        var second = lines.FindLastIndex(l => l.StartsWith("NY090020", StringComparison.Ordinal));
        lines[second] = Replace(lines[second], 18, "0000001");

        var document = Load(lines);

        var error = Assert.Single(Errors(document));
        Assert.Equal("assignment number", error.Field);
        Assert.Equal(second + 1, error.Line);
        Assert.Equal(generated.TransactionCount, document.Transmission.Transactions.Count());
        Assert.Equal((Int128)generated.Total, document.Summary.SignedTotal);
    }

    [Fact]
    public void Item_2_missing_is_an_error()
    {
        var lines = OneTransaction();
        lines.RemoveAt(3);
        lines[3] = Replace(lines[3], 17, "00000003");
        lines[4] = Replace(lines[4], 17, "00000005");

        var errors = Errors(Load(lines));

        Assert.Contains(errors, e => e.Message.Contains("has no amount item 2", StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Fact]
    public void Item_3_on_a_type_10_is_an_error()
    {
        var lines = OneTransaction();
        lines.Insert(4, "NY0910320000001" + "text".PadRight(40) + new string('0', 25));
        lines[5] = Replace(lines[5], 17, "00000005");
        lines[6] = Replace(lines[6], 17, "00000007");

        var error = Assert.Single(Errors(Load(lines)));

        Assert.Equal("32", error.RecordType);
        Assert.Contains("only to transaction types 20 and 21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_3_missing_on_a_type_21_is_an_error()
    {
        var lines = OneTransaction();
        lines[2] = Replace(lines[2], 5, "21");
        lines[3] = Replace(lines[3], 5, "21");

        var error = Assert.Single(Errors(Load(lines)));

        Assert.Contains("has no amount item 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_of_one_transaction_must_share_number_and_type()
    {
        var lines = OneTransaction();
        lines[3] = Replace(lines[3], 5, "11");
        var typeError = Assert.Single(Errors(Load(lines)));
        Assert.Equal("transaction type", typeError.Field);

        lines = OneTransaction();
        lines[3] = Replace(lines[3], 9, "0000002");
        var numberError = Assert.Single(Errors(Load(lines)));
        Assert.Equal("transaction number", numberError.Field);
        Assert.Equal("1", numberError.Expected);
        Assert.Equal("2", numberError.Found);
    }

    [Theory]
    [InlineData(2, 16, "320126", "Nets date")] // no 32 January
    [InlineData(2, 16, "000000", "Nets date")] // item 1 needs a Nets date
    [InlineData(2, 33, "0000000000001000A", "amount")]
    [InlineData(2, 32, "+", "sign")]
    [InlineData(3, 48, "1234567890X", "debit account")]
    [InlineData(2, 50, "       2345 6767         ", "KID")] // not right-aligned digits
    public void Broken_fields_are_errors_naming_the_field(int lineIndex, int position, string value, string field)
    {
        var lines = OneTransaction();
        lines[lineIndex] = Replace(lines[lineIndex], position, value);

        var errors = Errors(Load(lines));

        Assert.Contains(errors, e => e.Field == field && e.Line == lineIndex + 1);
    }

    [Fact]
    public void Kid_check_digit_failure_is_a_warning_not_an_error()
    {
        var lines = OneTransaction();
        lines[2] = Replace(lines[2], 67, "23456768");

        var document = Load(lines);

        Assert.True(document.IsValid);
        var warning = Assert.Single(document.Summary.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("KID", warning.Field);
        Assert.Equal("23456768", warning.Found);
        Assert.Equal(Bankflow.Domain.Values.KidCheck.None, Assert.Single(document.Transmission.Transactions).KidCheck);
    }

    [Theory]
    [InlineData("\n", true)]
    [InlineData("\n", false)]
    [InlineData("\r\n", true)]
    [InlineData("\r\n", false)]
    public void Lf_and_crlf_with_or_without_final_newline(string newLine, bool finalNewline)
    {
        var document = NetsDocument.Load(Join(OneTransaction(), newLine, finalNewline));

        Assert.Empty(document.Summary.Diagnostics);
        Assert.Equal(newLine == "\n" ? NetsLineEnding.Lf : NetsLineEnding.CrLf, document.Summary.LineEnding);
        Assert.Equal(finalNewline, document.Summary.EndsWithNewline);
    }

    [Fact]
    public void Blank_lines_after_the_end_are_allowed_but_not_inside()
    {
        var after = OneTransaction();
        after.Add("");
        after.Add("   ");
        Assert.Empty(Load(after).Summary.Diagnostics);

        var inside = OneTransaction();
        inside.Insert(2, "");
        var error = Assert.Single(Errors(Load(inside)));
        Assert.Equal(3, error.Line);
        Assert.Contains("empty line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_line_is_an_error_naming_80_and_the_length_found()
    {
        var lines = OneTransaction();
        lines[3] = lines[3].TrimEnd('0');

        var errors = Errors(Load(lines));

        var error = errors.First(e => e.Line == 4);
        Assert.Equal("80 characters", error.Expected);
        Assert.Equal($"{lines[3].Length}", error.Found);
    }

    [Fact]
    public void Trailing_blanks_after_position_80_are_ignored_with_one_warning()
    {
        var lines = OneTransaction().Select(l => l + "   ").ToList();

        var document = Load(lines);

        Assert.True(document.IsValid);
        var warning = Assert.Single(document.Summary.Diagnostics);
        Assert.Equal(1, warning.Line);
        Assert.Equal(10_000, document.Summary.SignedTotal);
    }

    [Fact]
    public void Long_line_with_content_after_80_is_an_error()
    {
        var lines = OneTransaction();
        lines[2] += "X";

        Assert.Contains(Errors(Load(lines)), e => e.Line == 3 && e.Found == "81");
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped_with_a_warning()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. Join(OneTransaction())];

        var document = NetsDocument.Load(content);

        Assert.True(document.IsValid, string.Join("; ", document.Summary.Diagnostics));
        var warning = Assert.Single(document.Summary.Diagnostics);
        Assert.Contains("byte order mark", warning.Message, StringComparison.Ordinal);
        Assert.Equal(42, document.Transmission.TransmissionNumber);
    }

    [Fact]
    public void Mixed_line_endings_are_a_warning()
    {
        var lines = OneTransaction();
        lines[2] += "\r";

        var document = Load(lines);

        Assert.True(document.IsValid);
        Assert.Contains(document.Summary.Diagnostics, d => d.Message.Contains("mixes CRLF and LF", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var error = Assert.Single(NetsDocument.Load([]).Summary.Diagnostics);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Contains("no records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_start_record_is_an_error()
    {
        var errors = Errors(Load(OneTransaction().Take(1)));

        var error = Assert.Single(errors);
        Assert.Equal("89", error.RecordType);
    }

    [Fact]
    public void Missing_assignment_end_and_records_after_the_end_are_errors()
    {
        var lines = OneTransaction();
        lines.RemoveAt(4);
        Assert.Contains(Errors(Load(lines)), e => e.Message.Contains("not closed", StringComparison.Ordinal));

        lines = OneTransaction();
        lines.Add(lines[2]);
        Assert.Contains(Errors(Load(lines)), e => e.Line == 7 && e.Message.Contains("after the transmission end", StringComparison.Ordinal));
    }

    [Fact]
    public void First_record_must_be_the_transmission_start()
    {
        var lines = OneTransaction();
        lines.RemoveAt(0);

        Assert.Contains(Errors(Load(lines)), e => e.Line == 1 && e.Expected == "NY000010");
    }

    [Fact]
    public void Unknown_record_type_is_an_error()
    {
        var lines = OneTransaction();
        lines[2] = Replace(lines[2], 7, "40");

        Assert.Contains(Errors(Load(lines)), e => e.Line == 3 && e.Field == "record type");
    }

    [Fact]
    public void Transaction_numbers_run_from_1()
    {
        var lines = OneTransaction();
        lines[2] = Replace(lines[2], 9, "0000002");
        lines[3] = Replace(lines[3], 9, "0000002");

        var error = Assert.Single(Errors(Load(lines)));
        Assert.Equal("transaction number", error.Field);
    }

    [Theory]
    [InlineData("010179", 2079)]
    [InlineData("010180", 1980)]
    [InlineData("010100", 2000)]
    [InlineData("311299", 1999)]
    public void Century_pivot_is_fixed(string ddmmyy, int year)
    {
        Assert.True(NetsDates.TryParse(System.Text.Encoding.ASCII.GetBytes(ddmmyy), out var date, out _));
        Assert.Equal(year, date!.Value.Year);
    }

    [Fact]
    public void Too_many_diagnostics_are_capped_with_a_count()
    {
        var lines = OneTransaction();
        lines.InsertRange(4, Enumerable.Repeat(lines[3], 2000));

        var diagnostics = Load(lines).Summary.Diagnostics;

        Assert.Equal(NetsDiagnostics.Limit + 1, diagnostics.Count);
        Assert.Contains("more diagnostics not shown", diagnostics[^1].Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, diagnostics[^1].Severity);
    }
}
