using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;

namespace Bankflow.Domain.Nets.Document;

/// <summary>One assignment (oppdrag): one agreement and credited account, its transactions and its end record.</summary>
public sealed record NetsAssignment(
    AssignmentStartRecord Start,
    int Line,
    IReadOnlyList<OcrTransaction> Transactions,
    IReadOnlyList<AvtaleGiroClaim> Claims,
    IReadOnlyList<AvtaleGiroAgreement> Agreements)
{
    /// <summary>The end record; null when the file ended without one (an error).</summary>
    public AssignmentEndRecord? End { get; init; }

    public int AssignmentNumber => Start.AssignmentNumber;

    public NetsServiceCode ServiceCode => Start.ServiceCode;

    /// <summary>The credited (payee's) account, 11 digits.</summary>
    public string Account => Start.AccountText;

    public long AgreementId => Start.AgreementId;
}

/// <summary>One transmission (forsendelse): the whole file.</summary>
public sealed record NetsTransmission(TransmissionStartRecord? Start, IReadOnlyList<NetsAssignment> Assignments)
{
    public TransmissionEndRecord? End { get; init; }

    public int TransmissionNumber => Start?.TransmissionNumber ?? 0;

    public int DataTransmitter => Start?.DataTransmitter ?? 0;

    public int DataRecipient => Start?.DataRecipient ?? 0;

    public IEnumerable<OcrTransaction> Transactions => Assignments.SelectMany(a => a.Transactions);
}

/// <summary>A Nets file read whole: for small files and tests. Large files: use <see cref="NetsReader"/> with a visitor.</summary>
public sealed record NetsDocument(NetsTransmission Transmission, NetsReadSummary Summary)
{
    public bool IsValid => Summary.IsValid;

    /// <summary>Reads and checks the whole stream into memory.</summary>
    public static NetsDocument Load(Stream input)
    {
        var builder = new Builder();
        var summary = NetsReader.Read(input, builder);
        return new NetsDocument(builder.Build(), summary);
    }

    public static NetsDocument Load(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return Load(stream);
    }

    private sealed class Builder : INetsVisitor
    {
        private TransmissionStartRecord? _start;
        private TransmissionEndRecord? _end;
        private readonly List<NetsAssignment> _assignments = [];
        private AssignmentStartRecord? _current;
        private int _currentLine;
        private List<OcrTransaction> _transactions = [];
        private List<AvtaleGiroClaim> _claims = [];
        private List<AvtaleGiroAgreement> _agreements = [];
        private List<SpecificationRecord>? _specifications;

        public void TransmissionStart(in TransmissionStartRecord record, int line) => _start ??= record;

        public void AssignmentStart(in AssignmentStartRecord record, int line)
        {
            CloseAssignment(null);
            _current = record;
            _currentLine = line;
        }

        public void Transaction(in OcrTransactionRecords transaction) => _transactions.Add(new OcrTransaction(transaction));

        public void Claim(in ClaimRecords claim)
        {
            _specifications = [];
            _claims.Add(new AvtaleGiroClaim(claim, _specifications));
        }

        public void Specification(in SpecificationRecord record, int assignmentNumber, int line) => _specifications?.Add(record);

        public void Agreement(in AgreementRecord record, int assignmentNumber, int line) => _agreements.Add(new AvtaleGiroAgreement(record, assignmentNumber, line));

        public void AssignmentEnd(in AssignmentEndRecord record, int assignmentNumber, int line) => CloseAssignment(record);

        public void TransmissionEnd(in TransmissionEndRecord record, int line)
        {
            CloseAssignment(null);
            _end = record;
        }

        private void CloseAssignment(AssignmentEndRecord? end)
        {
            _specifications = null;
            if (_current is not { } start)
            {
                return;
            }
            _assignments.Add(new NetsAssignment(start, _currentLine, _transactions, _claims, _agreements) { End = end });
            _current = null;
            _transactions = [];
            _claims = [];
            _agreements = [];
        }

        public NetsTransmission Build()
        {
            CloseAssignment(null);
            return new NetsTransmission(_start, _assignments) { End = _end };
        }
    }
}
