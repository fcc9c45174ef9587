using System.Globalization;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Tests.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Pain;

/// <summary>Seeded random batches: what the writer produces always reads back with the same figures, and is XSD-valid.</summary>
public sealed class Pain001RoundTripTests
{
    private static PaymentBatch RandomBatch(Random random, string batchId)
    {
        var bankingDays = Enumerable.Range(0, 120).Select(i => Given.Today.AddDays(i)).Where(NorwegianBankCalendar.IsBankingDay).ToList();
        var count = random.Next(1, 60);
        var payments = new List<PaymentInstruction>(count);
        for (var i = 0; i < count; i++)
        {
            var kroner = random.Next(0, 3) switch
            {
                0 => 0.01m,
                1 => random.Next(1, 100_000) + (random.Next(0, 100) / 100m),
                _ => 999_999_999.99m - random.Next(0, 1000),
            };
            var date = bankingDays[random.Next(bankingDays.Count)];
            var e2e = $"E{i}-{random.Next():X}";
            var body = random.NextInt64(1, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture);
            payments.Add((random.Next(0, 3) switch
            {
                0 => Given.Kid(e2e, kroner, kid: Kid.WithCheckDigit(body, random.Next(2) == 0 ? KidCheck.Mod10 : KidCheck.Mod11)),
                1 => Given.Text(e2e, kroner, "Faktura <" + body + "> & co, æøå"),
                _ => Given.Invoice(e2e, kroner, "F-" + body),
            }) with { RequestedExecutionDate = date, DebtorAccount = random.Next(2) == 0 ? Given.Account.Value : Given.OtherAccount.Value });
        }
        var request = Given.Request(payments, batchId: batchId) with
        {
            Agreements = [Given.DnbAgreement(), Given.DnbAgreement(Given.OtherAccount, ledger: "1921")],
        };
        var result = PaymentBatchBuilder.Build(request);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Batch!;
    }

    [Theory]
    [InlineData(Pain001Version.V03)]
    [InlineData(Pain001Version.V09)]
    public void Random_batches_read_back_with_the_same_figures(Pain001Version version)
    {
        var random = new Random(6_001_003);
        for (var round = 0; round < 40; round++)
        {
            var batch = RandomBatch(random, $"R{round}");
            var read = Pain001Reader.Read(new MemoryStream(Pain001Writer.Write(batch, version)));
            Assert.Empty(read.Diagnostics);
            var doc = read.Document!;
            Assert.Equal(batch.Payments.Count, doc.NumberOfTransactions);
            Assert.Equal(batch.Total.Kroner, doc.ControlSum);
            var groups = batch.Groups();
            Assert.Equal(groups.Count, doc.PaymentInformations.Count);
            foreach (var (group, info) in groups.Zip(doc.PaymentInformations))
            {
                Assert.Equal(group.PaymentInformationId, info.PaymentInformationId);
                Assert.Equal(group.Total.Kroner, info.ControlSum);
                Assert.Equal(group.Payments.Select(p => (p.EndToEndId, p.Amount.Kroner)), info.Transactions.Select(t => (t.EndToEndId!, t.Amount!.Value)));
            }
        }
    }

    /// <summary>The longest batch id (29) with more than 26 PmtInf ("-AA") still gives ids of at most 35 characters.</summary>
    [SharedReferenceTheory]
    [InlineData(Pain001Version.V03, "pain.001/xsd/pain.001.001.03.xsd")]
    [InlineData(Pain001Version.V09, "pain.001/xsd/pain.001.001.09.xsd")]
    public void Random_and_longest_id_batches_are_XSD_valid(Pain001Version version, string xsd)
    {
        var random = new Random(9_001);
        for (var round = 0; round < 5; round++)
        {
            Assert.Empty(PainSamples.ValidateAgainstXsd(Pain001Writer.Write(RandomBatch(random, $"X{round}"), version), xsd));
        }

        var days = Enumerable.Range(0, 60).Select(i => Given.Today.AddDays(i)).Where(NorwegianBankCalendar.IsBankingDay).Take(28).ToList();
        var longId = new string('B', PaymentBatchBuilder.MaxBatchIdLength);
        var payments = days.Select((d, i) => Given.Text($"E-{i}", 1m) with { RequestedExecutionDate = d }).ToList();
        var batch = PaymentBatchBuilder.Build(Given.Request(payments, batchId: longId)).Batch!;
        Assert.Equal(longId + "-AB", batch.Groups()[^1].PaymentInformationId);
        Assert.Empty(PainSamples.ValidateAgainstXsd(Pain001Writer.Write(batch, version), xsd));
    }
}
