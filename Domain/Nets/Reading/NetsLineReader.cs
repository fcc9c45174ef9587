using System.Buffers;

namespace Bankflow.Domain.Nets.Reading;

/// <summary>Which line endings a file used, so a writer can reproduce it.</summary>
public enum NetsLineEnding
{
    Lf,
    CrLf,
}

/// <summary>
/// Splits a stream into lines with a fixed buffer: memory does not grow with the file. Accepts LF and CRLF
/// and a missing final newline. A line longer than the buffer is skipped and reported by its length.
/// </summary>
internal sealed class NetsLineReader : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public NetsLineReader(Stream stream)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Length of the line last returned, without its line ending (may exceed the returned span for an overlong line).</summary>
    public int LineLength { get; private set; }

    public long LfLines { get; private set; }

    public long CrLfLines { get; private set; }

    /// <summary>True when the last line read ended with a newline (set at the end of the file).</summary>
    public bool EndsWithNewline { get; private set; }

    public long BytesRead { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = available[..newline];
                _start += newline + 1;
                if (!line.IsEmpty && line[^1] == '\r')
                {
                    line = line[..^1];
                    CrLfLines++;
                }
                else
                {
                    LfLines++;
                }
                LineNumber++;
                LineLength = line.Length;
                EndsWithNewline = true;
                return true;
            }
            if (_eof)
            {
                if (available.IsEmpty)
                {
                    line = default;
                    return false;
                }
                line = available;
                _start = _end;
                LineNumber++;
                LineLength = line.Length;
                EndsWithNewline = false;
                return true;
            }
            if (_start == 0 && _end == _buffer.Length)
            {
                // No newline in a full buffer: far too long to be a record. Skip to the next newline, counting.
                line = SkipOverlongLine();
                return true;
            }
            Fill();
        }
    }

    private ReadOnlySpan<byte> SkipOverlongLine()
    {
        long length = _end;
        _start = _end = 0;
        while (true)
        {
            Fill();
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                _start = newline + 1;
                LfLines++;
                EndsWithNewline = true;
                break;
            }
            length += available.Length;
            _start = _end = 0;
            if (_eof)
            {
                EndsWithNewline = false;
                break;
            }
        }
        LineNumber++;
        LineLength = (int)Math.Min(length, int.MaxValue);
        return _buffer.AsSpan(0, 0);
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        _end += read;
        BytesRead += read;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
