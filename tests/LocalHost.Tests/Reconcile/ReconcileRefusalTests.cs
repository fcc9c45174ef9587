using System.Text;
using Bankflow.Testing.Nets;

namespace Bankflow.LocalHost.Tests.Reconcile;

/// <summary>What <c>bankflow reconcile</c> refuses, and how it says so: exit 1 naming line and column, exit 2 for what cannot be read.</summary>
public sealed class ReconcileRefusalTests : IDisposable
{
    private readonly ReconcileFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Ocr() => _files.Write("ocr.txt", new OcrFileGenerator(3).Generate().Content);

    private (int Exit, string Stderr) RunWithItems(string csv)
    {
        var (exit, json, stderr) = ReconcileFiles.Run("--open-items", _files.WriteText("ITEMS.csv", csv), Ocr());
        Assert.Null(json);
        return (exit, stderr);
    }

    private const string Good = "INV-1,C1,Fjord AS,10045,,1250.00,NOK,2026-02-01,2026-02-15";

    [Theory]
    [InlineData("INV-2,C1,Fjord AS,10046,,\"1.250,00\",NOK,2026-02-01,2026-02-15", 3, 6, "amount", "found \"1.250,00\"")]
    [InlineData("INV-2,C1,Fjord AS,10046,,1250.001,NOK,2026-02-01,2026-02-15", 3, 6, "amount", "at most two decimals")]
    [InlineData("INV-2,C1,Fjord AS,10046,,kr 50,NOK,2026-02-01,2026-02-15", 3, 6, "amount", "found \"kr 50\"")]
    [InlineData("INV-2,C1,Fjord AS,10046,,50.00,nok,2026-02-01,2026-02-15", 3, 7, "currency", "three capital letters")]
    [InlineData("INV-2,C1,Fjord AS,10046,,50.00,NOK,01.02.2026,2026-02-15", 3, 8, "invoiceDate", "yyyy-MM-dd")]
    [InlineData("INV-2,C1,Fjord AS,10046,,50.00,NOK,2026-02-01,2026-02-30", 3, 9, "dueDate", "found \"2026-02-30\"")]
    [InlineData("INV-2,C1,Fjord AS,10046,12345678,50.00,NOK,2026-02-01,2026-02-15", 3, 5, "kid", "fails both the MOD10 and the MOD11")]
    [InlineData(",C1,Fjord AS,10046,,50.00,NOK,2026-02-01,2026-02-15", 3, 1, "invoiceId", "found nothing")]
    [InlineData("INV-1,C1,Fjord AS,10046,,50.00,NOK,2026-02-01,2026-02-15", 3, 1, "invoiceId", "already on line 2")]
    [InlineData("INV-2,,Fjord AS,10046,,50.00,NOK,2026-02-01,2026-02-15", 3, 2, "customerId", "found nothing")]
    public void Bad_value_names_line_column_and_what_was_expected(string row, int line, int column, string name, string says)
    {
        var (exit, stderr) = RunWithItems($"{ReconcileFiles.Header}\n{Good}\n{row}\n");

        Assert.Equal(1, exit);
        Assert.Contains($"line {line}, column {column} ({name}): expected", stderr, StringComparison.Ordinal);
        Assert.Contains(says, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_number_of_fields()
    {
        var (exit, stderr) = RunWithItems($"{ReconcileFiles.Header}\n{Good}\nINV-2,C1,Fjord AS,10046,,50.00,NOK,2026-02-01\n");

        Assert.Equal(1, exit);
        Assert.Contains("line 3: expected 9 fields, found 8", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_lines_are_still_counted()
    {
        var csv = $"{ReconcileFiles.Header}\r\n\"INV-1\",C1,\"Fjord AS, avd. \"\"Nord\"\"\nBergen\",10045,,1250.00,NOK,2026-02-01,2026-02-15\r\nINV-2,C2,Berg,10046,,x,NOK,2026-02-01,2026-02-15\r\n";

        var (exit, stderr) = RunWithItems(csv);

        // The first record spans lines 2–3, so the bad amount is on line 4.
        Assert.Equal(1, exit);
        Assert.Contains("line 4, column 6 (amount)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_name_with_a_comma_is_read_whole()
    {
        var csv = $"{ReconcileFiles.Header}\n\"INV-1\",C1,\"Fjord AS, avd. \"\"Nord\"\"\",10045,,1250.00,NOK,2026-02-01,2026-02-15\n";

        var (exit, json, stderr) = ReconcileFiles.Run("--open-items", _files.WriteText("ITEMS.csv", csv), Ocr());

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal("INV-1", json!.RootElement.GetProperty("items")[0].GetProperty("invoiceId").GetString());
    }

    [Fact]
    public void Unclosed_quote_is_a_bad_row()
    {
        var (exit, stderr) = RunWithItems($"{ReconcileFiles.Header}\n{Good}\nINV-2,\"C1,Fjord AS,10046,,50.00,NOK,2026-02-01,2026-02-15\n");

        Assert.Equal(1, exit);
        Assert.Contains("line 3, column 2: a quoted field is never closed", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoiceId,customerId,customerName,invoiceNumber,kid,amount,currency,invoiceDate", "lacks dueDate")]
    [InlineData("invoiceId,customerId,customerName,invoiceNumber,kid,amount,currency,invoiceDate,dueDate,note", "column 10 (note): unknown column")]
    [InlineData("invoiceId,customerId,customerName,invoiceNumber,kid,amount,currency,invoiceDate,invoiceDate", "column 9 (invoiceDate): column invoiceDate appears twice")]
    public void Header_must_name_the_nine_columns(string header, string says)
    {
        var (exit, stderr) = RunWithItems($"{header}\n");

        Assert.Equal(1, exit);
        Assert.Contains("line 1", stderr, StringComparison.Ordinal);
        Assert.Contains(says, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_in_another_order_and_a_utf8_bom_are_fine()
    {
        var csv = "\uFEFFamount,invoiceId,customerId,customerName,invoiceNumber,kid,currency,invoiceDate,dueDate\n1250.00,INV-1,C1,Fjord AS,10045,,NOK,2026-02-01,2026-02-15\n";

        var (exit, json, stderr) = ReconcileFiles.Run("--open-items", _files.Write("ITEMS.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv[1..])).ToArray()), Ocr());

        Assert.True(exit == 0, stderr);
        Assert.Equal(125_000, json!.RootElement.GetProperty("items")[0].GetProperty("amount").GetInt64());
    }

    [Fact]
    public void Items_file_that_is_not_utf8_names_the_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"{ReconcileFiles.Header}\n{Good}\n").Concat(Encoding.Latin1.GetBytes("INV-2,C1,Bjørn,1,,5.00,NOK,2026-02-01,2026-02-15\n")).ToArray();

        var (exit, _, stderr) = ReconcileFiles.Run("--open-items", _files.Write("ITEMS.csv", bytes), Ocr());

        Assert.Equal(1, exit);
        Assert.Contains("line 3: not UTF-8", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_items_file_is_a_bad_file()
    {
        var (exit, stderr) = RunWithItems("");

        Assert.Equal(1, exit);
        Assert.Contains("line 1: the file is empty", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_files_exit_2()
    {
        var items = _files.WriteText("ITEMS.csv", $"{ReconcileFiles.Header}\n{Good}\n");

        var missingBank = ReconcileFiles.Run("--open-items", items, Path.Combine(Path.GetTempPath(), "no-such-bank-file.txt"));
        var missingItems = ReconcileFiles.Run("--open-items", Path.Combine(Path.GetTempPath(), "no-such-items.csv"), Ocr());

        Assert.Equal(2, missingBank.Exit);
        Assert.Contains("cannot read", missingBank.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missingItems.Exit);
        Assert.Contains("cannot read", missingItems.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_bank_file_exits_1_with_its_first_error()
    {
        var lines = new OcrFileGenerator(4).Generate().Text.Split('\n');
        var end = System.Array.FindIndex(lines, l => l.StartsWith("NY000089", StringComparison.Ordinal));
        lines[end] = lines[end][..24] + "99999999999999999" + lines[end][41..];
        var items = _files.WriteText("ITEMS.csv", $"{ReconcileFiles.Header}\n{Good}\n");

        var (exit, json, stderr) = ReconcileFiles.Run("--open-items", items, _files.Write("bad.txt", Encoding.Latin1.GetBytes(string.Join('\n', lines))));

        Assert.Equal(1, exit);
        Assert.Null(json);
        Assert.True(stderr.Contains("is not a valid ocr-giro file (1 error; first: error: line", StringComparison.Ordinal), stderr);
    }

    [Fact]
    public void File_that_is_no_bank_file_exits_1()
    {
        var items = _files.WriteText("ITEMS.csv", $"{ReconcileFiles.Header}\n{Good}\n");

        var (exit, _, stderr) = ReconcileFiles.Run("--open-items", items, _files.WriteText("notes.txt", "hello"));

        Assert.Equal(1, exit);
        Assert.Contains("is no bank file Bankflow reads", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "--open-items ITEMS.csv is required")]
    [InlineData(new[] { "--open-items" }, "--open-items needs a file")]
    [InlineData(new[] { "--open-items", "x.csv" }, "give at least one bank file")]
    [InlineData(new[] { "--open-items", "x.csv", "--fast", "b" }, "unknown option '--fast'")]
    public void Usage_errors_exit_2(string[] args, string says)
    {
        var (exit, json, stderr) = ReconcileFiles.Run(args);

        Assert.Equal(2, exit);
        Assert.Null(json);
        Assert.Contains(says, stderr, StringComparison.Ordinal);
        Assert.Contains("usage: bankflow reconcile --open-items ITEMS.csv BANKFILE...", stderr, StringComparison.Ordinal);
    }
}
