using Bankflow.Domain.Nets.Document;
using Bankflow.Testing.Nets;

namespace Bankflow.Domain.Tests.Nets;

/// <summary>
/// Every single-byte change of a valid file is either harmless (the same transactions with the same signed
/// amounts, the same totals) or reported as an error. Never an exception, never a silently wrong total.
/// </summary>
public sealed class NetsCorruptionTests
{
    // Digits, sign, blank, a letter, line-ending bytes, NUL and two bytes above ASCII (ISO-8859-1 'ÿ' and 'Ø').
    private static readonly byte[] Replacements = [(byte)'0', (byte)'9', (byte)'-', (byte)'1', (byte)' ', (byte)'A', (byte)'\n', (byte)'\r', 0x00, 0xFF, 0xD8];

    [Theory]
    [InlineData(11, "\n")]
    [InlineData(12, "\r\n")]
    [InlineData(13, "\n")]
    public void Every_single_byte_corruption_is_harmless_or_reported(int seed, string newLine)
    {
        var generated = new OcrFileGenerator(seed).Generate(new OcrGeneratorOptions
        {
            Assignments = 2, MinTransactions = 2, MaxTransactions = 3, NewLine = newLine, NegativeShare = 0.3,
        });
        var original = generated.Content;
        var baseline = Fingerprint(NetsDocument.Load(original));
        var identity = Identity(NetsDocument.Load(original));
        Assert.True(NetsDocument.Load(original).IsValid);

        var checkedCases = 0;
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

                var document = NetsDocument.Load(corrupt); // must not throw

                checkedCases++;
                if (document.IsValid)
                {
                    Assert.True(baseline == Fingerprint(document),
                        $"byte {position} ('{(char)original[position]}' → '{(char)replacement}') gave a valid file with different money: {Fingerprint(document)} instead of {baseline}");
                    // The account has nothing in the file to check it against but its MOD11 digit: a change must still raise
                    // a warning. (The assignment number has nothing at all: Nets numbers assignments from its own series
                    // per agreement, so any number is valid; a repeat within the transmission is an error.)
                    if (identity != Identity(document))
                    {
                        Assert.True(document.Summary.Diagnostics.Count > 0, $"byte {position}: assignment {Identity(document)} instead of {identity} without a warning");
                    }
                }
            }
        }
        Assert.True(checkedCases > original.Length * 5);
    }

    [Fact]
    public void Truncating_a_valid_file_anywhere_is_reported_or_harmless()
    {
        var original = NetsTestFiles.Small(21).Content;
        var baseline = Fingerprint(NetsDocument.Load(original));
        for (var length = 0; length < original.Length; length++)
        {
            var document = NetsDocument.Load(original[..length]);
            // Only dropping the final newline (or nothing of substance) may stay valid.
            if (document.IsValid)
            {
                Assert.Equal(baseline, Fingerprint(document));
            }
        }
    }

    /// <summary>The money a file says: per assignment (by position) each transaction's number, type and signed amount, and the totals.</summary>
    private static string Fingerprint(NetsDocument document) =>
        string.Join(";", document.Transmission.Assignments.Select((a, i) =>
            $"{i}:" + string.Join(",", a.Transactions.Select(t => $"{t.TransactionNumber}/{(int)t.TransactionType}/{t.Amount.Ore}"))))
        + $"|{document.Summary.Transactions}|{document.Summary.SignedTotal}";

    private static string Identity(NetsDocument document) =>
        string.Join(";", document.Transmission.Assignments.Select(a => a.Account));
}
