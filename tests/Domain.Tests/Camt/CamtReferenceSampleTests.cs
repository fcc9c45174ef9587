using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing;
using static Bankflow.Domain.Tests.Camt.CamtTestSupport;

namespace Bankflow.Domain.Tests.Camt;

/// <summary>
/// Every camt sample in ../shared/reference. The figures were checked by hand against the files: entries are
/// counted as Ntry elements, transactions as TxDtls (or 1 for an entry without any, or for an entry whose details
/// carry no amounts in the entry currency), sums are credits minus debits over all listed transactions.
/// </summary>
public sealed class CamtReferenceSampleTests
{
    [SharedReferenceTheory]
    // file, kind, version, statements, entries, transactions, signed sum (hundredths), warnings
    [InlineData("camt.053/samples/fffs-finland_camt.053.001.02_sample.xml", "053", "001.02", 1, 10, 13, 1364483, 4)]
    [InlineData("camt.053/samples/genkgo_camt053.v2.multi.statement.xml", "053", "001.02", 2, 2, 2, 185, 0)]
    [InlineData("camt.053/samples/genkgo_camt053.v8.xml", "053", "001.08", 1, 1, 1, 885, 2)]
    [InlineData("camt.053/samples/iso-mdr_camt.053.001.02_example.xml", "053", "001.02", 1, 3, 3, -6432150, 0)]
    [InlineData("camt.053/samples/synthetic-norway/SYNTHETIC_camt.053.001.02_NO_statement.xml", "053", "001.02", 1, 5, 6, -384550, 0)]
    // 4 KID warnings (Finnish references) + TxsSummry net 169.95 where the entries give 5600.00 − 5230.05 = 369.95
    // (the sample counts the reversed INFO credit of 100.00 as negative).
    [InlineData("camt.054/samples/fffs-finland_camt.054.001.02_sample.xml", "054", "001.02", 1, 6, 13, 36995, 5)]
    [InlineData("camt.054/samples/genkgo_camt054.v2.xml", "054", "001.02", 1, 1, 1, -20000000, 1)]
    [InlineData("camt.054/samples/genkgo_camt054.v8.xml", "054", "001.08", 1, 1, 1, -20000000, 2)]
    [InlineData("camt.054/samples/iso-mdr_camt.054.001.02_example.xml", "054", "001.02", 1, 1, 1, 10567850, 0)]
    [InlineData("camt.054/samples/synthetic-norway/SYNTHETIC_camt.054.001.02_NO_kid_batch_fee_reversal.xml", "054", "001.02", 1, 4, 6, 799450, 0)]
    [InlineData("camt.054/samples/synthetic-norway/SYNTHETIC_camt.054.001.08_NO_kid_batch.xml", "054", "001.08", 1, 3, 5, 819450, 0)]
    public void Sample_reads_without_errors_and_with_the_hand_checked_figures(
        string file, string message, string version, int statements, int entries, int transactions, long sum, int warnings)
    {
        var document = ReadFile(Sample(file));

        Assert.Empty(document.Errors());
        Assert.Equal(message == "053" ? CamtMessageKind.Statement : CamtMessageKind.Notification, document.Header!.Kind);
        Assert.Equal(version, document.Header.Version);
        Assert.Equal(statements, document.Statements.Count);
        Assert.Equal(entries, document.Entries.Count);
        Assert.Equal(transactions, TransactionCount(document));
        Assert.Equal(sum, TransactionSum(document));
        Assert.Equal(warnings, document.Warnings().Count());
    }

    [SharedReferenceFact]
    public void Finnish_statement_balances_add_up_and_keep_PRCD_and_CLAV()
    {
        var document = ReadFile(Sample("camt.053/samples/fffs-finland_camt.053.001.02_sample.xml"));
        var statement = document.Statements.Single().Statement;

        Assert.Equal("BANKSTMTID0972009", statement.Id);
        Assert.Equal(120, statement.ElectronicSequenceNumber);
        Assert.Equal("FI7433010001222090", statement.Account.Identifier);
        Assert.Equal("EUR", statement.Currency);
        // OPBD 10 000.00 + credits 23 075.00 − debits 9 430.17 = CLBD 23 644.83 (no balance warning).
        Assert.Equal(["OPBD", "PRCD", "CLBD", "CLAV"], statement.Balances.Select(b => b.Type));
        Assert.Equal(1000000, statement.Opening!.Amount.Ore);
        Assert.Equal(2364483, statement.Closing!.Amount.Ore);
        Assert.Equal(new DateOnly(2009, 10, 28), statement.Balance("PRCD")!.Date);
        var totals = document.Statements.Single().Totals;
        Assert.Equal(2307500, totals.BookedCredits);
        Assert.Equal(943017, totals.BookedDebits);
        Assert.DoesNotContain(document.Warnings(), w => w.Message.Contains("closing", StringComparison.Ordinal));
    }

    [SharedReferenceFact]
    public void Transactions_summary_that_disagrees_with_the_entries_is_a_warning()
    {
        var xml = File.ReadAllText(Sample("camt.053/samples/synthetic-norway/SYNTHETIC_camt.053.001.02_NO_statement.xml"))
            .Replace("<NbOfNtries>5</NbOfNtries>", "<NbOfNtries>6</NbOfNtries>", StringComparison.Ordinal)
            .Replace("<Sum>12085.00</Sum>", "<Sum>12085.10</Sum>", StringComparison.Ordinal);

        var document = ReadXml(xml);

        Assert.Empty(document.Errors());
        Assert.Equal(
            [("/Document/BkToCstmrStmt/Stmt[1]/TxsSummry/TtlNtries/NbOfNtries", "5", "6"), ("/Document/BkToCstmrStmt/Stmt[1]/TxsSummry/TtlDbtNtries/Sum", "12085.00", "12085.10")],
            document.Warnings().Select(w => (w.Path, w.Expected, w.Found)));
    }

    [SharedReferenceFact]
    public void Iso_example_uses_DtTm_booking_dates_and_a_lump_sum_batch_without_details()
    {
        var document = ReadFile(Sample("camt.053/samples/iso-mdr_camt.053.001.02_example.xml"));

        var first = document.Entries[0].Entry;
        Assert.Equal(new DateOnly(2010, 10, 18), first.BookingDate);
        Assert.Equal("MUELL/FINP/RA12345", first.Transactions.Single().EndToEndId);
        Assert.Equal("MUELLER", first.Transactions.Single().Debtor!.Name);
        var batch = document.Entries[1].Entry;
        Assert.Equal(20, batch.Batch!.NumberOfTransactions);
        Assert.Empty(batch.Transactions);
        Assert.Equal(-20000000, CamtTransactions.Of(batch).Single().Amount.Ore);
        // The FX entry's only TxDtls has a counter value in EUR, not a SEK amount: the entry amount is used.
        Assert.Equal(3000000, CamtTransactions.Of(document.Entries[2].Entry).Single().Amount.Ore);
        Assert.Equal("FP-004567-FX", document.Entries[2].Entry.Transactions.Single().InstructionId);
    }

    [SharedReferenceFact]
    public void Finnish_notification_has_an_info_reversal_that_yields_no_bank_entry()
    {
        var document = ReadFile(Sample("camt.054/samples/fffs-finland_camt.054.001.02_sample.xml"));

        var info = document.Entries[5].Entry;
        Assert.Equal("INFO", info.Status);
        Assert.True(info.Reversal);
        Assert.Equal(2, info.Transactions.Count);
        Assert.Empty(CamtBankEntryMapper.Map(CamtMessageKind.Notification, document.Entries[5].Statement, info));
        // 13 transactions, of which the 2 of the INFO entry are not booked.
        Assert.Equal(11, BankEntries(document).Count);
        Assert.Equal(36995 - 10000, BankEntries(document).Sum(b => b.Amount.Ore));
    }

    [SharedReferenceFact]
    public void Genkgo_v08_statement_reads_the_v08_status_and_bank_transaction_code()
    {
        var document = ReadFile(Sample("camt.053/samples/genkgo_camt053.v8.xml"));
        var entry = document.Entries.Single().Entry;

        Assert.Equal("BOOK", entry.Status);
        Assert.Equal("PMNT/RCDT/BOOK", entry.BankTransactionCode!.Iso);
        Assert.Equal(-270000, document.Statements.Single().Statement.Balance("CLAV")!.Amount.Ore); // 2700 JPY, DBIT
    }
}
