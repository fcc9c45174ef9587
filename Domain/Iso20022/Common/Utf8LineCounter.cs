using System.Text;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// Line and column of byte offsets in a UTF-8 document, counted the way <see cref="System.Xml.XmlReader"/> reports
/// them (<see cref="System.Xml.IXmlLineInfo"/>): a line ends at LF, CR LF or a lone CR; the column is 1-based and
/// counts UTF-16 code units (a character outside the BMP counts two), the byte order mark not included.
/// Offsets are counted lazily and must be asked for in increasing order; the bytes between the last offset
/// counted and the next one must still be in the caller's buffer.
/// </summary>
internal struct Utf8LineCounter
{
    private long _countedTo;
    private bool _lastWasCarriageReturn;

    public Utf8LineCounter(long start)
    {
        _countedTo = start;
        Line = 1;
    }

    /// <summary>1-based line of the last offset counted.</summary>
    public int Line { get; private set; }

    /// <summary>UTF-16 code units between the start of the line and the last offset counted.</summary>
    public int CharsIntoLine { get; private set; }

    public readonly long CountedTo => _countedTo;

    /// <summary>Counts up to <paramref name="offset"/>; <paramref name="bytes"/> are the document's bytes from <see cref="CountedTo"/> on.</summary>
    public void CountTo(long offset, ReadOnlySpan<byte> bytes)
    {
        if (offset <= _countedTo)
        {
            return;
        }
        var span = bytes[..checked((int)(offset - _countedTo))];
        _countedTo = offset;
        var lastBreak = span.LastIndexOfAny((byte)'\n', (byte)'\r');
        if (lastBreak < 0)
        {
            CharsIntoLine += Utf16Length(span);
            _lastWasCarriageReturn = false;
            return;
        }
        var simple = span.IndexOf((byte)'\r') < 0 && !(_lastWasCarriageReturn && span[0] == (byte)'\n');
        var breaks = simple ? span.Count((byte)'\n') : BreaksWithCarriageReturns(span);
        Line += breaks;
        CharsIntoLine = Utf16Length(span[(lastBreak + 1)..]);
        _lastWasCarriageReturn = span[lastBreak] == (byte)'\r';
    }

    /// <summary>CR LF is one break, also when the CR ended the previous span.</summary>
    private int BreaksWithCarriageReturns(ReadOnlySpan<byte> span)
    {
        var breaks = 0;
        var previousWasCarriageReturn = _lastWasCarriageReturn;
        foreach (var b in span)
        {
            if (b == (byte)'\r')
            {
                breaks++;
                previousWasCarriageReturn = true;
                continue;
            }
            if (b == (byte)'\n' && !previousWasCarriageReturn)
            {
                breaks++;
            }
            previousWasCarriageReturn = false;
        }
        return breaks;
    }

    /// <summary>UTF-16 length of valid UTF-8: every byte but continuation bytes, and one more for each four-byte sequence.</summary>
    private static int Utf16Length(ReadOnlySpan<byte> span)
    {
        if (Ascii.IsValid(span))
        {
            return span.Length;
        }
        var length = 0;
        foreach (var b in span)
        {
            if ((b & 0xC0) != 0x80)
            {
                length += b >= 0xF0 ? 2 : 1;
            }
        }
        return length;
    }
}
