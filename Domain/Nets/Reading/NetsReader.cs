using Bankflow.Domain.Files;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets.Reading;

/// <summary>
/// Reads a Nets OCR giro or AvtaleGiro file front to back, record by record, checks it (FORMATS.md §1.4
/// V1–V9) and hands each record or transaction to an <see cref="INetsVisitor"/>. Memory stays flat: a fixed
/// read buffer, one pending transaction, one number per assignment and per agreement (to catch an assignment
/// number used twice or going back) and at most <see cref="NetsDiagnostics.Limit"/> diagnostics. Never throws on bad content.
/// </summary>
public sealed partial class NetsReader
{
    private readonly INetsVisitor _visitor;
    private readonly NetsDiagnostics _diagnostics = new();

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// False for <see cref="Validate"/>: the per-transaction record bundle (two or three records copied) is then
    /// not built just to be handed to a visitor that ignores it. Nothing else depends on it.
    /// </summary>
    private readonly bool _visitsTransactions;

    private NetsReader(INetsVisitor visitor)
    {
        _visitor = visitor;
        _visitsTransactions = visitor is not NullVisitor;
    }

    /// <summary>Reads the whole stream (ISO-8859-1 bytes) and returns what was found.</summary>
    public static NetsReadSummary Read(Stream input, INetsVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(visitor);
        return new NetsReader(visitor).Run(input);
    }

    /// <summary>Reads and checks only, for callers that need the verdict and totals.</summary>
    public static NetsReadSummary Validate(Stream input) => Read(input, NullVisitor.Instance);

    private sealed class NullVisitor : INetsVisitor
    {
        public static readonly NullVisitor Instance = new();
    }

    // ---- transmission state ----
    private bool _seenStart;
    private bool _seenEnd;
    private bool _reportedMissingStart;
    private bool _reportedTrailingBlanks;
    private bool _sawOcr;
    private bool _sawAvtaleGiro;
    private long _records;
    private long _transactions;
    private Int128 _total;
    private readonly Dictionary<long, int> _lastAssignmentOfAgreement = [];
    private string _lastRecordType = "?";
    private readonly HashSet<int> _assignmentNumbers = [];

    // ---- assignment state ----
    private bool _inAssignment;
    private AssignmentStartRecord _assignment;
    private int _assignmentLine;
    private long _assignmentRecords;
    private long _assignmentTransactions;
    private Int128 _assignmentTotal;
    private DateOnly? _earliest;
    private DateOnly? _latest;
    private int _lastTransactionNumber;

    // ---- pending transaction (items seen so far) ----
    private Pending _pending;
    private bool _pendingIsClaim;
    private AmountItem1Record _item1;
    private AmountItem2Record _item2;
    private int _item1Line;
    private KidCheck _kidCheck;
    private ClaimItem1Record _claim1;
    private int _specTransaction;
    private int _specCount;

    private enum Pending
    {
        None,
        Item1,
        Item2,
        ClaimItem2,
    }

    private NetsReadSummary Run(Stream input)
    {
        using var lines = new NetsLineReader(input);
        var first = true;
        while (lines.TryReadLine(out var line))
        {
            var number = lines.LineNumber;
            var lineLength = lines.LineLength;
            if (first)
            {
                first = false;
                if (line.StartsWith(Utf8ByteOrderMark))
                {
                    _diagnostics.Warning(number, "?", null, "a UTF-8 byte order mark begins the file; it was ignored (Nets files are ISO-8859-1)");
                    line = line[3..];
                    lineLength -= 3;
                }
            }
            if (line.Trim((byte)' ').IsEmpty && lineLength == line.Length)
            {
                if (!_seenEnd)
                {
                    _diagnostics.Error(number, "?", null, "empty line: every line must be an 80-character record (blank lines are allowed only after the transmission end)");
                }
                continue;
            }
            _records++;
            if (lineLength != line.Length || line.Length > NetsRecord.Length)
            {
                if (lineLength == line.Length && line[NetsRecord.Length..].Trim((byte)' ').IsEmpty)
                {
                    if (!_reportedTrailingBlanks)
                    {
                        _reportedTrailingBlanks = true;
                        _diagnostics.Warning(number, NetsRecordTypeNames.Of(line), null,
                            "blanks after position 80 were ignored (this is the first such line)", "80 characters", $"{line.Length}");
                    }
                    line = line[..NetsRecord.Length];
                }
                else
                {
                    LengthError(number, line, lineLength);
                    continue;
                }
            }
            else if (line.Length < NetsRecord.Length)
            {
                LengthError(number, line, line.Length);
                continue;
            }
            Record(line, number);
        }
        Finish(lines.LineNumber);
        var format = _sawOcr || !_sawAvtaleGiro ? BankFileFormat.OcrGiro : BankFileFormat.AvtaleGiro;
        var ending = lines.CrLfLines > lines.LfLines ? NetsLineEnding.CrLf : NetsLineEnding.Lf;
        if (lines.CrLfLines > 0 && lines.LfLines > 0)
        {
            _diagnostics.Warning(lines.LineNumber, "?", null, "the file mixes CRLF and LF line endings", null, $"{lines.CrLfLines} CRLF, {lines.LfLines} LF");
        }
        return new NetsReadSummary(format, _diagnostics.ToList(), _records, _transactions, _total, ending, lines.EndsWithNewline);
    }

    private void LengthError(int number, ReadOnlySpan<byte> line, int length)
    {
        // A damaged line still occupies its place in the assignment's and file's record counts.
        if (_inAssignment)
        {
            _assignmentRecords++;
        }
        _diagnostics.Error(number, NetsRecordTypeNames.Of(line), null,
            length < NetsRecord.Length ? "line is too short: every record is 80 characters" : "line is too long: every record is 80 characters",
            "80 characters", $"{length}");
    }
}
