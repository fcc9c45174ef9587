using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Parse;
using Bankflow.Testing;
using Bankflow.Testing.Nets;

namespace Bankflow.LocalHost.Tests.Parse;

/// <summary><c>bankflow parse</c> on OCR giro and AvtaleGiro files: JSON on stdout, exit code, errors on stderr.</summary>
public sealed class NetsParseCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bankflow-nets-parse-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Exit, JsonDocument Json, string Stderr) Parse(string path)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = ParseCommand.Run([path], stdout, stderr);
        return (exit, JsonDocument.Parse(stdout.ToArray()), stderr.ToString());
    }

    private string Write(byte[] content, string name = "file.txt")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void Generated_file_prints_every_transaction_with_signed_amounts_and_exits_0()
    {
        var generated = new OcrFileGenerator(42).Generate(new OcrGeneratorOptions { Assignments = 3, MinTransactions = 3, MaxTransactions = 8, NegativeShare = 0.3 });

        var (exit, json, stderr) = Parse(Write(generated.Content));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = json.RootElement;
        Assert.Equal("ocr-giro", root.GetProperty("format").GetString());
        Assert.Equal(generated.TransmissionNumber, root.GetProperty("transmission").GetProperty("transmissionNumber").GetInt32());
        var transactions = root.GetProperty("transactions").EnumerateArray().ToList();
        var expected = generated.Assignments.SelectMany(a => a.Transactions).ToList();
        Assert.Equal(expected.Count, transactions.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var t = transactions[i];
            Assert.Equal(e.Assignment, t.GetProperty("assignment").GetInt32());
            Assert.Equal(e.Number, t.GetProperty("transactionNumber").GetInt32());
            Assert.Equal(e.Type, t.GetProperty("transactionType").GetInt32());
            Assert.Equal(e.SignedAmount, t.GetProperty("amount").GetInt64());
            Assert.Equal(e.Kid, t.GetProperty("kid").GetString());
            Assert.Equal(e.NetsDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.GetProperty("netsDate").GetString());
            Assert.Equal(e.FreeText, t.GetProperty("freeText").GetString());
        }
        Assert.Equal(3, root.GetProperty("assignments").GetArrayLength());
        Assert.Equal(generated.Total, root.GetProperty("summary").GetProperty("signedTotal").GetInt64());
        Assert.Equal(generated.Total, root.GetProperty("transmissionEnd").GetProperty("totalAmount").GetInt64());
        Assert.Equal(0, root.GetProperty("diagnostics").GetArrayLength());
        Assert.True(root.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Invalid_file_exits_1_with_diagnostics_in_json_and_on_stderr()
    {
        var generated = new OcrFileGenerator(43).Generate();
        var text = generated.Text;
        var lines = text.Split('\n');
        var end = Array.FindIndex(lines, l => l.StartsWith("NY000089", StringComparison.Ordinal));
        lines[end] = lines[end][..24] + "99999999999999999" + lines[end][41..];

        var (exit, json, stderr) = Parse(Write(Encoding.Latin1.GetBytes(string.Join('\n', lines))));

        Assert.Equal(1, exit);
        var diagnostic = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(end + 1, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal("89", diagnostic.GetProperty("recordType").GetString());
        Assert.Equal("total amount", diagnostic.GetProperty("field").GetString());
        Assert.Equal("99999999999999999 øre", diagnostic.GetProperty("found").GetString());
        Assert.Contains($"line {end + 1}, record 89, field total amount", stderr, StringComparison.Ordinal);
        Assert.False(json.RootElement.GetProperty("summary").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Kid_warning_keeps_exit_0_and_is_not_on_stderr()
    {
        var generated = new OcrFileGenerator(44).Generate(new OcrGeneratorOptions { Assignments = 2, MinTransactions = 6, MaxTransactions = 6, InvalidKidShare = 1 });

        var (exit, json, stderr) = Parse(Write(generated.Content));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var warnings = json.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Equal("warning", w.GetProperty("severity").GetString()));
        Assert.Contains(json.RootElement.GetProperty("transactions").EnumerateArray(), t => t.GetProperty("kidCheck").GetString() == "none");
    }

    [Fact]
    public void Free_text_with_quotes_backslashes_control_characters_and_latin1_is_escaped()
    {
        const string text = "Blåbær \"AS\" C:\\x\u0001ÆØÅ é";
        var lines = new List<string>
        {
            "NY000010000080800000042123456780000000000000000000000000000000000000000000000000",
            "NY090020123456789000000186011117947000000000000000000000000000000000000000000000",
            "NY09213000000013101260031000000000000000000010000                         000000",
            "NY092131000000100000000000012345600000000300126000000000000000000000000000000000",
            "NY0921320000001" + text.PadRight(40) + new string('0', 25),
            "NY090088000000010000000500000000000010000310126310126310126000000000000000000000",
            "NY000089000000010000000700000000000010000310126000000000000000000000000000000000",
        };

        var (exit, json, stderr) = Parse(Write(Encoding.Latin1.GetBytes(string.Join("\n", lines))));

        Assert.True(exit == 0, stderr);
        var transaction = Assert.Single(json.RootElement.GetProperty("transactions").EnumerateArray());
        Assert.Equal(text, transaction.GetProperty("freeText").GetString());
        Assert.Equal(10_000, transaction.GetProperty("amount").GetInt64());
    }

    [Fact]
    public void Only_a_start_record_exits_1()
    {
        var start = new OcrFileGenerator(45).Generate().Lines[0];

        var (exit, json, stderr) = Parse(Write(Encoding.Latin1.GetBytes(start + "\n")));

        Assert.Equal(1, exit);
        Assert.Equal(0, json.RootElement.GetProperty("transactions").GetArrayLength());
        Assert.Contains("no transmission end", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void File_of_short_lines_names_line_1_and_the_length()
    {
        var (exit, json, stderr) = Parse(Write("NY0000\nNY0000\n"u8.ToArray()));

        Assert.Equal(1, exit);
        var root = json.RootElement;
        Assert.Equal("ocr-giro", root.GetProperty("format").GetString());
        Assert.False(root.GetProperty("valid").GetBoolean());
        var first = root.GetProperty("diagnostics")[0];
        Assert.Equal(1, first.GetProperty("line").GetInt32());
        Assert.Equal("80 characters", first.GetProperty("expected").GetString());
        Assert.Equal("6", first.GetProperty("found").GetString());
        Assert.StartsWith("error: line 1, ", stderr, StringComparison.Ordinal);
        Assert.Contains("found 6", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void File_without_a_transmission_start_names_line_1()
    {
        var lines = new OcrFileGenerator(47).Generate().Lines.Skip(1);

        var (exit, json, _) = Parse(Write(Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n")));

        Assert.Equal(1, exit);
        var diagnostic = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .First(d => d.GetProperty("message").GetString()!.Contains("transmission start", StringComparison.Ordinal));
        Assert.Equal(1, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal("NY000010", diagnostic.GetProperty("expected").GetString());
        Assert.True(json.RootElement.GetProperty("transactions").GetArrayLength() > 0); // what could be read is printed …
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean()); // … and marked as not to be trusted
    }

    [Fact]
    public void Avtalegiro_cancellation_without_item_2_is_printed_and_valid()
    {
        // A cancellation assignment (NY213620) with one cancellation sent as its item 1 alone, which the AvtaleGiro
        // specification allows.
        string[] lines =
        [
            "NY000010123456781000081000080800000000000000000000000000000000000000000000000000",
            "NY213620000000000000000186011117947000000000000000000000000000000000000000000000",
            "NY2193300000001020326           00000000000010000                 23456767000000",
            "NY213688000000010000000300000000000010000020326020326000000000000000000000000000",
            "NY000089000000010000000500000000000010000020326000000000000000000000000000000000",
        ];

        var (exit, json, stderr) = Parse(Write(Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n")));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal("avtalegiro", json.RootElement.GetProperty("format").GetString());
        var cancellation = Assert.Single(json.RootElement.GetProperty("transactions").EnumerateArray());
        Assert.Equal("cancellation", cancellation.GetProperty("kind").GetString());
        Assert.Equal(10_000, cancellation.GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, cancellation.GetProperty("payerShortName").ValueKind);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Large_generated_file_streams_all_transactions()
    {
        using var content = new MemoryStream();
        var total = new OcrFileGenerator(46).WriteLarge(content, 20_000, perAssignment: 3_000);

        var (exit, json, _) = Parse(Write(content.ToArray(), "large.txt"));

        Assert.Equal(0, exit);
        Assert.Equal(20_000, json.RootElement.GetProperty("transactions").GetArrayLength());
        Assert.Equal(7, json.RootElement.GetProperty("assignments").GetArrayLength());
        Assert.Equal(total, json.RootElement.GetProperty("summary").GetProperty("signedTotal").GetInt64());
    }

    [SharedReferenceFact]
    public void Nets_negative_sign_sample_prints_negative_amounts()
    {
        var (exit, json, stderr) = Parse(Path.Combine(RepositoryPaths.SharedReference!, "ocr-giro", "nets_spec_example_with_negative_sign.txt"));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var transactions = json.RootElement.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(23, transactions.Count);
        Assert.Equal([-25_000L, -40_000L, -150_000L], transactions.Where(t => t.GetProperty("sign").GetString() == "-").Select(t => t.GetProperty("amount").GetInt64()));
        Assert.Equal(1_563_000, transactions.Sum(t => t.GetProperty("amount").GetInt64()));
        var first = transactions[0];
        Assert.Equal("33000083672049", first.GetProperty("kid").GetString());
        Assert.Equal("giro debited an account", first.GetProperty("transactionTypeName").GetString());
        Assert.Equal("88881011128", first.GetProperty("debitAccount").GetString());
        Assert.Equal("2004-03-23", first.GetProperty("bankDate").GetString());
    }

    [SharedReferenceFact]
    public void Avtalegiro_agreements_sample()
    {
        var (exit, json, _) = Parse(Path.Combine(RepositoryPaths.SharedReference!, "avtalegiro", "netsgiro_avtalegiro_agreements.txt"));

        Assert.Equal(0, exit);
        Assert.Equal("avtalegiro", json.RootElement.GetProperty("format").GetString());
        var agreements = json.RootElement.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(16, agreements.Count);
        Assert.All(agreements, a => Assert.Equal("agreement", a.GetProperty("kind").GetString()));
        Assert.Equal("000112000507155", agreements[0].GetProperty("kid").GetString());
        Assert.True(agreements[0].GetProperty("wantsPaperNotice").GetBoolean());
        Assert.False(agreements[1].GetProperty("wantsPaperNotice").GetBoolean());
    }

    [SharedReferenceFact]
    public void Avtalegiro_payment_claims_sample_with_specification_lines()
    {
        var (exit, json, _) = Parse(Path.Combine(RepositoryPaths.SharedReference!, "avtalegiro", "netsgiro_avtalegiro_payment_request.txt"));

        Assert.Equal(0, exit);
        var claims = json.RootElement.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(6, claims.Count);
        Assert.Equal(600, claims.Sum(c => c.GetProperty("amount").GetInt64()));
        Assert.Equal([2, 2, 0, 0, 2, 0], claims.Select(c => c.GetProperty("specification").GetArrayLength()));
        Assert.Equal("2004-06-17", claims[0].GetProperty("dueDate").GetString());
        // 88888888888 is a test account that fails MOD11: a warning, the file stays valid.
        var warning = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("assignment account", warning.GetProperty("field").GetString());
    }

    [SharedReferenceTheory]
    [InlineData("ocr-giro/netsgiro_ocr_giro_transactions.txt", 20, 5_144_900)]
    [InlineData("ocr-giro/java-netsgiro_type21_freetext.txt", 1, 44_000)]
    [InlineData("ocr-giro/SYNTHETIC_multi_assignment_types_10-21.txt", 9, 1_003_850)]
    public void Ocr_samples_print_counts_and_totals(string file, int transactions, long total)
    {
        var (exit, json, _) = Parse(Path.Combine(RepositoryPaths.SharedReference!, file));

        Assert.Equal(0, exit);
        Assert.Equal(transactions, json.RootElement.GetProperty("transactions").GetArrayLength());
        Assert.Equal(total, json.RootElement.GetProperty("summary").GetProperty("signedTotal").GetInt64());
    }
}
