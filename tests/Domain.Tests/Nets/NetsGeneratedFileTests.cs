using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Writing;
using Bankflow.Testing.Nets;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>Property tests over seeded generated files: what was generated is exactly what is read back.</summary>
public sealed class NetsGeneratedFileTests
{
    public static TheoryData<string, bool> LineEndings => new() { { "\n", true }, { "\n", false }, { "\r\n", true }, { "\r\n", false } };

    [Theory]
    [MemberData(nameof(LineEndings))]
    public void Generated_files_read_back_to_what_generated_them(string newLine, bool finalNewline)
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var generated = new OcrFileGenerator(seed).Generate(new OcrGeneratorOptions
            {
                Assignments = 1 + (seed % 4),
                MinTransactions = 0,
                MaxTransactions = 12,
                NewLine = newLine,
                FinalNewline = finalNewline,
                NegativeShare = 0.2,
            });

            var document = NetsDocument.Load(generated.Content);

            Assert.True(document.IsValid, $"seed {seed}: " + string.Join("; ", document.Summary.Diagnostics));
            Assert.DoesNotContain(document.Summary.Diagnostics, d => d.Severity == Severity.Warning);
            AssertSame(generated, document, seed);
            Assert.Equal(newLine == "\r\n" ? NetsLineEnding.CrLf : NetsLineEnding.Lf, document.Summary.LineEnding);
            Assert.Equal(finalNewline, document.Summary.EndsWithNewline);
        }
    }

    [Theory]
    [MemberData(nameof(LineEndings))]
    public void Generated_files_round_trip_through_the_writer(string newLine, bool finalNewline)
    {
        for (var seed = 100; seed < 200; seed++)
        {
            var generated = new OcrFileGenerator(seed).Generate(new OcrGeneratorOptions { Assignments = 1 + (seed % 3), NewLine = newLine, FinalNewline = finalNewline });
            var document = NetsDocument.Load(generated.Content);

            using var output = new MemoryStream();
            new NetsWriter(output, new NetsWriterOptions(document.Summary.LineEnding, document.Summary.EndsWithNewline)).WriteDocument(document.Transmission);

            Assert.Equal(generated.Text, System.Text.Encoding.Latin1.GetString(output.ToArray()));
        }
    }

    [Fact]
    public void Invalid_kid_check_digits_are_warnings_on_the_transaction_and_the_file_stays_valid()
    {
        var generated = new OcrFileGenerator(3).Generate(new OcrGeneratorOptions { Assignments = 3, MinTransactions = 5, MaxTransactions = 10, InvalidKidShare = 0.5 });
        var broken = generated.Assignments.SelectMany(a => a.Transactions).Where(t => t.Kid is not null && Bankflow.Domain.Values.Kid.Verify(t.Kid) == Bankflow.Domain.Values.KidCheck.None).ToList();
        Assert.NotEmpty(broken);

        var document = NetsDocument.Load(generated.Content);

        Assert.True(document.IsValid);
        var warnings = document.Summary.Diagnostics.Where(d => d.Severity == Severity.Warning).ToList();
        Assert.Equal(broken.Count, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("KID", w.Field));
        Assert.Equal(broken.Select(t => t.Kid), warnings.Select(w => w.Found));
        var read = document.Transmission.Transactions.Where(t => t.KidCheck == Bankflow.Domain.Values.KidCheck.None && t.Kid is not null).Select(t => t.Kid);
        Assert.Equal(broken.Select(t => t.Kid), read);
    }

    private static void AssertSame(GeneratedOcrFile generated, NetsDocument document, int seed)
    {
        var t = document.Transmission;
        Assert.Equal(generated.TransmissionNumber, t.TransmissionNumber);
        Assert.Equal(generated.DataRecipient, t.DataRecipient);
        Assert.Equal(generated.Assignments.Count, t.Assignments.Count);
        Assert.Equal((Int128)generated.Total, document.Summary.SignedTotal);
        Assert.Equal(generated.Records, document.Summary.Records);
        for (var a = 0; a < generated.Assignments.Count; a++)
        {
            var expected = generated.Assignments[a];
            var actual = t.Assignments[a];
            Assert.Equal(expected.Number, actual.AssignmentNumber);
            Assert.Equal(expected.AgreementId, actual.AgreementId);
            Assert.Equal(expected.Account.ToString("D11", System.Globalization.CultureInfo.InvariantCulture), actual.Account);
            Assert.Equal(expected.Total, actual.End!.Value.TotalAmount);
            Assert.Equal(expected.Transactions.Count, actual.Transactions.Count);
            for (var i = 0; i < expected.Transactions.Count; i++)
            {
                var e = expected.Transactions[i];
                var r = actual.Transactions[i];
                var context = $"seed {seed}, assignment {e.Assignment}, transaction {e.Number}";
                Assert.True(
                    e.Number == r.TransactionNumber && e.Type == (int)r.TransactionType && e.NetsDate == r.NetsDate
                    && e.CentreId == r.CentreId && e.DayCode == r.DayCode && e.PartialSettlement == r.PartialSettlementNumber
                    && e.SerialNumber == r.SerialNumber && e.Negative == r.IsNegative && e.SignedAmount == r.Amount.Ore
                    && e.Kid == r.Kid && e.FormNumber == r.FormNumber && e.ArchiveReference == (r.ArchiveReference ?? "000000000")
                    && e.BankDate == r.BankDate && (e.DebitAccount == 0 ? null : e.DebitAccount.ToString("D11", System.Globalization.CultureInfo.InvariantCulture)) == r.DebitAccount
                    && e.FreeText == r.FreeText && e.Assignment == r.AssignmentNumber,
                    $"{context}: expected {e}, read {r.Records}");
            }
        }
    }
}
