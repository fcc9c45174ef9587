using System.Globalization;
using System.Text;
using Bankflow.Domain.Values;

namespace Bankflow.Testing.Nets;

/// <summary>What the generator put into one OCR transaction: the expected result of reading it back.</summary>
public sealed record GeneratedTransaction(
    int Assignment,
    int Number,
    int Type,
    DateOnly NetsDate,
    int CentreId,
    int DayCode,
    int PartialSettlement,
    int SerialNumber,
    bool Negative,
    long Amount,
    string? Kid,
    long FormNumber,
    string ArchiveReference,
    DateOnly? BankDate,
    long DebitAccount,
    string? FreeText)
{
    public long SignedAmount => Negative ? -Amount : Amount;

    public bool HasItem3 => Type is 20 or 21;
}

public sealed record GeneratedAssignment(int Number, long AgreementId, long Account, DateOnly NetsDate, IReadOnlyList<GeneratedTransaction> Transactions)
{
    public long Total => Transactions.Sum(t => t.SignedAmount);

    public int Records => 2 + Transactions.Sum(t => t.HasItem3 ? 3 : 2);
}

/// <summary>A generated file and what it holds.</summary>
public sealed record GeneratedOcrFile(byte[] Content, int TransmissionNumber, int DataRecipient, DateOnly NetsDate, IReadOnlyList<GeneratedAssignment> Assignments)
{
    public int TransactionCount => Assignments.Sum(a => a.Transactions.Count);

    public long Total => Assignments.Sum(a => a.Total);

    public int Records => 2 + Assignments.Sum(a => a.Records);

    public string Text => Encoding.Latin1.GetString(Content);

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <param name="InvalidKidShare">Share of KIDs whose check digit is made wrong (for warning tests).</param>
public sealed record OcrGeneratorOptions
{
    public int Assignments { get; init; } = 2;
    public int MinTransactions { get; init; } = 1;
    public int MaxTransactions { get; init; } = 6;
    public string NewLine { get; init; } = "\n";
    public bool FinalNewline { get; init; } = true;
    public double NegativeShare { get; init; } = 0.1;
    public double InvalidKidShare { get; init; }
    public long MaxAmount { get; init; } = 10_000_000;

    /// <summary>The data recipient (customer unit id) in the transmission start record; null draws one.</summary>
    public int? DataRecipient { get; init; }

    /// <summary>Share of amounts up to 10^14 øre (17-digit field edge); keep 0 for big files so totals fit 17 digits.</summary>
    public double HugeAmountShare { get; init; } = 0.1;
}

/// <summary>
/// Writes valid Nets OCR giro files from a seed, with its own formatting code (string layouts straight from
/// FORMATS.md §1.2), independent of the production writer, so reading them back tests the reader. Types
/// 10–21, MOD10 and MOD11 KIDs (with '-'), '-' signs, free text with æøå, both line endings.
/// </summary>
public sealed class OcrFileGenerator(int seed)
{
    private static readonly string[] Words = ["Ordre", "kafé", "Grünerløkka", "retur", "Blåbær", "AS", "kvittering", "ÆØÅ", "nr", "55821"];
    private readonly Random _random = new(seed);

    public GeneratedOcrFile Generate(OcrGeneratorOptions? options = null)
    {
        options ??= new OcrGeneratorOptions();
        var transmission = _random.Next(1, 9_999_999);
        // Drawn even when given, so the rest of a seeded file is the same either way.
        var drawn = _random.Next(1, 99_999_999);
        var recipient = options.DataRecipient ?? drawn;
        var fileDate = new DateOnly(2000, 1, 1).AddDays(_random.Next(0, 365 * 30));
        var assignments = new List<GeneratedAssignment>();
        for (var a = 1; a <= options.Assignments; a++)
        {
            var count = _random.Next(options.MinTransactions, options.MaxTransactions + 1);
            assignments.Add(Assignment(a, count, fileDate, options));
        }
        var builder = new StringBuilder();
        var lines = Lines(transmission, recipient, fileDate, assignments);
        for (var i = 0; i < lines.Count; i++)
        {
            builder.Append(lines[i]);
            if (i < lines.Count - 1 || options.FinalNewline)
            {
                builder.Append(options.NewLine);
            }
        }
        return new GeneratedOcrFile(Encoding.Latin1.GetBytes(builder.ToString()), transmission, recipient, fileDate, assignments);
    }

    /// <summary>
    /// Streams a large file (e.g. 200,000 transactions ≈ 32 MB) without keeping its transactions:
    /// one assignment per <paramref name="perAssignment"/> transactions. Returns the signed total.
    /// </summary>
    public long WriteLarge(Stream output, int transactions, int perAssignment = 10_000)
    {
        var options = new OcrGeneratorOptions { NegativeShare = 0.01, HugeAmountShare = 0 };
        var fileDate = new DateOnly(2026, 1, 31);
        using var writer = new StreamWriter(output, Encoding.Latin1, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Start(1_234_567, 12_345_678));
        long total = 0;
        var records = 2;
        var assignmentNumber = 0;
        for (var done = 0; done < transactions; done += perAssignment)
        {
            var count = Math.Min(perAssignment, transactions - done);
            var assignment = Assignment(++assignmentNumber, count, fileDate, options);
            foreach (var line in AssignmentLines(assignment))
            {
                writer.WriteLine(line);
            }
            total += assignment.Total;
            records += assignment.Records;
        }
        writer.WriteLine(End(transactions, records, total, fileDate));
        return total;
    }

    private GeneratedAssignment Assignment(int number, int count, DateOnly fileDate, OcrGeneratorOptions options)
    {
        var transactions = new List<GeneratedTransaction>(count);
        var date = fileDate.AddDays(-_random.Next(0, 5));
        for (var n = 1; n <= count; n++)
        {
            if (_random.Next(4) == 0 && date < fileDate)
            {
                date = date.AddDays(1); // Nets sorts transactions by date, ascending.
            }
            transactions.Add(Transaction(number, n, date, options));
        }
        // An assignment total cannot be negative in the file (17 digits, no sign): keep generated ones positive.
        if (transactions.Sum(t => t.SignedAmount) < 0)
        {
            transactions = transactions.Select(t => t with { Negative = false }).ToList();
        }
        var account = Account();
        var assignment = new GeneratedAssignment(number, _random.Next(1, 999_999_999), account, fileDate, transactions);
        return assignment;
    }

    private GeneratedTransaction Transaction(int assignment, int number, DateOnly date, OcrGeneratorOptions options)
    {
        var type = _random.Next(10, 22);
        var terminal = type >= 18;
        var hasText = type is 20 or 21;
        string? kid = null;
        if (!hasText || _random.Next(3) == 0)
        {
            var body = Digits(_random.Next(3, 24));
            kid = Kid.WithCheckDigit(body, _random.Next(2) == 0 ? KidCheck.Mod10 : KidCheck.Mod11);
            if (_random.NextDouble() < options.InvalidKidShare)
            {
                kid = BreakCheckDigit(kid);
            }
        }
        var amount = _random.NextDouble() < options.HugeAmountShare ? _random.NextInt64(0, 100_000_000_000_000) : _random.NextInt64(1, options.MaxAmount);
        var negative = !terminal && _random.NextDouble() < options.NegativeShare;
        string? text = null;
        if (hasText)
        {
            var words = Enumerable.Range(0, _random.Next(0, 6)).Select(_ => Words[_random.Next(Words.Length)]);
            text = string.Join(' ', words);
            text = text.Length > 40 ? text[..40].TrimEnd() : text;
            text = text.Length == 0 ? null : text;
        }
        DateOnly? bankDate = _random.Next(5) == 0 ? null : date.AddDays(-_random.Next(0, 3));
        return new GeneratedTransaction(
            assignment, number, type, date,
            CentreId: terminal ? 0 : _random.Next(0, 100),
            DayCode: date.Day,
            PartialSettlement: terminal ? 0 : _random.Next(1, 10),
            SerialNumber: terminal ? 0 : _random.Next(0, 100_000),
            Negative: negative,
            Amount: amount,
            Kid: kid,
            FormNumber: _random.Next(3) == 0 ? _random.NextInt64(0, 10_000_000_000) : 0,
            ArchiveReference: Digits(9),
            BankDate: bankDate,
            DebitAccount: terminal || _random.Next(5) == 0 ? 0 : Account(),
            FreeText: text);
    }

    private static string BreakCheckDigit(string kid)
    {
        var body = kid[..^1];
        // Pick a last character that satisfies neither algorithm.
        foreach (var c in "0123456789-")
        {
            var candidate = body + c;
            if (c != kid[^1] && Kid.Verify(candidate) == KidCheck.None)
            {
                return candidate;
            }
        }
        return kid;
    }

    private long Account()
    {
        while (true)
        {
            var ten = Digits(10);
            var check = CheckDigits.Mod11(ten);
            if (check < 10)
            {
                return long.Parse(ten + (char)('0' + check), CultureInfo.InvariantCulture);
            }
        }
    }

    private string Digits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }
        return new string(chars);
    }

    private static List<string> Lines(int transmission, int recipient, DateOnly fileDate, List<GeneratedAssignment> assignments)
    {
        var lines = new List<string> { Start(transmission, recipient) };
        foreach (var assignment in assignments)
        {
            lines.AddRange(AssignmentLines(assignment));
        }
        lines.Add(End(assignments.Sum(a => a.Transactions.Count), 2 + assignments.Sum(a => a.Records), assignments.Sum(a => a.Total), fileDate));
        return lines;
    }

    private static string Start(int transmission, int recipient) =>
        Check($"NY000010{8080:D8}{transmission:D7}{recipient:D8}{new string('0', 49)}");

    private static string End(int transactions, int records, long total, DateOnly date) =>
        Check($"NY000089{transactions:D8}{records:D8}{total:D17}{Date(date)}{new string('0', 33)}");

    private static IEnumerable<string> AssignmentLines(GeneratedAssignment a)
    {
        yield return Check($"NY090020{a.AgreementId:D9}{a.Number:D7}{a.Account:D11}{new string('0', 45)}");
        foreach (var t in a.Transactions)
        {
            var kid = (t.Kid ?? "").PadLeft(25);
            yield return Check($"NY09{t.Type:D2}30{t.Number:D7}{Date(t.NetsDate)}{t.CentreId:D2}{t.DayCode:D2}{t.PartialSettlement:D1}{t.SerialNumber:D5}{(t.Negative ? '-' : '0')}{t.Amount:D17}{kid}000000");
            yield return Check($"NY09{t.Type:D2}31{t.Number:D7}{t.FormNumber:D10}{t.ArchiveReference,-9}0000000{Date(t.BankDate)}{t.DebitAccount:D11}{new string('0', 22)}");
            if (t.HasItem3)
            {
                yield return Check($"NY09{t.Type:D2}32{t.Number:D7}{t.FreeText ?? "",-40}{new string('0', 25)}");
            }
        }
        var earliest = a.Transactions.Count == 0 ? null : (DateOnly?)a.Transactions.Min(t => t.NetsDate);
        var latest = a.Transactions.Count == 0 ? null : (DateOnly?)a.Transactions.Max(t => t.NetsDate);
        yield return Check($"NY090088{a.Transactions.Count:D8}{a.Records:D8}{a.Total:D17}{Date(a.NetsDate)}{Date(earliest)}{Date(latest)}{new string('0', 21)}");
    }

    private static string Date(DateOnly? date) => date?.ToString("ddMMyy", CultureInfo.InvariantCulture) ?? "000000";

    private static string Check(FormattableString line)
    {
        var text = FormattableString.Invariant(line);
        return text.Length == 80 ? text : throw new InvalidOperationException($"generator bug: {text.Length} characters: {text}");
    }
}
