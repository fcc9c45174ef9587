using System.Globalization;
using Bankflow.Domain.Nets.Records;

namespace Bankflow.Domain.Nets.Reading;

public sealed partial class NetsReader
{
    private void OnAssignmentEnd(ref NetsFields f, NetsServiceCode service, int type)
    {
        ClosePending(f.LineNumber, "88");
        var record = AssignmentEndRecord.Read(ref f, service, type);
        if (!_inAssignment)
        {
            _diagnostics.Error(f.LineNumber, "88", null, "assignment end (88) without an open assignment start (20)");
            _visitor.AssignmentEnd(record, 0, f.LineNumber);
            return;
        }
        if (service != _assignment.ServiceCode || type != _assignment.AssignmentType)
        {
            _diagnostics.Error(f.LineNumber, "88", "service code", $"the assignment end must have its start's service code and type (line {_assignmentLine})",
                $"NY{(int)_assignment.ServiceCode:D2}{_assignment.AssignmentType:D2}88", $"NY{(int)service:D2}{type:D2}88");
        }
        if (f.Ok)
        {
            var n = _assignment.AssignmentNumber;
            Compare(f.LineNumber, "88", "number of transactions", n, "the number of transactions differs from the transactions in the assignment",
                _assignmentTransactions, record.TransactionCount);
            Compare(f.LineNumber, "88", "number of records", n, "the number of records (20 to 88 inclusive) differs from the records in the assignment",
                _assignmentRecords, record.RecordCount);
            if (_assignmentTotal != record.TotalAmount)
            {
                _diagnostics.Error(f.LineNumber, "88", "total amount",
                    $"assignment {n}: the total amount differs from the sum of the amounts (amounts with sign '-' subtracted)",
                    Ore(_assignmentTotal), Ore(record.TotalAmount));
            }
            var ocr = service == NetsServiceCode.OcrGiro;
            CompareDate(f.LineNumber, ocr ? "earliest Nets date" : "earliest due date", n, "the earliest date differs from the earliest date of its transactions", _earliest, record.EarliestDate);
            CompareDate(f.LineNumber, ocr ? "latest Nets date" : "latest due date", n, "the latest date differs from the latest date of its transactions", _latest, record.LatestDate);
        }
        _inAssignment = false;
        _visitor.AssignmentEnd(record, _assignment.AssignmentNumber, f.LineNumber);
    }

    private void OnTransmissionEnd(ref NetsFields f)
    {
        ClosePending(f.LineNumber, "89");
        if (_inAssignment)
        {
            _diagnostics.Error(f.LineNumber, "89", null, $"assignment {_assignment.AssignmentNumber} (line {_assignmentLine}) is not closed by an assignment end (88)");
            _inAssignment = false;
        }
        var record = TransmissionEndRecord.Read(ref f);
        if (f.Ok)
        {
            Compare(f.LineNumber, "89", "number of transactions", null, "the number of transactions differs from the transactions in the file", _transactions, record.TransactionCount);
            Compare(f.LineNumber, "89", "number of records", null, "the number of records differs from the records in the file (10 and 89 included)", _records, record.RecordCount);
            if (_total != record.TotalAmount)
            {
                _diagnostics.Error(f.LineNumber, "89", "total amount", "the total amount differs from the sum of the amounts in the file (amounts with sign '-' subtracted)",
                    Ore(_total), Ore(record.TotalAmount));
            }
        }
        _seenEnd = true;
        _visitor.TransmissionEnd(record, f.LineNumber);
    }

    private void Finish(int lastLine)
    {
        ClosePending(lastLine, _lastRecordType, "end of file");
        ReportFillerCounts(lastLine);
        if (_records == 0)
        {
            _diagnostics.Error(Math.Max(lastLine, 1), "?", null, "the file holds no records", "NY000010 … NY000089", "an empty file");
            return;
        }
        if (_inAssignment)
        {
            _diagnostics.Error(lastLine, "88", null, $"assignment {_assignment.AssignmentNumber} (line {_assignmentLine}) has no assignment end (88): the file ends inside it");
        }
        if (!_seenEnd)
        {
            _diagnostics.Error(lastLine, "89", null, "the file has no transmission end (89): it may be cut short", "NY000089 as the last record", "end of file");
        }
    }

    /// <summary>The message is completed only on a mismatch: no string is built for a good file.</summary>
    private void Compare(int line, string recordType, string field, int? assignment, string message, long actual, long declared)
    {
        if (actual != declared)
        {
            _diagnostics.Error(line, recordType, field, assignment is { } n ? $"assignment {n}: {message}" : message, actual.ToString(CultureInfo.InvariantCulture), declared.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void CompareDate(int line, string field, int assignment, string message, DateOnly? actual, DateOnly? declared)
    {
        if (actual != declared)
        {
            _diagnostics.Error(line, "88", field, $"assignment {assignment}: {message}", Show(actual), Show(declared));
        }
    }

    private static string Show(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "000000 (none)";

    private static string Ore(Int128 ore) => $"{ore.ToString(CultureInfo.InvariantCulture)} øre";
}
