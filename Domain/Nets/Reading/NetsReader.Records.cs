using System.Runtime.CompilerServices;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Nets.Reading;

public sealed partial class NetsReader
{
    private void Record(ReadOnlySpan<byte> line, int number)
    {
        var kind = NetsRecord.Classify(line, out var service, out var type, out var problem);
        if (_seenEnd)
        {
            _diagnostics.Error(number, NetsRecordTypeNames.Of(line), null, "record after the transmission end (89): nothing but blank lines may follow it");
            return;
        }
        if (!_seenStart && kind != NetsRecordKind.TransmissionStart && !_reportedMissingStart)
        {
            _reportedMissingStart = true;
            _diagnostics.Error(number, NetsRecordTypeNames.Of(line), "record type", "the file must begin with a transmission start record", "NY000010", NetsFields.Show(line[..8]));
        }
        if (_inAssignment)
        {
            _assignmentRecords++;
        }
        CheckFillers(kind, service, type, line, number);
        _lastRecordType = NetsRecordTypeNames.Of(line);
        var f = new NetsFields(line, number, _diagnostics);
        switch (kind)
        {
            case NetsRecordKind.TransmissionStart:
                OnTransmissionStart(ref f);
                break;
            case NetsRecordKind.AssignmentStart:
                OnAssignmentStart(ref f, service, type);
                break;
            case NetsRecordKind.AmountItem1:
                OnItem1(ref f, (OcrTransactionType)type);
                break;
            case NetsRecordKind.AmountItem2:
                OnItem2(ref f, (OcrTransactionType)type);
                break;
            case NetsRecordKind.AmountItem3:
                OnItem3(ref f, (OcrTransactionType)type);
                break;
            case NetsRecordKind.ClaimItem1:
                OnClaimItem1(ref f, (AvtaleGiroTransactionType)type);
                break;
            case NetsRecordKind.ClaimItem2:
                OnClaimItem2(ref f, (AvtaleGiroTransactionType)type);
                break;
            case NetsRecordKind.Specification:
                OnSpecification(ref f);
                break;
            case NetsRecordKind.Agreement:
                OnAgreement(ref f);
                break;
            case NetsRecordKind.AssignmentEnd:
                OnAssignmentEnd(ref f, service, type);
                break;
            case NetsRecordKind.TransmissionEnd:
                OnTransmissionEnd(ref f);
                break;
            default:
                var (field, expected, message) = problem!.Value;
                var found = field == "format code" ? line[..2] : field == "record type" ? line.Slice(6, 2) : line.Slice(2, 4);
                _diagnostics.Error(number, NetsRecordTypeNames.Of(line), field, message, expected, NetsFields.Show(found));
                break;
        }
    }

    private void OnTransmissionStart(ref NetsFields f)
    {
        if (_seenStart)
        {
            _diagnostics.Error(f.LineNumber, "10", null, "a second transmission start: a file holds exactly one transmission");
        }
        else if (_records != 1)
        {
            _diagnostics.Error(f.LineNumber, "10", null, "the transmission start must be the first record", "line 1", $"line {f.LineNumber}");
        }
        _seenStart = true;
        var record = TransmissionStartRecord.Read(ref f);
        _visitor.TransmissionStart(record, f.LineNumber);
    }

    private void OnAssignmentStart(ref NetsFields f, NetsServiceCode service, int type)
    {
        ClosePending(f.LineNumber, "20");
        if (_inAssignment)
        {
            _diagnostics.Error(f.LineNumber, "20", null, $"assignment {_assignment.AssignmentNumber} (line {_assignmentLine}) is not closed by an assignment end (88) before the next assignment start");
            _inAssignment = false;
        }
        var record = AssignmentStartRecord.Read(ref f, service, type);
        var duplicate = f.Ok && !_assignmentNumbers.Add(record.AssignmentNumber);
        if (duplicate)
        {
            _diagnostics.Error(f.LineNumber, "20", "assignment number",
                "assignment number used twice in one transmission: each assignment must have its own number (no transaction may be merged or dropped)",
                "a number not used before", $"{record.AssignmentNumber}");
        }
        if (service == NetsServiceCode.OcrGiro)
        {
            _sawOcr = true;
            // Nets numbers assignments itself, from a running series per agreement (real files: a single assignment
            // numbered 2, or 2114), so the numbers need not start at 1 nor follow one another across agreements: no
            // "should run 1, 2, …" warning (it fired on most real files and meant nothing). What holds within one
            // transmission: numbers are unique (above: the bank entry ids rest on them) and an agreement's increase.
            if (f.Ok)
            {
                var seen = _lastAssignmentOfAgreement.TryGetValue(record.AgreementId, out var previous);
                if (seen && !duplicate && record.AssignmentNumber < previous)
                {
                    _diagnostics.Error(f.LineNumber, "20", "assignment number", "the assignment numbers of one agreement must increase within the transmission",
                        $"more than {previous}", $"{record.AssignmentNumber}");
                }
                _lastAssignmentOfAgreement[record.AgreementId] = Math.Max(previous, record.AssignmentNumber);
            }
        }
        else
        {
            _sawAvtaleGiro = true;
        }
        if (f.Ok && !NetsKidCheck.IsValidAccount(record.Account))
        {
            // Received accounts are only warned about (FORMATS.md §2.3), but a damaged digit here must not pass unnoticed.
            _diagnostics.Warning(f.LineNumber, "20", "assignment account", "the assignment account fails the MOD11 check: check that the file is intact and the account is yours",
                "an 11-digit account with a valid MOD11 check digit", record.AccountText);
        }
        _inAssignment = true;
        _assignment = record;
        _assignmentLine = f.LineNumber;
        _assignmentRecords = 1;
        _assignmentTransactions = 0;
        _assignmentTotal = 0;
        _earliest = null;
        _latest = null;
        _lastTransactionNumber = 0;
        _visitor.AssignmentStart(record, f.LineNumber);
    }

    /// <summary>Common checks for the first item of a transaction; false when it is outside a matching assignment.</summary>
    private bool BeginTransaction(ref NetsFields f, NetsServiceCode service, int transactionNumber, string recordType)
    {
        ClosePending(f.LineNumber, recordType);
        if (!_inAssignment)
        {
            _diagnostics.Error(f.LineNumber, recordType, null, "transaction outside an assignment: an assignment start (20) must come first");
        }
        else if (_assignment.ServiceCode != service)
        {
            _diagnostics.Error(f.LineNumber, recordType, "service code", "the record's service code differs from its assignment's",
                $"{(int)_assignment.ServiceCode:D2}", $"{(int)service:D2}");
        }
        if (f.Ok && service == NetsServiceCode.AvtaleGiro)
        {
            // The AvtaleGiro specification asks for unique numbers above zero in ascending order, not 1, 2, …:
            // claims numbered 4–9 are valid.
            if (transactionNumber <= _lastTransactionNumber)
            {
                _diagnostics.Error(f.LineNumber, recordType, "transaction number", "AvtaleGiro transaction numbers must be above zero, unique and ascending within an assignment",
                    $"more than {_lastTransactionNumber}", $"{transactionNumber}");
            }
        }
        else if (f.Ok && transactionNumber != _lastTransactionNumber + 1)
        {
            _diagnostics.Error(f.LineNumber, recordType, "transaction number", "transaction numbers run 1, 2, … within an assignment",
                $"{_lastTransactionNumber + 1}", $"{transactionNumber}");
        }
        _lastTransactionNumber = transactionNumber;
        _transactions++;
        _assignmentTransactions++;
        return _inAssignment;
    }

    private void AddAmount(long signedAmount, DateOnly? date)
    {
        _total += signedAmount;
        _assignmentTotal += signedAmount;
        if (date is { } d)
        {
            if (_earliest is null || d < _earliest)
            {
                _earliest = d;
            }
            if (_latest is null || d > _latest)
            {
                _latest = d;
            }
        }
    }

    private void OnItem1(ref NetsFields f, OcrTransactionType type)
    {
        _sawOcr = true;
        var record = AmountItem1Record.Read(ref f, type);
        BeginTransaction(ref f, NetsServiceCode.OcrGiro, record.TransactionNumber, "30");
        AddAmount(record.SignedAmount, record.NetsDate);
        _kidCheck = CheckKid(ref f, record.Kid, required: false);
        _item1 = record;
        _item1Line = f.LineNumber;
        _pending = Pending.Item1;
        _pendingIsClaim = false;
    }

    private KidCheck CheckKid(ref NetsFields f, NetsText kid, bool required)
    {
        if (kid.IsEmpty)
        {
            if (required)
            {
                _diagnostics.Error(f.LineNumber, f.RecordType, "KID", "KID is mandatory here", "a KID", "blanks");
            }
            return KidCheck.None;
        }
        var check = f.KnownKidCheck ?? NetsKidCheck.Verify(kid.Span);
        if (check == KidCheck.None)
        {
            _diagnostics.Warning(f.LineNumber, f.RecordType, "KID",
                kid.Length < Kid.MinLength ? "KID is shorter than 2 digits" : "KID check digit fails both MOD10 and MOD11 (the payment is kept; check the KID)",
                "a valid MOD10 or MOD11 check digit", kid.ToString());
        }
        return check;
    }

    private bool MatchesItem1(ref NetsFields f, int transactionNumber, int type, int item1Number, int item1Type, string recordType)
    {
        if (!f.Ok)
        {
            return true;
        }
        if (transactionNumber != item1Number)
        {
            _diagnostics.Error(f.LineNumber, recordType, "transaction number", $"the items of one transaction must have the same transaction number as its item 1 (line {_item1Line})",
                $"{item1Number}", $"{transactionNumber}");
            return false;
        }
        if (type != item1Type)
        {
            _diagnostics.Error(f.LineNumber, recordType, "transaction type", $"the items of one transaction must have the same transaction type as its item 1 (line {_item1Line})",
                $"{item1Type:D2}", $"{type:D2}");
            return false;
        }
        return true;
    }

    private void OnItem2(ref NetsFields f, OcrTransactionType type)
    {
        _sawOcr = true;
        // Validate needs only the checks and the transaction number: the record (two inline texts) is built for a visitor.
        var record = _visitsTransactions ? AmountItem2Record.Read(ref f, type) : default;
        var transactionNumber = _visitsTransactions ? record.TransactionNumber : AmountItem2Record.Check(ref f);
        if (_pending != Pending.Item1 || _pendingIsClaim)
        {
            ClosePending(f.LineNumber, "31");
            _diagnostics.Error(f.LineNumber, "31", null, "amount item 2 without an amount item 1 (30) just before it");
            return;
        }
        MatchesItem1(ref f, transactionNumber, (int)type, _item1.TransactionNumber, (int)_item1.TransactionType, "31");
        if (_visitsTransactions)
        {
            _item2 = record;
        }
        if (NetsTransactionTypes.HasItem3(_item1.TransactionType))
        {
            _pending = Pending.Item2;
            return;
        }
        _pending = Pending.None;
        if (_visitsTransactions)
        {
            VisitTransaction(null);
        }
    }

    private void OnItem3(ref NetsFields f, OcrTransactionType type)
    {
        var record = _visitsTransactions ? AmountItem3Record.Read(ref f, type) : default;
        var transactionNumber = _visitsTransactions ? record.TransactionNumber : AmountItem3Record.Check(ref f);
        if (_pending != Pending.Item2)
        {
            var reason = _pending == Pending.None && !NetsTransactionTypes.HasItem3(type)
                ? $"amount item 3 belongs only to transaction types 20 and 21, found type {(int)type:D2}"
                : "amount item 3 without amount items 1 and 2 just before it";
            ClosePending(f.LineNumber, "32");
            _diagnostics.Error(f.LineNumber, "32", "transaction type", reason, "20 or 21 after items 1 and 2", $"{(int)type:D2}");
            return;
        }
        MatchesItem1(ref f, transactionNumber, (int)type, _item1.TransactionNumber, (int)_item1.TransactionType, "32");
        _pending = Pending.None;
        if (_visitsTransactions)
        {
            VisitTransaction(record);
        }
    }

    private void OnClaimItem1(ref NetsFields f, AvtaleGiroTransactionType type)
    {
        _sawAvtaleGiro = true;
        var record = ClaimItem1Record.Read(ref f, type);
        BeginTransaction(ref f, NetsServiceCode.AvtaleGiro, record.TransactionNumber, "30");
        var expectedAssignment = type == AvtaleGiroTransactionType.Cancellation ? AvtaleGiroAssignmentType.Cancellations : AvtaleGiroAssignmentType.PaymentClaims;
        if (_inAssignment && _assignment.ServiceCode == NetsServiceCode.AvtaleGiro && _assignment.AssignmentType != (int)expectedAssignment)
        {
            _diagnostics.Error(f.LineNumber, "30", "transaction type", "this transaction type does not belong in this kind of AvtaleGiro assignment",
                $"assignment type {(int)expectedAssignment:D2}", $"{_assignment.AssignmentType:D2}");
        }
        AddAmount(record.Amount, record.DueDate);
        _kidCheck = CheckKid(ref f, record.Kid, required: true);
        _claim1 = record;
        _item1Line = f.LineNumber;
        _pending = Pending.Item1;
        _pendingIsClaim = true;
    }

    private void OnClaimItem2(ref NetsFields f, AvtaleGiroTransactionType type)
    {
        var record = ClaimItem2Record.Read(ref f, type);
        if (_pending != Pending.Item1 || !_pendingIsClaim)
        {
            ClosePending(f.LineNumber, "31");
            _diagnostics.Error(f.LineNumber, "31", null, "claim item 2 without a claim item 1 (30) just before it");
            return;
        }
        MatchesItem1(ref f, record.TransactionNumber, (int)type, _claim1.TransactionNumber, (int)_claim1.TransactionType, "31");
        _pending = type == AvtaleGiroTransactionType.ClaimBankNotifies ? Pending.ClaimItem2 : Pending.None;
        _specTransaction = record.TransactionNumber;
        _specCount = 0;
        _visitor.Claim(new ClaimRecords(_assignment.AssignmentNumber, _item1Line, _claim1, record, _kidCheck));

    }

    private void OnSpecification(ref NetsFields f)
    {
        _sawAvtaleGiro = true;
        var record = SpecificationRecord.Read(ref f);
        if (_pending != Pending.ClaimItem2)
        {
            ClosePending(f.LineNumber, "49");
            _diagnostics.Error(f.LineNumber, "49", null, "specification record outside a claim: it must follow item 2 of a type 21 claim");
            return;
        }
        if (f.Ok && record.TransactionNumber != _specTransaction)
        {
            _diagnostics.Error(f.LineNumber, "49", "transaction number", "a specification record must have its claim's transaction number",
                $"{_specTransaction}", $"{record.TransactionNumber}");
        }
        if (++_specCount > 84)
        {
            _diagnostics.Error(f.LineNumber, "49", null, "a claim may have at most 84 specification records (42 lines × 2 columns)");
        }
        _visitor.Specification(record, _assignment.AssignmentNumber, f.LineNumber);
    }

    private void OnAgreement(ref NetsFields f)
    {
        _sawAvtaleGiro = true;
        var record = AgreementRecord.Read(ref f);
        if (BeginTransaction(ref f, NetsServiceCode.AvtaleGiro, record.TransactionNumber, "70")
            && _assignment.AssignmentType != (int)AvtaleGiroAssignmentType.Agreements)
        {
            _diagnostics.Error(f.LineNumber, "70", null, "an agreement record belongs in an agreement assignment (NY212420)",
                $"assignment type {(int)AvtaleGiroAssignmentType.Agreements}", $"{_assignment.AssignmentType:D2}");
        }
        CheckKid(ref f, record.Kid, required: true);
        _visitor.Agreement(record, _assignment.AssignmentNumber, f.LineNumber);
    }

    /// <summary>
    /// A transaction still waiting for an item when another record (or the end) arrives is incomplete. Reported on
    /// the line that arrived instead, naming that line's record type (<paramref name="recordType"/>), with the line of
    /// the transaction's item 1 in the message. An AvtaleGiro cancellation needs only its item 1 (the specification
    /// requires no more): it is complete without item 2.
    /// </summary>
    private void ClosePending(int line, string recordType, string? found = null)
    {
        switch (_pending)
        {
            case Pending.Item1 when _pendingIsClaim && _claim1.TransactionType == AvtaleGiroTransactionType.Cancellation:
                _visitor.Claim(new ClaimRecords(_assignment.AssignmentNumber, _item1Line, _claim1, null, _kidCheck));
                break;
            case Pending.Item1:
                _diagnostics.Error(line, recordType, null,
                    $"transaction {(_pendingIsClaim ? _claim1.TransactionNumber : _item1.TransactionNumber)} (line {_item1Line}) has no amount item 2 (31)",
                    "amount item 2", found ?? $"record {recordType}");
                break;
            case Pending.Item2:
                _diagnostics.Error(line, recordType, null,
                    $"transaction {_item1.TransactionNumber} (line {_item1Line}) of type {(int)_item1.TransactionType} has no amount item 3 (32)",
                    "amount item 3", found ?? $"record {recordType}");
                if (_visitsTransactions)
                {
                    VisitTransaction(null);
                }
                break;
            default:
                break;
        }
        _pending = Pending.None;
    }

    /// <summary>
    /// Hands the pending transaction to the visitor. Kept out of line on purpose: the bundle of three records is
    /// several hundred bytes of stack, and inlined it made every call of the hot OnItem methods zero that frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void VisitTransaction(AmountItem3Record? item3) =>
        _visitor.Transaction(new OcrTransactionRecords(_assignment.AssignmentNumber, _item1Line, _item1, _item2, item3, _kidCheck));
}
