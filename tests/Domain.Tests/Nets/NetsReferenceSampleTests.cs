using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Nets;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Mapping;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Nets.Writing;
using Bankflow.Domain.Values;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>
/// The public samples in ../shared/reference. Counts and totals below were added up by hand from the files
/// (and agree with the table in FORMATS.md §1.4), not taken from the reader.
/// </summary>
public sealed class NetsReferenceSampleTests
{
    private static byte[] Sample(string relative) => File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedReference!, relative));

    public static TheoryData<string, BankFileFormat, int, int, int, long, bool> Samples => new()
    {
        // file, format, assignments, transactions, records, total øre, final newline
        { "ocr-giro/netsgiro_ocr_giro_transactions.txt", BankFileFormat.OcrGiro, 1, 20, 45, 5_144_900, true },
        { "ocr-giro/nets_spec_example_with_negative_sign.txt", BankFileFormat.OcrGiro, 1, 23, 50, 1_563_000, false },
        { "ocr-giro/java-netsgiro_type21_freetext.txt", BankFileFormat.OcrGiro, 1, 1, 7, 44_000, false },
        { "ocr-giro/SYNTHETIC_multi_assignment_types_10-21.txt", BankFileFormat.OcrGiro, 2, 9, 26, 1_003_850, true },
        { "avtalegiro/netsgiro_avtalegiro_payment_request.txt", BankFileFormat.AvtaleGiro, 1, 6, 22, 600, true },
        { "avtalegiro/netsgiro_avtalegiro_agreements.txt", BankFileFormat.AvtaleGiro, 1, 16, 20, 0, true },
    };

    [SharedReferenceTheory]
    [MemberData(nameof(Samples))]
    public void Sample_reads_valid_with_hand_counted_totals(string file, BankFileFormat format, int assignments, int transactions, int records, long total, bool finalNewline)
    {
        var document = NetsDocument.Load(Sample(file));

        Assert.DoesNotContain(document.Summary.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(format, document.Summary.Format);
        Assert.Equal(assignments, document.Transmission.Assignments.Count);
        Assert.Equal(transactions, document.Summary.Transactions);
        Assert.Equal(records, document.Summary.Records);
        Assert.Equal((Int128)total, document.Summary.SignedTotal);
        Assert.Equal(finalNewline, document.Summary.EndsWithNewline);
        Assert.Equal(transactions, document.Transmission.End!.Value.TransactionCount);
        Assert.Equal(total, document.Transmission.End!.Value.TotalAmount);
    }

    [SharedReferenceTheory]
    [MemberData(nameof(Samples))]
    public void Sample_round_trips_byte_for_byte(string file, BankFileFormat format, int assignments, int transactions, int records, long total, bool finalNewline)
    {
        _ = (format, assignments, transactions, records, total);
        var original = Sample(file);
        var document = NetsDocument.Load(original);

        using var output = new MemoryStream();
        new NetsWriter(output, new NetsWriterOptions(document.Summary.LineEnding, finalNewline)).WriteDocument(document.Transmission);

        Assert.Equal(original, output.ToArray());
    }

    [SharedReferenceFact]
    public void Negative_signs_are_subtracted_and_the_file_balances()
    {
        var document = NetsDocument.Load(Sample("ocr-giro/nets_spec_example_with_negative_sign.txt"));
        var transactions = document.Transmission.Transactions.ToList();

        // Transactions 15, 16 and 17 carry '-' in position 32: 250.00 + 400.00 + 1 500.00 = 2 150.00 NOK.
        var negative = transactions.Where(t => t.IsNegative).Select(t => (t.TransactionNumber, t.Amount.Ore)).ToList();
        Assert.Equal([(15, -25_000L), (16, -40_000L), (17, -150_000L)], negative);
        // Gross 19 930.00 − 2 × 2 150.00 = 15 630.00, the assignment and transmission totals.
        Assert.Equal(1_993_000, transactions.Sum(t => Math.Abs(t.Amount.Ore)));
        Assert.Equal(1_563_000, transactions.Sum(t => t.Amount.Ore));
        Assert.Equal(1_563_000, document.Transmission.Assignments[0].End!.Value.TotalAmount);
        Assert.All(transactions, t => Assert.Equal(KidCheck.Mod10, t.KidCheck & KidCheck.Mod10));
        Assert.Empty(document.Summary.Diagnostics);
    }

    [SharedReferenceFact]
    public void Negative_sample_maps_to_bank_entries_with_signed_amounts()
    {
        var document = NetsDocument.Load(Sample("ocr-giro/nets_spec_example_with_negative_sign.txt"));

        var entries = OcrBankEntries.Map(document);

        Assert.Equal(23, entries.Count);
        Assert.Equal(1_563_000, entries.Sum(e => e.Amount.Ore));
        var first = entries[0];
        Assert.Equal("ocr:170031:1:1", first.EntryId);
        Assert.Equal("99991111111", first.Account);
        Assert.Equal(new DateOnly(2004, 3, 24), first.BookingDate);
        Assert.Equal(44_000, first.Amount.Ore);
        Assert.Equal("33000083672049", first.Kid);
        Assert.Equal("88881011128", first.CounterpartyAccount);
        Assert.Equal("094561154", first.ArchiveReference);
        Assert.Equal(-150_000, entries.Single(e => e.EntryId == "ocr:170031:1:17").Amount.Ore);
        Assert.Equal(entries.Count, entries.Select(e => e.EntryId).Distinct().Count());
    }

    [SharedReferenceFact]
    public void Type_21_carries_free_text_in_item_3()
    {
        var document = NetsDocument.Load(Sample("ocr-giro/java-netsgiro_type21_freetext.txt"));

        var transaction = Assert.Single(document.Transmission.Transactions);
        Assert.Equal(OcrTransactionType.PurchaseWithText, transaction.TransactionType);
        Assert.Equal("ABCDEFGHIJKLMNOPQRSTUVWXZYabcdefghijklmn", transaction.FreeText);
        Assert.Null(transaction.Kid);
        Assert.Equal(44_000, transaction.Amount.Ore);
        Assert.Equal(new DateOnly(2004, 3, 24), transaction.NetsDate);
        Assert.Equal(new DateOnly(2004, 3, 23), transaction.BankDate);
        Assert.Equal(12_345, transaction.SerialNumber);
        Assert.Null(transaction.DebitAccount);
    }

    [SharedReferenceFact]
    public void Netsgiro_sample_has_dates_in_the_1990s_and_its_single_assignment_numbered_2_is_fine()
    {
        var document = NetsDocument.Load(Sample("ocr-giro/netsgiro_ocr_giro_transactions.txt"));

        var transactions = document.Transmission.Transactions.ToList();
        Assert.All(transactions, t => Assert.Equal(new DateOnly(1992, 1, 20), t.NetsDate));
        Assert.Equal("Foo bar baz", transactions[0].FreeText);
        Assert.Equal("0000531", transactions[0].Kid);
        Assert.Null(transactions[8].BankDate); // 000000 = no date
        // Nets numbers assignments from its own series per agreement: 2 (here), 2114 (real files) need no warning.
        Assert.Equal(2, Assert.Single(document.Transmission.Assignments).AssignmentNumber);
        Assert.Empty(document.Summary.Diagnostics);
    }

    [SharedReferenceFact]
    public void Synthetic_sample_has_two_assignments_all_type_groups_and_both_kid_algorithms()
    {
        var document = NetsDocument.Load(Sample("ocr-giro/SYNTHETIC_multi_assignment_types_10-21.txt"));

        var assignments = document.Transmission.Assignments;
        Assert.Equal([743_950L, 259_900L], assignments.Select(a => a.Transactions.Sum(t => t.Amount.Ore)));
        Assert.Equal(["86011117947", "12345678903"], assignments.Select(a => a.Account));
        Assert.Equal([10, 13, 16, 19, 18, 21, 20, 15, 11], document.Transmission.Transactions.Select(t => (int)t.TransactionType));
        var avtaleGiro = document.Transmission.Transactions.Single(t => t.TransactionType == OcrTransactionType.AvtaleGiro);
        Assert.Equal("10002389", avtaleGiro.Kid);
        Assert.True(avtaleGiro.KidCheck.HasFlag(KidCheck.Mod11));
        var entries = OcrBankEntries.Map(document);
        Assert.Equal(Banking.BankChannel.AvtaleGiro, entries.Single(e => e.Kid == "10002389").Channel);
        Assert.Equal("Retur ordre 55821", entries.Single(e => e.EntryId == "ocr:2405241:2:2").Text);
    }

    [SharedReferenceFact]
    public void Payment_claims_with_specification_records()
    {
        var document = NetsDocument.Load(Sample("avtalegiro/netsgiro_avtalegiro_payment_request.txt"));

        Assert.Equal(55_555_555, document.Transmission.DataTransmitter);
        Assert.Equal(8080, document.Transmission.DataRecipient);
        var assignment = Assert.Single(document.Transmission.Assignments);
        Assert.Equal(4_000_086, assignment.AssignmentNumber);
        Assert.Equal("88888888888", assignment.Account);
        Assert.Equal(6, assignment.Claims.Count);
        Assert.Equal([2, 2, 0, 0, 2, 0], assignment.Claims.Select(c => c.Specifications.Count));
        Assert.Equal(AvtaleGiroTransactionType.ClaimPayeeNotifies, assignment.Claims[5].TransactionType);
        Assert.All(assignment.Claims, c => Assert.Equal(new DateOnly(2004, 6, 17), c.DueDate));
        Assert.All(assignment.Claims, c => Assert.Equal(100, c.Amount.Ore));
        Assert.All(assignment.Claims, c => Assert.Equal("NAVN", c.PayerShortName));
        Assert.Equal("008000011688373", assignment.Claims[0].Kid);
        Assert.Equal(" Gjelder Faktura: 168837  Dato: 19/03/04", assignment.Claims[0].Specifications[0].Text.ToString());
        Assert.Equal(2, assignment.Claims[0].Specifications[1].Column);
        Assert.Empty(OcrBankEntries.Map(document));
    }

    [SharedReferenceFact]
    public void Agreements_from_nets()
    {
        var document = NetsDocument.Load(Sample("avtalegiro/netsgiro_avtalegiro_agreements.txt"));

        var agreements = Assert.Single(document.Transmission.Assignments).Agreements;
        Assert.Equal(16, agreements.Count);
        Assert.All(agreements, a => Assert.Equal(AgreementRegistrationType.NewOrChanged, a.RegistrationType));
        Assert.Equal("000112000507155", agreements[0].Kid);
        // J/N column counted by hand: N on agreements 2, 6, 7, 13 and 16.
        Assert.Equal([2, 6, 7, 13, 16], agreements.Where(a => !a.WantsPaperNotice).Select(a => a.TransactionNumber));
        Assert.Equal(new DateOnly(2017, 4, 19), document.Transmission.End!.Value.NetsDate);
    }
}
