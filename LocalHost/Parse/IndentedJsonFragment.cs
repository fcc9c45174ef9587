using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bankflow.LocalHost.Parse;

/// <summary>
/// A reusable byte buffer in which a renderer formats one JSON value exactly as <see cref="Utf8JsonWriter"/> with
/// <c>Indented = true</c> and <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> would write it, to hand it
/// over with <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/> in one call: a writer call per
/// property costs several times more than copying a literal. The caller supplies newlines and indentation (the
/// writer does not indent raw values); strings are escaped by the writer's own encoder whenever they hold anything
/// but plain ASCII, so the output stays byte for byte what the writer would produce.
/// </summary>
internal sealed class IndentedJsonFragment
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>ASCII bytes the encoder escapes: controls, '"', '\\' and DEL.</summary>
    private static readonly SearchValues<byte> Escaped = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', 0x7F]);

    private byte[] _buffer = new byte[4096];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Literal(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    public void Number(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Boolean(bool value) => Literal(value ? "true"u8 : "false"u8);

    /// <summary>"yyyy-MM-dd" or null, as the writer prints <c>DateOnly.ToString("yyyy-MM-dd")</c>.</summary>
    public void Date(DateOnly? date)
    {
        if (date is not { } d)
        {
            Literal("null"u8);
            return;
        }
        Ensure(12);
        var b = _buffer;
        b[_length++] = (byte)'"';
        Digits(d.Year, 4);
        b[_length++] = (byte)'-';
        Digits(d.Month, 2);
        b[_length++] = (byte)'-';
        Digits(d.Day, 2);
        b[_length++] = (byte)'"';
    }

    /// <summary>A JSON string, or null.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Literal("null"u8);
            return;
        }
        Literal("\""u8);
        StringContent(value);
        Literal("\""u8);
    }

    /// <summary>
    /// The escaped content of a string without its quotes; several calls make one string (the writer escapes
    /// character by character, so escaping the parts is escaping the whole).
    /// </summary>
    public void StringContent(ReadOnlySpan<char> value)
    {
        Ensure(value.Length);
        var target = _buffer.AsSpan(_length, value.Length);
        if (Ascii.FromUtf16(value, target, out var written) == OperationStatus.Done && target.IndexOfAny(Escaped) < 0)
        {
            _length += written;
            return;
        }
        // Not plain ASCII: the writer's encoder decides (it escapes unassigned code points, U+0080–U+00A0, …).
        var encoded = JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes;
        Ensure(encoded.Length);
        encoded.CopyTo(_buffer.AsSpan(_length));
        _length += encoded.Length;
    }

    private void Digits(int value, int width)
    {
        for (var i = _length + width - 1; i >= _length; i--)
        {
            _buffer[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
        _length += width;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
