using System.Security.Cryptography;

namespace Bankflow.Domain.Nets.Mapping;

/// <summary>
/// <see cref="ShipmentTracking.ContentHash"/> fed piece by piece, as a file streams past: SHA-256 (hex) of the
/// records, each followed by LF, without their line endings (LF, or CR LF: one CR before the LF), blank lines
/// (only spaces) or a final newline. Holds no more than the hash state and three small counters, whatever the
/// file and however it is cut into pieces.
/// </summary>
public sealed class ShipmentContentHash : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Spaces at the start of the current line, not yet known to belong to a record (a line of spaces is blank).</summary>
    private int _leadingSpaces;

    /// <summary>The current line has something other than spaces: it is hashed.</summary>
    private bool _inRecord;

    /// <summary>A CR ended the last piece: dropped if an LF follows (or the file ends), kept otherwise.</summary>
    private bool _pendingCarriageReturn;

    private static ReadOnlySpan<byte> Spaces => "                                                                "u8;

    public void Append(ReadOnlySpan<byte> piece)
    {
        while (!piece.IsEmpty)
        {
            var newline = piece.IndexOf((byte)'\n');
            var line = newline < 0 ? piece : piece[..newline];
            if (_pendingCarriageReturn)
            {
                _pendingCarriageReturn = false;
                if (newline != 0)
                {
                    Content("\r"u8);
                }
            }
            if (newline < 0 && !line.IsEmpty && line[^1] == (byte)'\r')
            {
                // Maybe the CR of a CR LF cut in two: decided by the next piece.
                _pendingCarriageReturn = true;
                line = line[..^1];
            }
            else if (newline >= 0 && !line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            Content(line);
            if (newline < 0)
            {
                return;
            }
            EndLine();
            piece = piece[(newline + 1)..];
        }
    }

    /// <summary>The hash of everything appended (the last line ends with the file).</summary>
    public string Finish()
    {
        _pendingCarriageReturn = false;
        EndLine();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private void Content(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        if (!_inRecord)
        {
            var start = bytes.IndexOfAnyExcept((byte)' ');
            if (start < 0)
            {
                _leadingSpaces += bytes.Length;
                return;
            }
            _inRecord = true;
            for (var n = _leadingSpaces; n > 0; n -= Spaces.Length)
            {
                _hash.AppendData(Spaces[..Math.Min(n, Spaces.Length)]);
            }
            _leadingSpaces = 0;
        }
        _hash.AppendData(bytes);
    }

    private void EndLine()
    {
        if (_inRecord)
        {
            _hash.AppendData("\n"u8);
        }
        _inRecord = false;
        _leadingSpaces = 0;
    }
}
