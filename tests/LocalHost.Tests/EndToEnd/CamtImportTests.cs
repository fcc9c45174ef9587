using System.Globalization;
using System.Text;
using Bankflow.LocalHost.Demo;
using Bankflow.Testing.Camt;

namespace Bankflow.LocalHost.Tests.EndToEnd;

[Collection(LocalStack.Collection)]
public sealed class CamtImportTests(LocalStack stack)
{
    [Fact]
    public async Task A_camt054_kid_batch_becomes_one_bank_entry_per_payment()
    {
        var client = LocalStack.NewClient();
        await stack.DropAsync($"{client}/dnb/ntf.xml", DemoFiles.Camt054(new DateOnly(2026, 11, 20)));
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Imported", import.GetString("Status"));
        Assert.Equal(2, import.GetInt32("EntryCount"));
        var rows = await stack.RowsWithPrefixAsync("BankEntries", client);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Camt054", r.GetString("Channel")));
        Assert.Equal(350_000, rows.Sum(r => r.GetInt64("AmountOre")));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetString("Kid"))));
        Assert.All(rows, r => Assert.StartsWith($"{client}|{DemoFiles.ClientAccount}|202611", r.PartitionKey, StringComparison.Ordinal));
        // Both payments belong to one batch booking; neither is the batch total.
        Assert.All(rows, r => Assert.Equal("DEMO-KID-20261120", r.GetString("BatchReference")));
        Assert.All(rows, r => Assert.Null(r.GetBoolean("IsBatchTotal")));
        Assert.All(rows, r => Assert.Equal("PMNT/RCDT/DMCT", r.GetString("BankTransactionCode")));
    }

    [Fact]
    public async Task A_generated_statement_is_stored_entry_by_entry_with_its_net_amount()
    {
        var client = LocalStack.NewClient();
        var bytes = Encoding.UTF8.GetBytes(CamtGenerator.WriteString(new CamtGeneratorOptions(Seed: 4711, EntriesPerStatement: 12), out var summary));
        Assert.True(bytes.Length < LocalStack.MaxFileBytes, "the test file must stay under the stack's size limit");
        await stack.DropAsync($"{client}/handelsbanken/stmt.xml", bytes);
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Imported", import.GetString("Status"));
        var rows = await stack.RowsWithPrefixAsync("BankEntries", client);
        Assert.Equal(import.GetInt32("EntryCount"), rows.Count);
        Assert.Equal(summary.NetBooked, rows.Sum(r => r.GetInt64("AmountOre")));

        // Importing the same statement again under another name adds nothing.
        await stack.DropAsync($"{client}/upload/stmt-again.xml", bytes);
        await stack.PumpAsync();
        Assert.Equal(rows.Count, (await stack.RowsWithPrefixAsync("BankEntries", client)).Count);
    }

    [Fact]
    public async Task A_statement_that_does_not_follow_on_from_the_previous_one_raises_a_notification()
    {
        var client = LocalStack.NewClient();
        await stack.DropAsync($"{client}/dnb/s1.xml", Statement("S-1", 1, new DateOnly(2026, 11, 2), opening: 1_000_00, credit: 500_00));
        await stack.PumpAsync();
        Assert.Empty(await stack.RowsAsync("Notifications", client));

        // Closing of S-1 is 1500.00; S-3 opens at 1400.00 and skips sequence number 2.
        await stack.DropAsync($"{client}/dnb/s3.xml", Statement("S-3", 3, new DateOnly(2026, 11, 4), opening: 1_400_00, credit: 100_00));
        await stack.PumpAsync();

        var notifications = await stack.RowsAsync("Notifications", client);
        Assert.NotEmpty(notifications);
        Assert.All(notifications, n => Assert.Equal("StatementContinuity", n.GetString("Kind")));
        var text = string.Join("\n", notifications.Select(n => n.GetString("Message")));
        Assert.Contains("1500.00", text, StringComparison.Ordinal);
        Assert.Contains("1400.00", text, StringComparison.Ordinal);
        Assert.Equal(2, (await stack.RowsAsync("FileImports", client)).Count(r => r.GetString("Status") == "Imported"));
    }

    [Fact]
    public async Task An_invalid_camt_file_is_quarantined_with_its_first_error_and_writes_no_entries()
    {
        var client = LocalStack.NewClient();
        var bad = Encoding.UTF8.GetString(Statement("S-9", 9, new DateOnly(2026, 11, 5), opening: 0, credit: 100_00))
            .Replace("<Amt Ccy=\"NOK\">100.00</Amt>", "<Amt Ccy=\"NOK\">100.005</Amt>", StringComparison.Ordinal);
        await stack.DropAsync($"{client}/dnb/bad.xml", Encoding.UTF8.GetBytes(bad));
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Quarantined", import.GetString("Status"));
        Assert.Contains("100.005", import.GetString("Reason"), StringComparison.Ordinal);
        Assert.Empty(await stack.RowsWithPrefixAsync("BankEntries", client));
    }

    /// <summary>A minimal camt.053.001.02 statement: opening balance, one booked credit, closing balance.</summary>
    private static byte[] Statement(string id, int sequence, DateOnly date, long opening, long credit)
    {
        static string A(long ore) => (ore / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        var d = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>MSG-{id}</MsgId><CreDtTm>{d}T23:00:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>{id}</Id>
                  <ElctrncSeqNb>{sequence}</ElctrncSeqNb>
                  <CreDtTm>{d}T23:00:00</CreDtTm>
                  <Acct><Id><Othr><Id>{DemoFiles.ClientAccount}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id><Ccy>NOK</Ccy></Acct>
                  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="NOK">{A(opening)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{d}</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="NOK">{A(opening + credit)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{d}</Dt></Dt></Bal>
                  <Ntry>
                    <Amt Ccy="NOK">{A(credit)}</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{d}</Dt></BookgDt>
                    <ValDt><Dt>{d}</Dt></ValDt>
                    <AcctSvcrRef>{id}-E1</AcctSvcrRef>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;
        return Encoding.UTF8.GetBytes(xml);
    }
}
