using System.Text;
using Bankflow.Domain.Nets;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Nets.Writing;

namespace Bankflow.Domain.Tests.Nets;

public sealed class NetsWriterTests
{
    [Fact]
    public void Records_are_written_at_the_spec_positions()
    {
        using var output = new MemoryStream();
        var writer = new NetsWriter(output, new NetsWriterOptions(NetsLineEnding.CrLf, FinalNewline: false));

        writer.Write(new AmountItem1Record(OcrTransactionType.GiroDebitedAccount, 1, new DateOnly(2026, 1, 31), 1, 31, 1, 1, IsNegative: true, 10_000, NetsText.From("1000246-")));
        writer.Write(new AmountItem3Record(OcrTransactionType.PurchaseWithText, 7, NetsText.From("Blåbær")));
        writer.Complete();

        var text = Encoding.Latin1.GetString(output.ToArray());
        // Written by hand from FORMATS.md §1.2: sign '-' at 32, amount 33–49, KID right-aligned in 50–74.
        Assert.Equal(
            "NY09103000000013101260131100001-00000000000010000                 1000246-000000\r\n" +
            "NY0921320000007Blåbær                                  0000000000000000000000000",
            text);
    }

    [Fact]
    public void Written_records_read_back_identically()
    {
        using var output = new MemoryStream();
        var writer = new NetsWriter(output);
        var item1 = new AmountItem1Record(OcrTransactionType.PurchaseWithText, 1, new DateOnly(1999, 12, 31), 0, 31, 0, 0, false, 99_999_999_999_999_999, NetsText.Empty);
        var item2 = new AmountItem2Record(OcrTransactionType.PurchaseWithText, 1, 0, NetsText.From("123456789"), NetsText.Empty, null, 0);
        var item3 = new AmountItem3Record(OcrTransactionType.PurchaseWithText, 1, NetsText.From("x"));
        writer.Write(new TransmissionStartRecord(8080, 1, 2));
        writer.Write(new AssignmentStartRecord(NetsServiceCode.OcrGiro, 0, 1, 1, 86011117947));
        writer.Write(item1);
        writer.Write(item2);
        writer.Write(item3);
        writer.Write(new AssignmentEndRecord(NetsServiceCode.OcrGiro, 0, 1, 5, 99_999_999_999_999_999, new DateOnly(1999, 12, 31), new DateOnly(1999, 12, 31), new DateOnly(1999, 12, 31)));
        writer.Write(new TransmissionEndRecord(1, 7, 99_999_999_999_999_999, new DateOnly(1999, 12, 31)));
        writer.Complete();

        var document = NetsDocument.Load(output.ToArray());

        Assert.Empty(document.Summary.Diagnostics);
        var t = Assert.Single(document.Transmission.Transactions);
        Assert.Equal(item1, t.Records.Item1);
        Assert.Equal(item2 with { Reserved = NetsText.From("0000000") }, t.Records.Item2);
        Assert.Equal(item3, t.Records.Item3);
    }

    [Fact]
    public void Values_that_do_not_fit_are_refused_by_the_writer()
    {
        var writer = new NetsWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new TransmissionStartRecord(8080, 10_000_000, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new TransmissionEndRecord(1, 1, 1, new DateOnly(2080, 1, 1))));
    }
}
