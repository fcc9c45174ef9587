using System.Text;
using System.Text.Json;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing.Camt;
using Bankflow.Testing.Nets;

namespace Bankflow.LocalHost.Tests.Reconcile;

/// <summary><c>bankflow reconcile</c> on generated OCR giro and camt files: the JSON the issue specifies, exit codes.</summary>
public sealed class ReconcileCommandTests : IDisposable
{
    private readonly ReconcileFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static List<JsonElement> Array(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray()];

    [Fact]
    public void Ocr_payments_settle_their_invoices_by_kid()
    {
        var ocr = new OcrFileGenerator(12).Generate(new OcrGeneratorOptions { Assignments = 2, MinTransactions = 4, MaxTransactions = 6, NegativeShare = 0, HugeAmountShare = 0, InvalidKidShare = 0 });
        var transactions = ocr.Assignments.SelectMany(a => a.Transactions).Where(t => t.Kid is not null && t.Amount > 0).ToList();
        Assert.True(transactions.Count >= 4);
        // The first paid in full, the second partly (more is open), the third over-paid, the rest in full; one invoice nobody paid.
        var rows = transactions.Select((t, i) => ReconcileFiles.Row($"INV-{i}", $"C{i}", $"Kunde {i}, Bergen", $"{10_000 + i}", t.Kid, i switch
        {
            1 => t.Amount + 50_000,
            2 => Math.Max(1, t.Amount - 100),
            _ => t.Amount,
        })).Append(ReconcileFiles.Row("INV-UNPAID", "C99", "Ingen AS", "99999", null, 12_345)).ToList();

        var (exit, json, stderr) = ReconcileFiles.Run("--open-items", _files.Items(rows), _files.Write("ocr.txt", ocr.Content));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = json!.RootElement;
        var items = Array(root, "items").ToDictionary(i => i.GetProperty("invoiceId").GetString()!);
        Assert.Equal("paid", items["INV-0"].GetProperty("status").GetString());
        Assert.Equal(0, items["INV-0"].GetProperty("remaining").GetInt64());
        Assert.Equal("partial", items["INV-1"].GetProperty("status").GetString());
        Assert.Equal(50_000, items["INV-1"].GetProperty("remaining").GetInt64());
        Assert.Equal(transactions[1].Amount, items["INV-1"].GetProperty("settled").GetInt64());
        Assert.Equal("overpaid", items["INV-2"].GetProperty("status").GetString());
        Assert.Equal("open", items["INV-UNPAID"].GetProperty("status").GetString());
        Assert.Empty(Array(items["INV-UNPAID"], "payments"));

        var payment = Assert.Single(Array(items["INV-0"], "payments"));
        Assert.Equal("kid", payment.GetProperty("rule").GetString());
        Assert.Equal($"KID {transactions[0].Kid} is invoice 10000 (Kunde 0, Bergen); paid in full", payment.GetProperty("explanation").GetString());
        Assert.StartsWith("ocr:", payment.GetProperty("entryId").GetString(), StringComparison.Ordinal);

        var entries = Array(root, "entries");
        Assert.Equal(ocr.TransactionCount, entries.Count);
        var overpaid = entries.Single(e => e.GetProperty("entryId").GetString() == Array(items["INV-2"], "payments")[0].GetProperty("entryId").GetString());
        Assert.Equal(100, overpaid.GetProperty("unapplied").GetInt64());
        Assert.All(entries.Where(e => e.GetProperty("status").GetString() == "matched"), e => Assert.Empty(Array(e, "candidates")));

        var postings = Array(root, "postings");
        Assert.Equal(entries.Count(e => e.GetProperty("status").GetString() == "matched"), postings.Count);
        foreach (var posting in postings)
        {
            var lines = Array(posting, "lines");
            Assert.Equal(lines.Sum(l => l.GetProperty("debit").GetInt64()), lines.Sum(l => l.GetProperty("credit").GetInt64()));
            Assert.Equal("1920", lines[0].GetProperty("account").GetString());
        }
        var summary = root.GetProperty("summary");
        Assert.Equal(ocr.TransactionCount, summary.GetProperty("entries").GetInt32());
        Assert.Equal(summary.GetProperty("matched").GetInt32() + summary.GetProperty("unmatched").GetInt32(), ocr.TransactionCount);
        Assert.InRange(summary.GetProperty("automationRate").GetDouble(), 0, 1);
    }

    [Fact]
    public void Camt_files_with_a_pain001_match_kids_fees_and_own_payments_and_check_the_balance()
    {
        var camt053 = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 5, EntriesPerStatement: 25));
        var camt054 = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 6, Notification: true, EntriesPerStatement: 25));
        // The generator knows its KIDs; their amounts and the outgoing payments' end-to-end ids are read back.
        var credits = Read(camt054).Where(e => e.Kid is not null && e.Amount.Ore > 0 && !e.IsReversal).ToList();
        var debits = Read(camt054).Where(e => e.EndToEndId is not null && e.Amount.Ore < 0).ToList();
        Assert.NotEmpty(credits);
        Assert.NotEmpty(debits);
        var rows = credits.Select((e, i) => ReconcileFiles.Row($"INV-{i}", $"C{i}", $"Kunde {i}", null, e.Kid, e.Amount.Ore)).ToList();

        var (exit, json, stderr) = ReconcileFiles.Run(
            "--open-items", _files.Items(rows),
            _files.Write("camt053.xml", camt053),
            _files.Write("camt054.xml", camt054),
            _files.WriteText("pain001.xml", Pain001(debits)));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = json!.RootElement;
        Assert.All(Array(root, "items"), i => Assert.Equal("paid", i.GetProperty("status").GetString()));
        var entries = Array(root, "entries");
        var rules = entries.Where(e => e.GetProperty("status").GetString() == "matched").Select(e => e.GetProperty("rule").GetString()).ToHashSet();
        Assert.Contains("kid", rules);
        Assert.Contains("bank-fee", rules);
        Assert.Contains("own-payment", rules);
        foreach (var debit in debits)
        {
            var entry = entries.Single(e => e.GetProperty("entryId").GetString() == debit.EntryId);
            Assert.Equal("own-payment", entry.GetProperty("rule").GetString());
            Assert.StartsWith($"end-to-end id {debit.EndToEndId} is our payment to ", entry.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        }
        var unmatched = entries.Where(e => e.GetProperty("status").GetString() == "unmatched").ToList();
        Assert.All(unmatched, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("explanation").GetString())));
        Assert.All(unmatched, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("rule").ValueKind));

        var statement = Assert.Single(Array(root, "statements"));
        Assert.True(statement.GetProperty("agrees").GetBoolean(), statement.GetProperty("explanation").GetString());
        Assert.Equal(0, statement.GetProperty("difference").GetInt64());
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_of_the_bank_files()
    {
        var a = CamtGenerator.WriteBytes(new CamtGeneratorOptions(Seed: 8, Notification: true, EntriesPerStatement: 15));
        var b = new OcrFileGenerator(9).Generate(new OcrGeneratorOptions { NegativeShare = 0, HugeAmountShare = 0 }).Content;
        var items = _files.Items([ReconcileFiles.Row("X1", "C1", "Fjord AS", "1", null, 100)]);
        var pathA = _files.Write("a.xml", a);
        var pathB = _files.Write("b.txt", b);

        var first = ReconcileFiles.Run("--open-items", items, pathA, pathB);
        var second = ReconcileFiles.Run("--open-items", items, pathB, pathA);

        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Json!.RootElement.GetRawText(), second.Json!.RootElement.GetRawText());
    }

    private static List<BankEntry> Read(byte[] camt)
    {
        var reader = new CamtReader(new MemoryStream(camt));
        var entries = new List<BankEntry>();
        foreach (var item in reader.Read())
        {
            if (item is CamtEntryItem e)
            {
                entries.AddRange(CamtBankEntryMapper.Map(reader.Kind!.Value, e.Statement, e.Entry));
            }
        }
        Assert.False(reader.Diagnostics.HasErrors);
        return entries;
    }

    /// <summary>A pain.001.001.03 with one transaction per outgoing payment, as Bankflow would have sent them.</summary>
    private static string Pain001(List<BankEntry> payments)
    {
        var amounts = payments.Select(p => ReconcileFiles.Kroner(-p.Amount.Ore)).ToList();
        var total = ReconcileFiles.Kroner(-payments.Sum(p => p.Amount.Ore));
        var transactions = new StringBuilder();
        for (var i = 0; i < payments.Count; i++)
        {
            transactions.Append($"""
                <CdtTrfTxInf>
                  <PmtId><InstrId>I{i}</InstrId><EndToEndId>{payments[i].EndToEndId}</EndToEndId></PmtId>
                  <Amt><InstdAmt Ccy="NOK">{amounts[i]}</InstdAmt></Amt>
                  <Cdtr><Nm>Leverandør {i} AS</Nm></Cdtr>
                  <CdtrAcct><Id><Othr><Id>86011117947</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id></CdtrAcct>
                  <RmtInf><Ustrd>Faktura {i}</Ustrd></RmtInf>
                </CdtTrfTxInf>
                """);
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">
              <CstmrCdtTrfInitn>
                <GrpHdr><MsgId>PAY-1</MsgId><CreDtTm>2024-05-23T15:02:11+02:00</CreDtTm><NbOfTxs>{payments.Count}</NbOfTxs><CtrlSum>{total}</CtrlSum><InitgPty><Nm>Klient AS</Nm></InitgPty></GrpHdr>
                <PmtInf>
                  <PmtInfId>PAY-1-A</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>{payments.Count}</NbOfTxs><CtrlSum>{total}</CtrlSum>
                  <ReqdExctnDt>2024-05-24</ReqdExctnDt>
                  <Dbtr><Nm>Klient AS</Nm></Dbtr>
                  <DbtrAcct><Id><Othr><Id>12345678903</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id></DbtrAcct>
                  <DbtrAgt><FinInstnId><BIC>DNBANOKK</BIC></FinInstnId></DbtrAgt>
                  {transactions}
                </PmtInf>
              </CstmrCdtTrfInitn>
            </Document>
            """;
    }
}
