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
        DiagnosticJson.WriteVerdict(json, summary.Diagnostics);
        json.WriteEndObject();
        return summary.Diagnostics;
    }

    private sealed class Visitor(Utf8JsonWriter json) : INetsVisitor
    {
        private const int FlushThreshold = 1 << 16;

        private readonly List<Action> _assignments = [];

        /// <summary>One transaction's JSON: at most ~700 bytes (40 escaped free-text characters are 240).</summary>
        private readonly byte[] _raw = new byte[2048];
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

        /// <summary>
        /// OCR transactions are the bulk of a file (200,000 in the benchmark): each is formatted straight into
        /// bytes as one compact JSON object and handed to the writer as a raw value, which is several times
        /// faster than a writer call per property. Text fields are escaped here (see <see cref="RawJson"/>).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Transaction(in OcrTransactionRecords transaction)
        {
            FlushClaim();
            BeginTransactions();
            var item1 = transaction.Item1;
            var item2 = transaction.Item2;
            var raw = new RawJson(_raw);
            // One transaction per line, also when the writer indents (it does not indent raw values).
            raw.Literal("\n    {\"kind\":\"ocr\",\"assignment\":"u8);
            raw.Number(transaction.AssignmentNumber);
            raw.Literal(",\"line\":"u8);
            raw.Number(transaction.Line);
            raw.Literal(",\"transactionNumber\":"u8);
            raw.Number(item1.TransactionNumber);
            raw.Literal(",\"transactionType\":"u8);
            raw.Number((int)item1.TransactionType);
            raw.Literal(",\"transactionTypeName\":"u8);
            raw.Text(NetsTransactionTypes.Name(item1.TransactionType));
            raw.Literal(",\"netsDate\":"u8);
            raw.Date(item1.NetsDate);
            raw.Literal(",\"centreId\":"u8);
            raw.Number(item1.CentreId);
            raw.Literal(",\"dayCode\":"u8);
            raw.Number(item1.DayCode);
            raw.Literal(",\"partialSettlementNumber\":"u8);
            raw.Number(item1.PartialSettlementNumber);
            raw.Literal(",\"serialNumber\":"u8);
            raw.Number(item1.SerialNumber);
            raw.Literal(item1.IsNegative ? ",\"sign\":\"-\",\"amount\":"u8 : ",\"sign\":\"0\",\"amount\":"u8);
            raw.Number(item1.SignedAmount);
            raw.Literal(",\"kid\":"u8);
            raw.Latin1OrNull(item1.Kid);
            raw.Literal(",\"kidCheck\":"u8);
            raw.Literal(item1.Kid.IsEmpty ? "null"u8 : transaction.KidCheck switch
            {
                KidCheck.Mod10 => "\"mod10\""u8,
                KidCheck.Mod11 => "\"mod11\""u8,
                KidCheck.Mod10 | KidCheck.Mod11 => "\"both\""u8,
                _ => "\"none\""u8,
            });
            raw.Literal(",\"formNumber\":"u8);
            raw.Digits(item2.FormNumber, 10);
            raw.Literal(",\"archiveReference\":"u8);
            raw.Latin1OrNull(item2.ArchiveReference);
            raw.Literal(",\"bankDate\":"u8);
            raw.Date(item2.BankDate);
            raw.Literal(",\"debitAccount\":"u8);
            if (item2.DebitAccount == 0)
            {
                raw.Literal("null"u8);
            }
            else
            {
                raw.Digits(item2.DebitAccount, 11);
            }
            raw.Literal(",\"freeText\":"u8);
            if (transaction.Item3 is { } item3)
            {
                raw.Latin1OrNull(item3.FreeText);
            }
            else
            {
                raw.Literal("null"u8);
            }
            raw.Literal("}"u8);
            json.WriteRawValue(raw.Written, skipInputValidation: true);
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
            if (claim.Item2 is { } item2)
            {
                WriteText(Names.PayerShortName, item2.PayerShortName);
                WriteText(Names.ExternalReference, item2.ExternalReference);
            }
            else
            {
                // A cancellation sent with its item 1 alone.
                json.WriteNull(Names.PayerShortName);
                json.WriteNull(Names.ExternalReference);
            }
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

/// <summary>Appends compact JSON to a byte buffer. Strings are escaped: '"', '\\' and control characters, and ISO-8859-1 bytes above 0x7F become two-byte UTF-8.</summary>
internal ref struct RawJson(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;
    private int _length;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void Literal(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(_buffer[_length..]);
        _length += utf8.Length;
    }

    public void Number(long value)
    {
        value.TryFormat(_buffer[_length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Digits(long value, int width)
    {
        _buffer[_length++] = (byte)'"';
        for (var i = _length + width - 1; i >= _length; i--)
        {
            _buffer[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
        _length += width;
        _buffer[_length++] = (byte)'"';
    }

    public void Date(DateOnly? date)
    {
        if (date is not { } d)
        {
            Literal("null"u8);
            return;
        }
        // yyyy-MM-dd by hand: a format string is parsed on every call, and this runs twice per transaction.
        _buffer[_length++] = (byte)'"';
        Fixed(d.Year, 4);
        _buffer[_length++] = (byte)'-';
        Fixed(d.Month, 2);
        _buffer[_length++] = (byte)'-';
        Fixed(d.Day, 2);
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>A constant ASCII text without characters that need escaping.</summary>
    public void Text(string ascii)
    {
        _buffer[_length++] = (byte)'"';
        foreach (var c in ascii)
        {
            _buffer[_length++] = (byte)c;
        }
        _buffer[_length++] = (byte)'"';
    }

    public void Latin1OrNull(NetsText text)
    {
        if (text.IsEmpty)
        {
            Literal("null"u8);
            return;
        }
        _buffer[_length++] = (byte)'"';
        foreach (var b in text.Span)
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                _buffer[_length++] = (byte)'\\';
                _buffer[_length++] = b;
            }
            else if (b < 0x20 || b == 0x7F)
            {
                Literal("\\u00"u8);
                _buffer[_length++] = Hex(b >> 4);
                _buffer[_length++] = Hex(b & 0xF);
            }
            else if (b < 0x80)
            {
                _buffer[_length++] = b;
            }
            else
            {
                // U+0080–U+00FF in UTF-8.
                _buffer[_length++] = (byte)(0xC0 | (b >> 6));
                _buffer[_length++] = (byte)(0x80 | (b & 0x3F));
            }
        }
        _buffer[_length++] = (byte)'"';
    }

    private void Fixed(int value, int width)
    {
        for (var i = _length + width - 1; i >= _length; i--)
        {
            _buffer[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
        _length += width;
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
