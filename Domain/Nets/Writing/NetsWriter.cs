using Bankflow.Domain.Nets.Document;
using Bankflow.Domain.Nets.Reading;
using Bankflow.Domain.Nets.Records;

namespace Bankflow.Domain.Nets.Writing;

/// <summary>How a written file ends its lines. Nets accepts both; the samples use LF.</summary>
/// <param name="FinalNewline">Whether the last record is followed by a line ending too.</param>
public readonly record struct NetsWriterOptions(NetsLineEnding LineEnding = NetsLineEnding.Lf, bool FinalNewline = true);

/// <summary>
/// Writes records as 80-character ISO-8859-1 lines. The caller decides the order (the reader checks it);
/// <see cref="WriteDocument"/> writes a whole <see cref="NetsTransmission"/> in file order.
/// Call <see cref="Complete"/> at the end: it writes the final newline when the options ask for one.
/// </summary>
public sealed class NetsWriter(Stream output, NetsWriterOptions options = default)
{
    private readonly byte[] _record = new byte[NetsRecord.Length + 2];
    private bool _any;

    public long RecordsWritten { get; private set; }

    public void Write(in TransmissionStartRecord record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in AssignmentStartRecord record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in AmountItem1Record record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in AmountItem2Record record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in AmountItem3Record record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in ClaimItem1Record record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in ClaimItem2Record record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in SpecificationRecord record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in AgreementRecord record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in AssignmentEndRecord record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in TransmissionEndRecord record)
    {
        record.WriteTo(Begin());
        End();
    }

    public void Write(in OcrTransactionRecords transaction)
    {
        Write(transaction.Item1);
        Write(transaction.Item2);
        if (transaction.Item3 is { } item3)
        {
            Write(item3);
        }
    }

    public void Complete()
    {
        if (_any && options.FinalNewline)
        {
            output.Write(LineEnding);
        }
        output.Flush();
    }

    /// <summary>Writes a whole transmission in file order (start, each assignment with its items, end) and completes.</summary>
    public void WriteDocument(NetsTransmission transmission)
    {
        ArgumentNullException.ThrowIfNull(transmission);
        if (transmission.Start is { } start)
        {
            Write(start);
        }
        foreach (var assignment in transmission.Assignments)
        {
            Write(assignment.Start);
            foreach (var transaction in assignment.Transactions)
            {
                Write(transaction.Records);
            }
            foreach (var claim in assignment.Claims)
            {
                Write(claim.Records.Item1);
                if (claim.Records.Item2 is { } item2)
                {
                    Write(item2);
                }
                foreach (var specification in claim.Specifications)
                {
                    Write(specification);
                }
            }
            foreach (var agreement in assignment.Agreements)
            {
                Write(agreement.Record);
            }
            if (assignment.End is { } end)
            {
                Write(end);
            }
        }
        if (transmission.End is { } transmissionEnd)
        {
            Write(transmissionEnd);
        }
        Complete();
    }

    private ReadOnlySpan<byte> LineEnding => options.LineEnding == NetsLineEnding.CrLf ? "\r\n"u8 : "\n"u8;

    /// <summary>Writes the line ending before every record but the first, and returns the 80-byte record buffer.</summary>
    private Span<byte> Begin()
    {
        if (_any)
        {
            output.Write(LineEnding);
        }
        return _record.AsSpan(0, NetsRecord.Length);
    }

    private void End()
    {
        output.Write(_record, 0, NetsRecord.Length);
        _any = true;
        RecordsWritten++;
    }
}
