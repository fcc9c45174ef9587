using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Testing.Nets;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>
/// <see cref="NetsReader.Validate"/> skips work only a visitor needs (building and keeping the records of a
/// transaction); it must still say exactly what reading with a visitor says, for valid and damaged files alike.
/// </summary>
public sealed class NetsValidateAgreesWithLoadTests
{
    private static readonly byte[] Replacements = [(byte)'0', (byte)'9', (byte)'-', (byte)' ', (byte)'A', (byte)'\n', 0x00, 0xFF];

    [Fact]
    public void Validate_reports_what_Load_reports_for_every_single_byte_corruption()
    {
        var original = new OcrFileGenerator(33).Generate(new OcrGeneratorOptions
        {
            Assignments = 2, MinTransactions = 3, MaxTransactions = 5, NegativeShare = 0.3, InvalidKidShare = 0.3,
        }).Content;
        var recordTypes = System.Text.Encoding.Latin1.GetString(original).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[6..8]).ToHashSet();
        Assert.Superset(new HashSet<string> { "10", "20", "30", "31", "32", "88", "89" }, recordTypes); // amount item 3 too
        var reported = 0;
        for (var position = 0; position < original.Length; position++)
        {
            foreach (var replacement in Replacements)
            {
                if (original[position] == replacement)
                {
                    continue;
                }
                var corrupt = (byte[])original.Clone();
                corrupt[position] = replacement;

                var loaded = NetsDocument.Load(corrupt).Summary;
                var validated = NetsReader.Validate(new MemoryStream(corrupt, writable: false));

                Assert.Equal(loaded.Diagnostics.Select(d => $"{d.Severity} {d}"), validated.Diagnostics.Select(d => $"{d.Severity} {d}"));
                Assert.Equal((loaded.Records, loaded.Transactions, loaded.SignedTotal, loaded.Format), (validated.Records, validated.Transactions, validated.SignedTotal, validated.Format));
                reported += validated.Diagnostics.Count > 0 ? 1 : 0;
            }
        }
        Assert.True(reported > original.Length, "the corruptions must produce diagnostics to compare");
    }
}
