using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Parse;
using Bankflow.Testing;
using Bankflow.Testing.Camt;

namespace Bankflow.LocalHost.Tests.Parse;

public sealed class CamtParseCommandTests
{
    private static (int Exit, JsonDocument Json, string Stderr) Parse(string path)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = ParseCommand.Run([path], stdout, stderr);
        return (exit, JsonDocument.Parse(stdout.ToArray()), stderr.ToString());
    }

    private static (int Exit, JsonDocument Json, string Stderr) ParseText(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bankflow-parse-{Guid.NewGuid():N}.xml");
        try
        {
            File.WriteAllText(path, content, new UTF8Encoding(false));
            return Parse(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Reference(string relative) => Path.Combine(RepositoryPaths.SharedReference!, relative);

    [SharedReferenceFact]
    public void Norwegian_notification_prints_six_signed_transactions_in_ore()
    {
        var (exit, json, stderr) = Parse(Reference("camt.054/samples/synthetic-norway/SYNTHETIC_camt.054.001.02_NO_kid_batch_fee_reversal.xml"));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = json.RootElement;
        Assert.Equal("camt.054", root.GetProperty("format").GetString());
        Assert.Equal("001.02", root.GetProperty("version").GetString());
        Assert.Equal("NTF20240524-000417", root.GetProperty("messageId").GetString());
        var transactions = root.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal([125000L, 499050L, 49900L, 150000L, -4500L, -20000L], transactions.Select(t => t.GetProperty("amount").GetInt64()));
        Assert.Equal(["0001234008710", "0004567008729", "1000246-", null, null, "0005555008753"], transactions.Select(t => t.GetProperty("kid").GetString()));
        Assert.Equal("E2E-BEDRIFT-7781", transactions[1].GetProperty("endToEndId").GetString());
        Assert.Equal("Ola Nordmann", transactions[0].GetProperty("debtorName").GetString());
        Assert.Equal("94561154", transactions[0].GetProperty("accountServicerReference").GetString());
        Assert.Equal("2024-05-24", transactions[0].GetProperty("bookingDate").GetString());
        Assert.True(transactions[5].GetProperty("reversal").GetBoolean());
        Assert.Equal("FOCR", transactions[5].GetProperty("returnReason").GetString());
        Assert.Equal(JsonValueKind.Null, transactions[4].GetProperty("kid").ValueKind); // the fee: an entry without details is one transaction
        var statement = Assert.Single(root.GetProperty("statements").EnumerateArray());
        Assert.Equal("NTF20240524-000417-1", statement.GetProperty("id").GetString());
        Assert.Equal(417, statement.GetProperty("sequenceNumber").GetInt64());
        Assert.Equal("86011117947", statement.GetProperty("account").GetString());
        Assert.Equal(4, statement.GetProperty("entryCount").GetInt32());
        Assert.Empty(root.GetProperty("diagnostics").EnumerateArray());
    }

    [SharedReferenceFact]
    public void Norwegian_statement_prints_signed_balances()
    {
        var (exit, json, _) = Parse(Reference("camt.053/samples/synthetic-norway/SYNTHETIC_camt.053.001.02_NO_statement.xml"));

        Assert.Equal(0, exit);
        var root = json.RootElement;
        Assert.Equal("camt.053", root.GetProperty("format").GetString());
        var statement = Assert.Single(root.GetProperty("statements").EnumerateArray());
        Assert.Equal(
            [("OPBD", 15234025L, "2024-05-24"), ("CLBD", 14849475L, "2024-05-24"), ("CLAV", 14849475L, "2024-05-24")],
            statement.GetProperty("balances").EnumerateArray().Select(b => (b.GetProperty("type").GetString(), b.GetProperty("amount").GetInt64(), b.GetProperty("date").GetString())));
        Assert.Equal(5, statement.GetProperty("entryCount").GetInt32());
        Assert.Equal(-384550, root.GetProperty("transactions").EnumerateArray().Sum(t => t.GetProperty("amount").GetInt64()));
    }

    [Fact]
    public void Generated_file_in_both_versions_prints_the_same_transactions()
    {
        static JsonDocument Run(string version)
        {
            var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4, Notification: true, Version: version, EntriesPerStatement: 50), out _);
            var (exit, json, _) = ParseText(xml);
            Assert.Equal(0, exit);
            return json;
        }

        var v02 = Run("001.02").RootElement;
        var v08 = Run("001.08").RootElement;

        Assert.Equal("001.08", v08.GetProperty("version").GetString());
        Assert.Equal(v02.GetProperty("transactions").GetRawText(), v08.GetProperty("transactions").GetRawText());
    }

    [Theory]
    [InlineData("001.03")]
    [InlineData("001.04")]
    [InlineData("001.06")]
    [InlineData("001.10")]
    public void Newer_versions_print_the_same_transactions_and_statements_as_001_02(string version)
    {
        static JsonElement Run(string version)
        {
            var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4, Version: version, Statements: 2, EntriesPerStatement: 40, TransactionsSummary: true), out _);
            var (exit, json, stderr) = ParseText(xml);
            Assert.Equal("", stderr);
            Assert.Equal(0, exit);
            return json.RootElement;
        }

        var v02 = Run("001.02");
        var other = Run(version);

        Assert.Equal(version, other.GetProperty("version").GetString());
        Assert.True(other.GetProperty("valid").GetBoolean());
        Assert.Equal(v02.GetProperty("transactions").GetRawText(), other.GetProperty("transactions").GetRawText());
        Assert.Equal(v02.GetProperty("statements").GetRawText(), other.GetProperty("statements").GetRawText());
        Assert.Empty(other.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public void Every_structured_reference_is_printed_with_its_type()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 7, Version: "001.08", EntriesPerStatement: 3), out _);
        // Entry 2 carries a KID as SCOR: make it a Swiss QR reference (a bank's own type, Prtry QRR).
        var entry2 = xml.IndexOf("<Ntry>", xml.IndexOf("<Ntry>", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        var type = xml.IndexOf("<Cd>SCOR</Cd>", entry2, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, type), "<Prtry>QRR</Prtry>", xml.AsSpan(type + "<Cd>SCOR</Cd>".Length));
        var reference = xml.IndexOf("<Ref>", type, StringComparison.Ordinal);
        var end = xml.IndexOf("</Ref>", reference, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, reference), "<Ref>210000000003139471430009017", xml.AsSpan(end));

        var (exit, json, _) = ParseText(xml);

        Assert.Equal(0, exit);
        var transaction = json.RootElement.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("entryIndex").GetInt32() == 2);
        Assert.Equal(JsonValueKind.Null, transaction.GetProperty("kid").ValueKind);
        Assert.Equal("210000000003139471430009017", transaction.GetProperty("creditorReference").GetString());
        Assert.Equal("210000000003139471430009017", transaction.GetProperty("text").GetString());
        var only = Assert.Single(transaction.GetProperty("creditorReferences").EnumerateArray());
        Assert.Equal("QRR", only.GetProperty("type").GetString());
        Assert.True(only.GetProperty("proprietaryType").GetBoolean());
        Assert.Equal("210000000003139471430009017", only.GetProperty("reference").GetString());
        // The KIDs of the batch keep their SCOR type too.
        var batch = json.RootElement.GetProperty("transactions").EnumerateArray().First(t => t.GetProperty("entryIndex").GetInt32() == 3);
        Assert.Equal("SCOR", Assert.Single(batch.GetProperty("creditorReferences").EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal(batch.GetProperty("kid").GetString(), batch.GetProperty("creditorReference").GetString());
    }

    [Fact]
    public void Valid_file_says_valid_true()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4, EntriesPerStatement: 2), out _);
        var (exit, json, _) = ParseText(xml);
        Assert.Equal(0, exit);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void One_line_file_gives_line_and_column_in_json_and_on_stderr_and_says_valid_false()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4, EntriesPerStatement: 2, Indent: false), out _);
        var at = xml.IndexOf("<Amt Ccy=\"NOK\">", xml.IndexOf("<Ntry>", StringComparison.Ordinal), StringComparison.Ordinal);
        xml = xml.Insert(at + "<Amt Ccy=\"NOK\">".Length, "9.999;");

        var (exit, json, stderr) = ParseText(xml);

        Assert.Equal(1, exit);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var error = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal(at + 2, error.GetProperty("column").GetInt32());
        Assert.Contains($"line 1, column {at + 2}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_amount_exits_1_with_the_diagnostic_in_json_and_on_stderr()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4, EntriesPerStatement: 2), out _);
        var at = xml.IndexOf("<Amt Ccy=\"NOK\">", xml.IndexOf("<Ntry>", StringComparison.Ordinal), StringComparison.Ordinal) + "<Amt Ccy=\"NOK\">".Length;
        xml = xml.Insert(at, "9.999;");

        var (exit, json, stderr) = ParseText(xml);

        Assert.Equal(1, exit);
        // The error, and a balance warning: the broken entry is left out of the statement totals.
        var diagnostic = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt", diagnostic.GetProperty("path").GetString());
        Assert.True(diagnostic.GetProperty("line").GetInt32() > 1);
        Assert.Contains("/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_still_prints_complete_json_and_exits_1()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4, EntriesPerStatement: 20), out _);

        var (exit, json, stderr) = ParseText(xml[..(xml.Length * 2 / 3)]);

        Assert.Equal(1, exit);
        Assert.True(json.RootElement.GetProperty("transactions").GetArrayLength() > 0);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean()); // a partial document says so
        Assert.Contains("not well-formed XML", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_version_exits_1_naming_it()
    {
        var xml = CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4, EntriesPerStatement: 1), out _)
            .Replace("camt.053.001.02", "camt.053.001.14", StringComparison.Ordinal);

        var (exit, json, stderr) = ParseText(xml);

        Assert.Equal(1, exit);
        Assert.Equal("camt.053", json.RootElement.GetProperty("format").GetString());
        Assert.Equal("001.14", json.RootElement.GetProperty("version").GetString());
        Assert.Contains("version 001.14 is not supported: Bankflow reads versions 001.02 to 001.13", stderr, StringComparison.Ordinal);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Doctype_exits_1_without_reading_the_entity()
    {
        var secret = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secret, "TOP-SECRET-CONTENT");
            var xml = $"<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file://{secret}\">]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>&x;</MsgId></GrpHdr></BkToCstmrStmt></Document>";

            var (exit, json, stderr) = ParseText(xml);

            Assert.Equal(1, exit);
            Assert.DoesNotContain("TOP-SECRET", json.RootElement.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET", stderr, StringComparison.Ordinal);
            Assert.Contains("DOCTYPE", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }
}
