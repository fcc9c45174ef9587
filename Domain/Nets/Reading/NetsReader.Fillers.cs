using System.Globalization;
using Bankflow.Domain.Nets.Records;

namespace Bankflow.Domain.Nets.Reading;

/// <summary>
/// Filler fields documented as zeros, and the archive reference of OCR amount item 2: junk in them (letters,
/// blanks in a numeric filler, control characters) is not an error — the fields carry nothing Bankflow uses — but
/// it is a sign of a damaged or hand-edited file, so it is a warning. Digits other than zero are accepted: real
/// Nets files carry digits in positions 35–41 of amount item 2, documented as zeros.
/// Each field is reported on its first few lines and then counted, so a file that is junk-filled throughout
/// cannot push real errors out of the kept diagnostics.
/// </summary>
public sealed partial class NetsReader
{
    /// <summary>Lines listed per field; the rest are counted in one warning at the end.</summary>
    private const int FillerWarningsListed = 3;

    private enum FillerField
    {
        TransmissionStart,
        AssignmentStart,
        Item1,
        ArchiveReference,
        Item2Reserved,
        Item2,
        Item3,
        AssignmentEnd,
        TransmissionEnd,
        ClaimItem1,
        ClaimItem2,
        Specification,
        Agreement,
        Count,
    }

    private readonly int[] _fillerJunk = new int[(int)FillerField.Count];

    private void CheckFillers(NetsRecordKind kind, NetsServiceCode service, int type, ReadOnlySpan<byte> line, int number)
    {
        switch (kind)
        {
            case NetsRecordKind.TransmissionStart:
                Filler(line, number, FillerField.TransmissionStart, 32, 80);
                break;
            case NetsRecordKind.AssignmentStart:
                Filler(line, number, FillerField.AssignmentStart, 36, 80);
                break;
            case NetsRecordKind.AmountItem1:
                Filler(line, number, FillerField.Item1, 75, 80);
                break;
            case NetsRecordKind.AmountItem2:
                // The common case in one check: archive reference and positions 35–41 all digits (26–41).
                if (!NetsDigits.AreDigits(line, 25, 16))
                {
                    ArchiveReference(line, number);
                    Filler(line, number, FillerField.Item2Reserved, 35, 41);
                }
                Filler(line, number, FillerField.Item2, 59, 80);
                break;
            case NetsRecordKind.AmountItem3:
                Filler(line, number, FillerField.Item3, 56, 80);
                break;
            case NetsRecordKind.ClaimItem1:
                Filler(line, number, FillerField.ClaimItem1, 75, 80);
                break;
            case NetsRecordKind.ClaimItem2:
                Filler(line, number, FillerField.ClaimItem2, 76, 80);
                break;
            case NetsRecordKind.Specification:
                Filler(line, number, FillerField.Specification, 61, 80);
                break;
            case NetsRecordKind.Agreement:
                Filler(line, number, FillerField.Agreement, 43, 80);
                break;
            case NetsRecordKind.AssignmentEnd:
                // OCR: dates up to 59. AvtaleGiro claims: due dates up to 53. AvtaleGiro agreements: nothing after the counts.
                var from = service == NetsServiceCode.OcrGiro ? 60 : type == (int)AvtaleGiroAssignmentType.Agreements ? 25 : 54;
                Filler(line, number, FillerField.AssignmentEnd, from, 80);
                break;
            case NetsRecordKind.TransmissionEnd:
                Filler(line, number, FillerField.TransmissionEnd, 48, 80);
                break;
            default:
                break;
        }
    }

    private void Filler(ReadOnlySpan<byte> line, int number, FillerField field, int start, int end)
    {
        if (NetsDigits.AreDigits(line, start - 1, end - start + 1))
        {
            return;
        }
        if (++_fillerJunk[(int)field] <= FillerWarningsListed)
        {
            _diagnostics.Warning(number, NetsRecordTypeNames.Of(line), "filler",
                $"filler (positions {start}–{end}) holds characters that are not digits: it should be zeros; check that the file is intact",
                "zeros", NetsFields.Show(line.Slice(start - 1, end - start + 1)));
        }
    }

    /// <summary>Amount item 2, positions 26–34: an agreement id, archive reference or BAX + session number — digits (all blanks: none given).</summary>
    private void ArchiveReference(ReadOnlySpan<byte> line, int number)
    {
        const int start = 26, length = 9;
        if (NetsDigits.AreDigits(line, start - 1, length) || line.Slice(start - 1, length).IndexOfAnyExcept((byte)' ') < 0)
        {
            return;
        }
        if (++_fillerJunk[(int)FillerField.ArchiveReference] <= FillerWarningsListed)
        {
            _diagnostics.Warning(number, "31", "archive reference",
                "the archive reference (positions 26–34) holds characters that are not digits: it is kept as written; check that the file is intact",
                "9 digits", NetsFields.Show(line.Slice(start - 1, length)));
        }
    }

    /// <summary>One warning per field with more junk than was listed.</summary>
    private void ReportFillerCounts(int lastLine)
    {
        for (var i = 0; i < _fillerJunk.Length; i++)
        {
            var more = _fillerJunk[i] - FillerWarningsListed;
            if (more > 0)
            {
                var what = (FillerField)i == FillerField.ArchiveReference ? "archive references" : "fillers";
                _diagnostics.Warning(lastLine, "?", (FillerField)i == FillerField.ArchiveReference ? "archive reference" : "filler",
                    $"{more.ToString(CultureInfo.InvariantCulture)} more {what} of the same kind hold characters that are not digits (only the first {FillerWarningsListed} are listed)");
            }
        }
    }
}
