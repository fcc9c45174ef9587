using Bankflow.Domain.Banking;
using Bankflow.Domain.Iso20022.Camt;
using Bankflow.Testing;
using static Bankflow.Domain.Tests.Camt.CamtTestSupport;

namespace Bankflow.Domain.Tests.Camt;

/// <summary>The hand-written Norwegian samples: KID batch, fee, reversal, and how camt.053 and camt.054 agree.</summary>
public sealed class CamtSyntheticNorwayTests
{
    private const string Statement053 = "camt.053/samples/synthetic-norway/SYNTHETIC_camt.053.001.02_NO_statement.xml";
    private const string Notification054V02 = "camt.054/samples/synthetic-norway/SYNTHETIC_camt.054.001.02_NO_kid_batch_fee_reversal.xml";
    private const string Notification054V08 = "camt.054/samples/synthetic-norway/SYNTHETIC_camt.054.001.08_NO_kid_batch.xml";

    [SharedReferenceFact]
    public void Notification_KID_batch_becomes_three_bank_entries_with_KIDs_payers_and_archive_references()
    {
        var document = ReadFile(Sample(Notification054V02));
        var entries = BankEntries(document);

        Assert.Equal(6, entries.Count);
        var batch = entries.Take(3).ToList();
        Assert.Equal([125000L, 499050L, 49900L], batch.Select(e => e.Amount.Ore));
        Assert.Equal(["0001234008710", "0004567008729", "1000246-"], batch.Select(e => e.Kid));
        Assert.Equal(["Ola Nordmann", "Bedrift Kunde AS", "Kari Nordmann"], batch.Select(e => e.CounterpartyName));
        Assert.Equal(["15031234562", "15066543215", "30001234575"], batch.Select(e => e.CounterpartyAccount));
        Assert.Equal(["94561154", "94561201", "94561340"], batch.Select(e => e.ArchiveReference));
        Assert.Equal("camt:86011117947:94561154", batch[0].EntryId);
        Assert.All(entries, e =>
        {
            Assert.Equal(BankChannel.Camt054, e.Channel);
            Assert.Equal("86011117947", e.Account);
            Assert.Equal(new DateOnly(2024, 5, 24), e.BookingDate);
            Assert.Equal("NOK", e.Currency);
        });
        Assert.Null(batch[0].EndToEndId); // NOTPROVIDED
        Assert.Equal("E2E-BEDRIFT-7781", batch[1].EndToEndId);
    }

    [SharedReferenceFact]
    public void Notification_free_text_credit_fee_and_reversal_map_to_signed_entries()
    {
        var entries = BankEntries(ReadFile(Sample(Notification054V02)));

        var freeText = entries[3];
        Assert.Equal(150000, freeText.Amount.Ore);
        Assert.Null(freeText.Kid);
        Assert.Equal("Faktura 10234 og 10240, kundenr 4711", freeText.Text);

        var fee = entries[4];
        Assert.Equal(-4500, fee.Amount.Ore);
        Assert.Equal("Gebyr innbetalinger med KID, 3 stk", fee.Text);
        Assert.Equal("camt:86011117947:2024052400417003#1", fee.EntryId); // no TxDtls: entry reference + index
        Assert.Null(fee.CounterpartyName);

        var reversal = entries[5];
        Assert.Equal(-20000, reversal.Amount.Ore);
        Assert.Equal("0005555008753", reversal.Kid);
        Assert.Equal("Kari Nordmann", reversal.CounterpartyName); // the original payer, though the reversal is a debit
    }

    [SharedReferenceFact]
    public void Notification_reads_charges_return_reason_and_reversal_flag()
    {
        var document = ReadFile(Sample(Notification054V02));

        var fee = document.Entries[2].Entry;
        Assert.Equal(4500, fee.Charges!.Total!.Value.Ore);
        Assert.Equal("COMM", fee.Charges.Records.Single().Type);
        Assert.Equal("PMNT/MDOP/CHRG", fee.BankTransactionCode!.Iso);
        var reversal = document.Entries[3].Entry;
        Assert.True(reversal.Reversal);
        Assert.Equal("FOCR", reversal.Transactions.Single().ReturnReason);
        Assert.Equal("Tilbakefort etter tilbakekall fra betalers bank", reversal.Transactions.Single().ReturnInformation);
        Assert.Equal(417, document.Statements.Single().Statement.ElectronicSequenceNumber);
    }

    [SharedReferenceFact]
    public void Statement_lump_sum_agrees_with_the_notification_batch_on_reference_total_and_count()
    {
        var statement = ReadFile(Sample(Statement053));
        var notification = ReadFile(Sample(Notification054V02));
        const string Booking = "2024052400417001";

        var lump = statement.Entries.Single(e => e.Entry.AccountServicerReference == Booking).Entry;
        var detailed = notification.Entries.Single(e => e.Entry.AccountServicerReference == Booking).Entry;

        Assert.Empty(lump.Transactions);
        Assert.Equal(3, lump.Batch!.NumberOfTransactions);
        Assert.Equal(673950, lump.SignedAmount.Ore);
        Assert.Equal(lump.SignedAmount, detailed.SignedAmount);
        Assert.Equal(lump.Batch.NumberOfTransactions, detailed.Transactions.Count);
        Assert.Equal(lump.SignedAmount.Ore, CamtTransactions.Of(detailed).Sum(t => t.Amount.Ore));
        Assert.Equal(lump.BookingDate, detailed.BookingDate);
        Assert.Equal(statement.Statements.Single().Statement.Account.Normalised, notification.Statements.Single().Statement.Account.Normalised);
        // The fee and the reversal are the same bookings in both files too.
        foreach (var reference in new[] { "2024052400417002", "2024052400417003", "2024052400417004" })
        {
            Assert.Equal(
                statement.Entries.Single(e => e.Entry.AccountServicerReference == reference).Entry.SignedAmount,
                notification.Entries.Single(e => e.Entry.AccountServicerReference == reference).Entry.SignedAmount);
        }
    }

    [SharedReferenceFact]
    public void The_lump_sum_is_marked_as_a_batch_total_and_shares_its_batch_reference_with_the_itemised_payments()
    {
        var statement = ReadFile(Sample(Statement053));
        var notification = ReadFile(Sample(Notification054V02));
        const string Booking = "2024052400417001";

        var lumpItem = statement.Entries.Single(e => e.Entry.AccountServicerReference == Booking);
        var lump = Assert.Single(CamtBankEntryMapper.Map(CamtMessageKind.Statement, lumpItem.Statement, lumpItem.Entry));
        var detailItem = notification.Entries.Single(e => e.Entry.AccountServicerReference == Booking);
        var details = CamtBankEntryMapper.Map(CamtMessageKind.Notification, detailItem.Statement, detailItem.Entry);

        Assert.True(lump.IsBatchTotal);
        Assert.Equal(Booking, lump.BatchReference);
        Assert.Equal(3, details.Count);
        Assert.All(details, d => Assert.False(d.IsBatchTotal));
        Assert.All(details, d => Assert.Equal(Booking, d.BatchReference));
        Assert.Equal(lump.Amount.Ore, details.Sum(d => d.Amount.Ore));

        // Single bookings are no batch; the fee keeps its bank transaction code, the reversal its flag.
        var fee = statement.Entries.Select(e => CamtBankEntryMapper.Map(CamtMessageKind.Statement, e.Statement, e.Entry)).SelectMany(x => x)
            .Single(b => b.BankTransactionCode == "PMNT/MDOP/CHRG");
        Assert.Null(fee.BatchReference);
        Assert.False(fee.IsBatchTotal);
        Assert.Contains(statement.Entries.SelectMany(e => CamtBankEntryMapper.Map(CamtMessageKind.Statement, e.Statement, e.Entry)), b => b.IsReversal);
    }

    [SharedReferenceFact]
    public void Statement_balances_check_out_and_are_extracted_per_account_and_date()
    {
        var document = ReadFile(Sample(Statement053));
        var end = document.Statements.Single();

        Assert.Empty(document.Diagnostics); // OPBD 152 340.25 + 8 239.50 − 12 085.00 = CLBD 148 494.75
        Assert.Equal(823950, end.Totals.BookedCredits);
        Assert.Equal(1208500, end.Totals.BookedDebits);
        var balances = CamtStatementBalances.Of(end.Statement);
        Assert.Equal(
            [("OPBD", 15234025L), ("CLBD", 14849475L), ("CLAV", 14849475L)],
            balances.Select(b => (b.Type, b.Amount.Ore)));
        Assert.All(balances, b =>
        {
            Assert.Equal("86011117947", b.Account);
            Assert.Equal(new DateOnly(2024, 5, 24), b.Date);
            Assert.Equal(99, b.SequenceNumber);
            Assert.Equal("NOK", b.Currency);
        });
    }

    [SharedReferenceFact]
    public void Statement_outgoing_batch_carries_end_to_end_ids_and_payees()
    {
        var document = ReadFile(Sample(Statement053));
        var entries = BankEntries(document);

        var outgoing = entries.Where(e => e.EndToEndId is not null).ToList();
        Assert.Equal(["E2E-2024-0001", "E2E-2024-0002"], outgoing.Select(e => e.EndToEndId));
        Assert.Equal([-450000L, -734000L], outgoing.Select(e => e.Amount.Ore));
        Assert.Equal(["Stromleverandor AS", "Regnskapsbyraa Vest AS"], outgoing.Select(e => e.CounterpartyName));
        Assert.Equal("0042001008772", outgoing[0].Kid);
        Assert.Equal("INSTR-0001", document.Entries[2].Entry.Transactions[0].InstructionId);
        // No TxDtls/AcctSvcrRef on these: entry reference + index.
        Assert.Equal("camt:86011117947:2024052400417005#2", outgoing[1].EntryId);
    }

    [SharedReferenceFact]
    public void Version_02_and_08_of_the_notification_give_identical_bank_entries_for_the_shared_content()
    {
        var v02 = BankEntries(ReadFile(Sample(Notification054V02)));
        var v08 = BankEntries(ReadFile(Sample(Notification054V08)));

        // The .08 file has the batch, the free-text credit and the fee (no reversal), with the account as IBAN
        // and one payer account as IBAN: normalised, the transactions are the same bank entries, except that
        // the .08 file leaves out Kari Nordmann's account.
        Assert.Equal("30001234575", v02[2].CounterpartyAccount);
        Assert.Null(v08[2].CounterpartyAccount);
        // The batch is booked under another entry reference in the .08 file (so its batch reference differs).
        Assert.All(v02.Take(3), e => Assert.Equal("2024052400417001", e.BatchReference));
        Assert.All(v08.Take(3), e => Assert.Equal("2024052400418001", e.BatchReference));
        static BankEntry WithoutBatch(BankEntry e) => e with { BatchReference = null };
        Assert.Equal(
            new[] { v02[0], v02[1], v02[2] with { CounterpartyAccount = null }, v02[3] }.Select(WithoutBatch),
            v08.Take(4).Select(WithoutBatch));
        // The fee is booked under another entry reference in the .08 file; everything else is equal.
        Assert.Equal(v02[4] with { EntryId = "", ArchiveReference = null }, v08[4] with { EntryId = "", ArchiveReference = null });
        Assert.Equal(5, v08.Count);
    }
}
