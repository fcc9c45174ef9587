using Bankflow.Domain.Nets.Reading;
using Bankflow.Testing.Camt;
using Bankflow.Testing.Nets;
using Bankflow.Testing.Pain;

namespace Bankflow.Testing.HostileInput;

/// <summary>
/// The valid files the corpus starts from, all made by the project's own generators from one seed: OCR giro (LF and
/// CRLF), AvtaleGiro, camt.053 and camt.054 in the versions Bankflow reads (pretty-printed and on one line), and
/// pain.002 status reports answering <see cref="BatchId"/>. A test that imports them creates that batch, with
/// <see cref="Payments"/> and the camt files' outgoing end-to-end ids (<see cref="CamtEndToEndIds"/>), first: then a
/// file that is applied changes payment statuses, and a quarantined one must not.
/// </summary>
public static class CorpusSeeds
{
    /// <summary>The payment batch the pain.002 seeds answer (OrgnlMsgId; its one PmtInf is "{BatchId}-A").</summary>
    public const string BatchId = "FUZZ-1";

    /// <summary>The payments of <see cref="BatchId"/> that the pain.002 seeds itemise.</summary>
    public static IReadOnlyList<AnsweredPayment> Payments { get; } =
        [new("FUZZ-1-E1", 1_000), new("FUZZ-1-E2", 1_001), new("FUZZ-1-E3", 1_002)];

    /// <summary>
    /// The end-to-end ids the camt generator gives outgoing payments ("E2E-{entry}-{transaction}", entries numbered
    /// per statement): a batch holding these sees camt debits mark its payments executed.
    /// </summary>
    public static IEnumerable<string> CamtEndToEndIds =>
        from entry in Enumerable.Range(1, MaxCamtEntries)
        from transaction in Enumerable.Range(1, 3)
        select $"E2E-{entry}-{transaction}";

    /// <summary>
    /// The data recipient (Nets customer unit id) of the OCR seeds: the one the tests configure as Bankflow's
    /// (Bankflow:Nets:DataRecipient), so an unmutated OCR seed is Bankflow's to import.
    /// </summary>
    public const int NetsDataRecipient = 105625;

    /// <summary>Entries per camt statement at most (small files keep the whole corpus fast; mutations make them big).</summary>
    public const int MaxCamtEntries = 8;

    public static IReadOnlyList<SeedFile> Create(int seed)
    {
        var random = new Random(seed);
        var seeds = new List<SeedFile>();
        for (var i = 0; i < 2; i++)
        {
            var s = random.Next();
            var crlf = i == 1;
            var ocr = new OcrFileGenerator(s).Generate(new OcrGeneratorOptions
            {
                Assignments = 1 + random.Next(2),
                MaxTransactions = 4,
                NewLine = crlf ? "\r\n" : "\n",
                FinalNewline = random.Next(4) != 0,
                DataRecipient = NetsDataRecipient,
            });
            seeds.Add(new SeedFile($"ocr[{s}{(crlf ? ",crlf" : "")}]", SeedKind.OcrGiro, ocr.Content));
        }
        for (var i = 0; i < 2; i++)
        {
            var s = random.Next();
            var crlf = i == 1;
            seeds.Add(new SeedFile($"avtalegiro[{s}{(crlf ? ",crlf" : "")}]", SeedKind.AvtaleGiro,
                new AvtaleGiroFileGenerator(s).Generate(crlf ? NetsLineEnding.CrLf : NetsLineEnding.Lf)));
        }
        foreach (var (kind, count) in new[] { (SeedKind.Camt053, 3), (SeedKind.Camt054, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                var s = random.Next();
                var version = CamtGenerator.Versions[random.Next(CamtGenerator.Versions.Length)];
                var options = new CamtGeneratorOptions(
                    Seed: s,
                    Notification: kind == SeedKind.Camt054,
                    Version: version,
                    Statements: 1 + random.Next(2),
                    EntriesPerStatement: 2 + random.Next(MaxCamtEntries - 1),
                    Indent: i != 1,
                    TransactionsSummary: random.Next(2) == 0);
                var name = kind == SeedKind.Camt053 ? "camt053" : "camt054";
                seeds.Add(new SeedFile($"{name}[{s},{version}{(options.Indent ? "" : ",one-line")}]", kind, CamtGenerator.WriteBytes(options)));
            }
        }
        for (var i = 0; i < 2; i++)
        {
            var s = random.Next();
            var created = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(10_000));
            seeds.Add(new SeedFile($"pain002[{s}]", SeedKind.Pain002, new Pain002FileGenerator(s).Generate(BatchId, Payments, created)));
        }
        return seeds;
    }
}
