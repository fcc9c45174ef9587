using System.Text.Json;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Nets;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Parse;

/// <summary>
/// <c>bankflow parse</c> for Nets OCR giro and AvtaleGiro. Streams: each transaction is written as soon as it
/// is read and the writer is flushed every 64 KB, so a 200,000-transaction file never sits in memory.
/// Order of properties: format, transmission (start record), transactions, assignments (their end records
/// are known only after their transactions), transmissionEnd, summary, diagnostics.
/// </summary>
internal static class NetsJsonRenderer
{
    public static IReadOnlyList<Diagnostic> Render(Stream input, DetectedFormat format, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(Names.Format, format.Format.WireName());
        var visitor = new Visitor(json);
        var summary = NetsReader.Read(input, visitor);
        visitor.Complete();
        json.WriteStartObject(Names.Summary);
        json.WriteNumber(Names.Records, summary.Records);
        json.WriteNumber(Names.TransactionCount, summary.Transactions);
        if (summary.SignedTotal >= long.MinValue && summary.SignedTotal <= long.MaxValue)
        {
            json.WriteNumber(Names.TotalAmountOre, (long)summary.SignedTotal);
        }
        else
        {
            // Only a broken file can sum beyond a long; print it exactly rather than wrap.
            json.WriteString(Names.TotalAmountOre, summary.SignedTotal.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        json.WriteString(Names.LineEnding, summary.LineEnding == NetsLineEnding.CrLf ? "crlf" : "lf");
        json.WriteBoolean(Names.FinalNewline, summary.EndsWithNewline);
        json.WriteBoolean(Names.Valid, summary.IsValid);
        json.WriteEndObject();
        DiagnosticJson.WriteArray(json, summary.Diagnostics);
        json.WriteEndObject();
        return summary.Diagnostics;
    }

    private sealed class Visitor(Utf8JsonWriter json) : INetsVisitor
    {
        private const int FlushThreshold = 1 << 16;

        private readonly List<Action> _assignments = [];
        private bool _inTransactions;
        private TransmissionEndRecord? _end;
        private AssignmentStartRecord _assignment;
        private int _assignmentLine;

        // A claim is written when its last specification record has been seen.
        private ClaimRecords? _claim;
        private readonly List<SpecificationRecord> _specifications = [];

        public void TransmissionStart(in TransmissionStartRecord record, int line)
        {
            if (_inTransactions)
            {
                return; // a second start record: reported by the reader
            }
            json.WriteStartObject(Names.Transmission);
            json.WriteNumber(Names.Line, line);
            json.WriteNumber(Names.DataTransmitter, record.DataTransmitter);
            json.WriteNumber(Names.TransmissionNumber, record.TransmissionNumber);
            json.WriteNumber(Names.DataRecipient, record.DataRecipient);
            json.WriteEndObject();
            BeginTransactions(writeNullTransmission: false);
        }

        private void BeginTransactions(bool writeNullTransmission = true)
        {
            if (_inTransactions)
            {
                return;
            }
            if (writeNullTransmission)
            {
                json.WriteNull(Names.Transmission);
            }
            json.WriteStartArray(Names.Transactions);
            _inTransactions = true;
        }

        public void AssignmentStart(in AssignmentStartRecord record, int line)
        {
            FlushClaim();
            BeginTransactions();
            _assignment = record;
            _assignmentLine = line;
        }

        public void Transaction(in OcrTransactionRecords transaction)
        {
            FlushClaim();
            BeginTransactions();
            var item1 = transaction.Item1;
            var item2 = transaction.Item2;
            json.WriteStartObject();
            json.WriteString(Names.Kind, "ocr");
            json.WriteNumber(Names.Assignment, transaction.AssignmentNumber);
            json.WriteNumber(Names.Line, transaction.Line);
            json.WriteNumber(Names.TransactionNumber, item1.TransactionNumber);
            json.WriteNumber(Names.TransactionType, (int)item1.TransactionType);
            json.WriteString(Names.TransactionTypeName, NetsTransactionTypes.Name(item1.TransactionType));
            WriteDate(Names.NetsDate, item1.NetsDate);
            json.WriteNumber(Names.CentreId, item1.CentreId);
            json.WriteNumber(Names.DayCode, item1.DayCode);
            json.WriteNumber(Names.PartialSettlementNumber, item1.PartialSettlementNumber);
            json.WriteNumber(Names.SerialNumber, item1.SerialNumber);
            json.WriteString(Names.Sign, item1.IsNegative ? "-" : "0");
            json.WriteNumber(Names.Amount, item1.SignedAmount);
            WriteText(Names.Kid, item1.Kid);
            WriteKidCheck(transaction.KidCheck, item1.Kid);
            WriteDigits(Names.FormNumber, item2.FormNumber, 10);
            WriteText(Names.ArchiveReference, item2.ArchiveReference);
            WriteDate(Names.BankDate, item2.BankDate);
            if (item2.DebitAccount == 0)
            {
                json.WriteNull(Names.DebitAccount);
            }
            else
            {
                WriteDigits(Names.DebitAccount, item2.DebitAccount, 11);
            }
            if (transaction.Item3 is { } item3)
            {
                WriteText(Names.FreeText, item3.FreeText);
            }
            else
            {
                json.WriteNull(Names.FreeText);
            }
            json.WriteEndObject();
            MaybeFlush();
        }

        public void Claim(in ClaimRecords claim)
        {
            FlushClaim();
            BeginTransactions();
            _claim = claim;
        }

        public void Specification(in SpecificationRecord record, int assignmentNumber, int line)
        {
            if (_claim is not null && _specifications.Count < 84)
            {
                _specifications.Add(record);
            }
        }

        private void FlushClaim()
        {
            if (_claim is not { } claim)
            {
                return;
            }
            _claim = null;
            var item1 = claim.Item1;
            json.WriteStartObject();
            json.WriteString(Names.Kind, item1.TransactionType == AvtaleGiroTransactionType.Cancellation ? "cancellation" : "payment-claim");
            json.WriteNumber(Names.Assignment, claim.AssignmentNumber);
            json.WriteNumber(Names.Line, claim.Line);
            json.WriteNumber(Names.TransactionNumber, item1.TransactionNumber);
            json.WriteNumber(Names.TransactionType, (int)item1.TransactionType);
            json.WriteString(Names.TransactionTypeName, NetsTransactionTypes.Name(item1.TransactionType));
            WriteDate(Names.DueDate, item1.DueDate);
            json.WriteNumber(Names.Amount, item1.Amount);
            WriteText(Names.Kid, item1.Kid);
            WriteKidCheck(claim.KidCheck, item1.Kid);
            WriteText(Names.PayerShortName, claim.Item2.PayerShortName);
            WriteText(Names.ExternalReference, claim.Item2.ExternalReference);
            json.WriteStartArray(Names.Specification);
            foreach (var s in _specifications)
            {
                json.WriteStartObject();
                json.WriteNumber(Names.SpecificationLine, s.LineNumber);
                json.WriteNumber(Names.Column, s.Column);
                var text = s.Text;
                WriteText(Names.Text, text, emptyAsNull: false);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            _specifications.Clear();
            MaybeFlush();
        }

        public void Agreement(in AgreementRecord record, int assignmentNumber, int line)
        {
            FlushClaim();
            BeginTransactions();
            json.WriteStartObject();
            json.WriteString(Names.Kind, "agreement");
            json.WriteNumber(Names.Assignment, assignmentNumber);
            json.WriteNumber(Names.Line, line);
            json.WriteNumber(Names.TransactionNumber, record.TransactionNumber);
            json.WriteNumber(Names.TransactionType, (int)AvtaleGiroTransactionType.Agreement);
            json.WriteString(Names.TransactionTypeName, NetsTransactionTypes.Name(AvtaleGiroTransactionType.Agreement));
            json.WriteString(Names.RegistrationType, record.RegistrationType switch
            {
                AgreementRegistrationType.Active => "active",
                AgreementRegistrationType.NewOrChanged => "new-or-changed",
                AgreementRegistrationType.Deleted => "deleted",
                _ => "unknown",
            });
            WriteText(Names.Kid, record.Kid);
            json.WriteBoolean(Names.WantsPaperNotice, record.WantsPaperNotice);
            json.WriteEndObject();
            MaybeFlush();
        }

        public void AssignmentEnd(in AssignmentEndRecord record, int assignmentNumber, int line)
        {
            FlushClaim();
            var start = _assignment;
            var startLine = _assignmentLine;
            var end = record;
            // Assignments are few; their summaries are kept (as small closures) until the transactions array is closed.
            _assignments.Add(() =>
            {
                json.WriteStartObject();
                json.WriteNumber(Names.Assignment, start.AssignmentNumber);
                json.WriteNumber(Names.Line, startLine);
                json.WriteNumber(Names.ServiceCode, (int)start.ServiceCode);
                json.WriteNumber(Names.AssignmentType, start.AssignmentType);
                WriteDigits(Names.AgreementId, start.AgreementId, 9);
                json.WriteString(Names.Account, start.AccountText);
                json.WriteNumber(Names.TransactionCount, end.TransactionCount);
                json.WriteNumber(Names.RecordCount, end.RecordCount);
                json.WriteNumber(Names.TotalAmount, end.TotalAmount);
                if (start.ServiceCode == NetsServiceCode.OcrGiro)
                {
                    WriteDate(Names.NetsDate, end.NetsDate);
                }
                WriteDate(Names.EarliestDate, end.EarliestDate);
                WriteDate(Names.LatestDate, end.LatestDate);
                json.WriteEndObject();
            });
        }

        public void TransmissionEnd(in TransmissionEndRecord record, int line)
        {
            FlushClaim();
            _end = record;
        }

        public void Complete()
        {
            FlushClaim();
            BeginTransactions();
            json.WriteEndArray();
            json.WriteStartArray(Names.Assignments);
            foreach (var write in _assignments)
            {
                write();
            }
            json.WriteEndArray();
            if (_end is { } end)
            {
                json.WriteStartObject(Names.TransmissionEnd);
                json.WriteNumber(Names.TransactionCount, end.TransactionCount);
                json.WriteNumber(Names.RecordCount, end.RecordCount);
                json.WriteNumber(Names.TotalAmount, end.TotalAmount);
                WriteDate(Names.NetsDate, end.NetsDate);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull(Names.TransmissionEnd);
            }
        }

        private void MaybeFlush()
        {
            if (json.BytesPending > FlushThreshold)
            {
                json.Flush();
            }
        }

        private void WriteDate(JsonEncodedText name, DateOnly? date)
        {
            if (date is not { } d)
            {
                json.WriteNull(name);
                return;
            }
            Span<byte> text = stackalloc byte[10];
            d.TryFormat(text, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            json.WriteString(name, text);
        }

        private void WriteDigits(JsonEncodedText name, long value, int width)
        {
            Span<byte> text = stackalloc byte[20];
            value.TryFormat(text, out var written, width == 9 ? "D9" : width == 10 ? "D10" : "D11", System.Globalization.CultureInfo.InvariantCulture);
            json.WriteString(name, text[..written]);
        }

        /// <summary>ISO-8859-1 to UTF-16 is one char per byte; the JSON writer encodes it as UTF-8.</summary>
        private void WriteText(JsonEncodedText name, NetsText text, bool emptyAsNull = true)
        {
            if (text.IsEmpty && emptyAsNull)
            {
                json.WriteNull(name);
                return;
            }
            Span<char> chars = stackalloc char[NetsText.Capacity];
            var bytes = text.Span;
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }
            json.WriteString(name, chars[..bytes.Length]);
        }

        private void WriteKidCheck(KidCheck check, NetsText kid)
        {
            if (kid.IsEmpty)
            {
                json.WriteNull(Names.KidCheck);
                return;
            }
            json.WriteString(Names.KidCheck, check switch
            {
                KidCheck.Mod10 => Names.Mod10,
                KidCheck.Mod11 => Names.Mod11,
                KidCheck.Mod10 | KidCheck.Mod11 => Names.Both,
                _ => Names.None,
            });
        }
    }

    /// <summary>Property names encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Format = JsonEncodedText.Encode("format");
        public static readonly JsonEncodedText Transmission = JsonEncodedText.Encode("transmission");
        public static readonly JsonEncodedText TransmissionEnd = JsonEncodedText.Encode("transmissionEnd");
        public static readonly JsonEncodedText Transactions = JsonEncodedText.Encode("transactions");
        public static readonly JsonEncodedText Assignments = JsonEncodedText.Encode("assignments");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText Records = JsonEncodedText.Encode("records");
        public static readonly JsonEncodedText TotalAmountOre = JsonEncodedText.Encode("signedTotal");
        public static readonly JsonEncodedText LineEnding = JsonEncodedText.Encode("lineEnding");
        public static readonly JsonEncodedText FinalNewline = JsonEncodedText.Encode("finalNewline");
        public static readonly JsonEncodedText Valid = JsonEncodedText.Encode("valid");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText DataTransmitter = JsonEncodedText.Encode("dataTransmitter");
        public static readonly JsonEncodedText TransmissionNumber = JsonEncodedText.Encode("transmissionNumber");
        public static readonly JsonEncodedText DataRecipient = JsonEncodedText.Encode("dataRecipient");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Assignment = JsonEncodedText.Encode("assignment");
        public static readonly JsonEncodedText TransactionNumber = JsonEncodedText.Encode("transactionNumber");
        public static readonly JsonEncodedText TransactionType = JsonEncodedText.Encode("transactionType");
        public static readonly JsonEncodedText TransactionTypeName = JsonEncodedText.Encode("transactionTypeName");
        public static readonly JsonEncodedText NetsDate = JsonEncodedText.Encode("netsDate");
        public static readonly JsonEncodedText CentreId = JsonEncodedText.Encode("centreId");
        public static readonly JsonEncodedText DayCode = JsonEncodedText.Encode("dayCode");
        public static readonly JsonEncodedText PartialSettlementNumber = JsonEncodedText.Encode("partialSettlementNumber");
        public static readonly JsonEncodedText SerialNumber = JsonEncodedText.Encode("serialNumber");
        public static readonly JsonEncodedText Sign = JsonEncodedText.Encode("sign");
        public static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
        public static readonly JsonEncodedText Kid = JsonEncodedText.Encode("kid");
        public static readonly JsonEncodedText KidCheck = JsonEncodedText.Encode("kidCheck");
        public static readonly JsonEncodedText FormNumber = JsonEncodedText.Encode("formNumber");
        public static readonly JsonEncodedText ArchiveReference = JsonEncodedText.Encode("archiveReference");
        public static readonly JsonEncodedText BankDate = JsonEncodedText.Encode("bankDate");
        public static readonly JsonEncodedText DebitAccount = JsonEncodedText.Encode("debitAccount");
        public static readonly JsonEncodedText FreeText = JsonEncodedText.Encode("freeText");
        public static readonly JsonEncodedText DueDate = JsonEncodedText.Encode("dueDate");
        public static readonly JsonEncodedText PayerShortName = JsonEncodedText.Encode("payerShortName");
        public static readonly JsonEncodedText ExternalReference = JsonEncodedText.Encode("externalReference");
        public static readonly JsonEncodedText Specification = JsonEncodedText.Encode("specification");
        public static readonly JsonEncodedText SpecificationLine = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText RegistrationType = JsonEncodedText.Encode("registrationType");
        public static readonly JsonEncodedText WantsPaperNotice = JsonEncodedText.Encode("wantsPaperNotice");
        public static readonly JsonEncodedText ServiceCode = JsonEncodedText.Encode("serviceCode");
        public static readonly JsonEncodedText AssignmentType = JsonEncodedText.Encode("assignmentType");
        public static readonly JsonEncodedText AgreementId = JsonEncodedText.Encode("agreementId");
        public static readonly JsonEncodedText Account = JsonEncodedText.Encode("account");
        public static readonly JsonEncodedText TransactionCount = JsonEncodedText.Encode("transactionCount");
        public static readonly JsonEncodedText RecordCount = JsonEncodedText.Encode("recordCount");
        public static readonly JsonEncodedText TotalAmount = JsonEncodedText.Encode("totalAmount");
        public static readonly JsonEncodedText EarliestDate = JsonEncodedText.Encode("earliestDate");
        public static readonly JsonEncodedText LatestDate = JsonEncodedText.Encode("latestDate");
        public static readonly JsonEncodedText Mod10 = JsonEncodedText.Encode("mod10");
        public static readonly JsonEncodedText Mod11 = JsonEncodedText.Encode("mod11");
        public static readonly JsonEncodedText Both = JsonEncodedText.Encode("both");
        public static readonly JsonEncodedText None = JsonEncodedText.Encode("none");
    }
}
