using Bankflow.Domain.Nets;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Nets.Writing;
using Bankflow.Domain.Values;

namespace Bankflow.Testing.Nets;

/// <summary>
/// Writes valid AvtaleGiro files from a seed with the project's record writer: a transmission with up to three
/// assignments — payment claims (type 02, and type 21 with specification lines), cancellations (93, some without
/// item 2) and agreement updates (94) — with counts, sums and dates that agree. Valid by construction; the reader's
/// own tests check the record layouts, so this is for tests that need many different valid files.
/// </summary>
public sealed class AvtaleGiroFileGenerator(int seed)
{
    private static readonly string[] Names = ["NORDMANN", "HANSEN", "ÅSE", "BLÅBÆR AS", "ØYE", "LIE"];
    private readonly Random _random = new(seed);

    public byte[] Generate(NetsLineEnding lineEnding = NetsLineEnding.Lf, bool finalNewline = true)
    {
        using var output = new MemoryStream();
        var writer = new NetsWriter(output, new NetsWriterOptions(lineEnding, finalNewline));
        var due = new DateOnly(2020, 1, 1).AddDays(_random.Next(0, 365 * 8));
        writer.Write(new TransmissionStartRecord(_random.Next(1, 99_999_999), _random.Next(1, 9_999_999), _random.Next(1, 99_999_999)));
        var records = 2;
        var transactions = 0;
        long total = 0;
        var assignment = _random.Next(1, 1000);
        foreach (var kind in Kinds())
        {
            var (count, assignmentRecords, sum) = kind switch
            {
                AvtaleGiroAssignmentType.PaymentClaims => Claims(writer, assignment, due),
                AvtaleGiroAssignmentType.Cancellations => Cancellations(writer, assignment, due),
                _ => Agreements(writer, assignment),
            };
            writer.Write(new AssignmentEndRecord(NetsServiceCode.AvtaleGiro, (int)kind, count, assignmentRecords, sum,
                kind == AvtaleGiroAssignmentType.Agreements ? null : due,
                kind == AvtaleGiroAssignmentType.Agreements ? null : due,
                kind == AvtaleGiroAssignmentType.Agreements ? null : due));
            records += assignmentRecords;
            transactions += count;
            total += sum;
            assignment++;
        }
        writer.Write(new TransmissionEndRecord(transactions, records, total, due));
        writer.Complete();
        return output.ToArray();
    }

    private IEnumerable<AvtaleGiroAssignmentType> Kinds()
    {
        yield return AvtaleGiroAssignmentType.PaymentClaims;
        if (_random.Next(2) == 0)
        {
            yield return AvtaleGiroAssignmentType.Cancellations;
        }
        if (_random.Next(2) == 0)
        {
            yield return AvtaleGiroAssignmentType.Agreements;
        }
    }

    private (int Count, int Records, long Total) Claims(NetsWriter writer, int assignment, DateOnly due)
    {
        writer.Write(new AssignmentStartRecord(NetsServiceCode.AvtaleGiro, (int)AvtaleGiroAssignmentType.PaymentClaims, _random.Next(1, 999_999_999), assignment, Account()));
        var count = _random.Next(1, 5);
        var records = 2;
        long total = 0;
        var number = _random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            number += _random.Next(1, 4); // unique and ascending, not necessarily 1, 2, …
            var bankNotifies = _random.Next(3) == 0;
            var type = bankNotifies ? AvtaleGiroTransactionType.ClaimBankNotifies : AvtaleGiroTransactionType.ClaimPayeeNotifies;
            var amount = _random.NextInt64(100, 10_000_000);
            writer.Write(new ClaimItem1Record(type, number, due, amount, NetsText.From(KidText())));
            writer.Write(new ClaimItem2Record(type, number, NetsText.From(Names[_random.Next(Names.Length)]), NetsText.From($"REF{_random.Next(100_000)}")));
            records += 2;
            if (bankNotifies)
            {
                var lines = _random.Next(1, 4);
                for (var line = 1; line <= lines; line++)
                {
                    writer.Write(new SpecificationRecord(number, 4, line, 1 + _random.Next(2), NetsText.From($"Linje {line} kr {amount / 100}")));
                    records++;
                }
            }
            total += amount;
        }
        return (count, records, total);
    }

    private (int Count, int Records, long Total) Cancellations(NetsWriter writer, int assignment, DateOnly due)
    {
        writer.Write(new AssignmentStartRecord(NetsServiceCode.AvtaleGiro, (int)AvtaleGiroAssignmentType.Cancellations, 0, assignment, Account()));
        var count = _random.Next(1, 4);
        var records = 2;
        long total = 0;
        for (var number = 1; number <= count; number++)
        {
            var amount = _random.NextInt64(100, 1_000_000);
            writer.Write(new ClaimItem1Record(AvtaleGiroTransactionType.Cancellation, number, due, amount, NetsText.From(KidText())));
            records++;
            if (_random.Next(2) == 0)
            {
                writer.Write(new ClaimItem2Record(AvtaleGiroTransactionType.Cancellation, number, NetsText.From(Names[_random.Next(Names.Length)]), NetsText.Empty));
                records++;
            }
            total += amount;
        }
        return (count, records, total);
    }

    private (int Count, int Records, long Total) Agreements(NetsWriter writer, int assignment)
    {
        writer.Write(new AssignmentStartRecord(NetsServiceCode.AvtaleGiro, (int)AvtaleGiroAssignmentType.Agreements, 0, assignment, Account()));
        var count = _random.Next(1, 4);
        for (var number = 1; number <= count; number++)
        {
            writer.Write(new AgreementRecord(number, (AgreementRegistrationType)_random.Next(3), NetsText.From(KidText()), _random.Next(2) == 0));
        }
        return (count, count + 2, 0);
    }

    private string KidText()
    {
        var body = _random.NextInt64(1_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Kid.WithCheckDigit(body, _random.Next(2) == 0 ? KidCheck.Mod10 : KidCheck.Mod11);
    }

    private long Account()
    {
        while (true)
        {
            var ten = _random.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var check = CheckDigits.Mod11(ten);
            if (check < 10)
            {
                return long.Parse(ten + (char)('0' + check), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
