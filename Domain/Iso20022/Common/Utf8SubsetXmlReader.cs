using System.Buffers;
using System.Text.Unicode;
using System.Text;
using System.Xml;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>Thrown by <see cref="Utf8SubsetXmlReader"/> where a file is not plain XML it reads exactly as the framework's reader does.</summary>
internal sealed class XmlOutsideSubsetException(string reason) : Exception(reason);

/// <summary>
/// A forward-only <see cref="XmlReader"/> straight over UTF-8 bytes, for the plain XML that ISO 20022 files are
/// made of: elements, attributes, text with the five predefined entities and character references, comments
/// outside the root element, an XML declaration. It reads such a file several times faster than the framework's
/// reader, which decodes every byte to UTF-16 and keeps far more state than <see cref="XmlElementCursor"/> needs.
/// <para>It reports the same nodes, names, values, depths, lines and columns as the framework's reader with
/// <see cref="SafeXmlReader.Settings"/> (whitespace-only text, comments and processing instructions skipped), and it
/// checks, as it goes, everything the framework's reader would refuse. Where a file is anything else — not
/// well-formed, a DOCTYPE, CDATA, another encoding, a comment inside the root, an entity in an attribute value, a
/// token longer than the guard allows — it throws <see cref="XmlOutsideSubsetException"/> and the caller reads the
/// file again with the framework's reader (<see cref="Camt.CamtReader"/> does), so such files and their errors are
/// read exactly as before. No DTD is ever read and nothing outside the stream is ever fetched: this reader knows no
/// entities but the five predefined ones.</para>
/// Only the members <see cref="XmlElementCursor"/> uses are supported; attribute navigation throws.
/// </summary>
internal sealed partial class Utf8SubsetXmlReader : XmlReader, IXmlLineInfo
{
    private const int InitialBufferSize = 1 << 16;

    /// <summary>Elements deeper than this (root = 0) are left to the framework's reader (<see cref="SafeXmlReader.MaxDepth"/> guards it there).</summary>
    private const int MaxElementDepth = SafeXmlReader.MaxDepth - 1;

    private static readonly SearchValues<byte> XmlWhitespace = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _input;
    private readonly int _maxTokenBytes;
    private readonly XmlNameTable _nameTable;
    private readonly Utf8NameAtoms _atoms;
    private readonly Utf8ValueCache _values = new();

    private byte[] _buffer = new byte[InitialBufferSize];
    private int _pos;
    private int _end;
    private long _bufferStart;
    private bool _inputEnded;
    private Utf8LineCounter _lines;

    private ReadState _state = ReadState.Initial;
    private XmlNodeType _nodeType = XmlNodeType.None;
    private int _depth;
    private int _open;
    private bool _isEmpty;
    private bool _sawRoot;
    private long _nodeAt;
    private string _localName = "";
    private string _prefix = "";

    private int _valueStart;
    private int _valueLength;
    private string? _value;

    private (int NameStart, int NameLength, int ValueStart, int ValueLength)[] _attributes = new (int, int, int, int)[4];
    private int _attributeCount;

    /// <summary>Open elements: local name and prefix atoms, the qualified name's length and where its bytes are kept (to match the end tag).</summary>
    private (string LocalName, string Prefix, int NameLength, int NameBytesStart)[] _elements = new (string, string, int, int)[16];
    private byte[] _nameBytes = new byte[256];
    private int _nameBytesLength;

    /// <summary>In-scope namespace declarations: prefix ("" for the default), URI, depth of the declaring element.</summary>
    private readonly List<(string Prefix, string Uri, int Depth)> _namespaces = [];

    /// <summary>Depth of the innermost element that declared a namespace; -1 when none (most elements leave the list alone).</summary>
    private int _namespacesDeclaredAt = -1;

    /// <param name="maxTokenBytes">Most bytes in one token, as <see cref="MarkupGapGuardStream"/> allows (longer: outside the subset).</param>
    public Utf8SubsetXmlReader(Stream input, XmlNameTable nameTable, int maxTokenBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(nameTable);
        _input = input;
        _nameTable = nameTable;
        _atoms = new Utf8NameAtoms(nameTable);
        _maxTokenBytes = maxTokenBytes;
    }

    /// <summary>Reads <paramref name="input"/> to its end: whether it is plain XML this reader reads, and if not, why.</summary>
    public static bool IsInSubset(Stream input, int maxTokenBytes, out string? reason)
    {
        using var reader = new Utf8SubsetXmlReader(input, new NameTable(), maxTokenBytes);
        try
        {
            while (reader.Read())
            {
            }
            reason = null;
            return true;
        }
        catch (XmlOutsideSubsetException ex)
        {
            reason = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end and says whether the framework's reader could fail on it ahead of the
    /// place it is parsing: only where bytes are not UTF-8 (it decodes ahead) or more than <paramref name="maxTokenBytes"/>
    /// bytes pass without markup (<see cref="MarkupGapGuardStream"/> fails the read that brings them). Every other error
    /// it reports at the token it is parsing, which this reader reaches no later. Vector searches over large blocks: a
    /// small fraction of reading the file.
    /// </summary>
    public static bool FailsOnlyWhereItParses(Stream input, int maxTokenBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A block no longer than the guard's limit cannot hide a run longer than the limit inside it.
        var buffer = new byte[Math.Clamp(maxTokenBytes, 1, 1 << 20) + 3];
        var carried = 0;
        long run = 0;
        while (true)
        {
            var read = input.ReadAtLeast(buffer.AsSpan(carried, buffer.Length - 3 - carried), 1, throwOnEndOfStream: false);
            var length = carried + read;
            var block = buffer.AsSpan(0, length);
            // UTF-8 up to the last complete sequence; an incomplete one waits for the next block (or fails at the end).
            var complete = read == 0 ? length : CompleteUtf8Length(block);
            if (!Utf8.IsValid(block[..complete]))
            {
                return false;
            }
            var fresh = buffer.AsSpan(carried, read);
            var first = fresh.IndexOfAny((byte)'<', (byte)'>');
            if (first < 0)
            {
                run += fresh.Length;
            }
            else
            {
                if (run + first > maxTokenBytes)
                {
                    return false;
                }
                run = fresh.Length - fresh.LastIndexOfAny((byte)'<', (byte)'>') - 1;
            }
            if (run > maxTokenBytes)
            {
                return false;
            }
            if (read == 0)
            {
                return true;
            }
            carried = length - complete;
            block[complete..].CopyTo(buffer);
        }
    }

    /// <summary>The length of <paramref name="block"/> without an incomplete UTF-8 sequence at its end.</summary>
    private static int CompleteUtf8Length(ReadOnlySpan<byte> block)
    {
        for (var back = 1; back <= Math.Min(3, block.Length); back++)
        {
            var b = block[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? block.Length - back : block.Length;
        }
        return block.Length;
    }

    /// <summary>Bytes of the input consumed so far (from where the reader started): everything before was checked.</summary>
    public long BytesRead => _bufferStart + _pos;

    private static XmlOutsideSubsetException Outside(string reason) => new(reason);

    public override XmlNodeType NodeType => _nodeType;

    public override string LocalName => _localName;

    public override string Prefix => _prefix;

    public override string NamespaceURI => _nodeType is XmlNodeType.Element or XmlNodeType.EndElement ? LookupNamespace(_prefix) ?? "" : "";

    public override string Value => _nodeType == XmlNodeType.Text ? _value ??= DecodeText(_buffer.AsSpan(_valueStart, _valueLength)) : "";

    public override int Depth => _depth;

    public override bool IsEmptyElement => _nodeType == XmlNodeType.Element && _isEmpty;

    public override int AttributeCount => _nodeType == XmlNodeType.Element ? _attributeCount : 0;

    public override string BaseURI => "";

    public override bool EOF => _state == ReadState.EndOfFile;

    public override ReadState ReadState => _state;

    public override XmlNameTable NameTable => _nameTable;

    public int LineNumber
    {
        get
        {
            CountLinesTo(_nodeAt);
            return _lines.Line;
        }
    }

    public int LinePosition
    {
        get
        {
            CountLinesTo(_nodeAt);
            return _lines.CharsIntoLine + 1;
        }
    }

    public bool HasLineInfo() => true;

    public override string? GetAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_nodeType != XmlNodeType.Element)
        {
            return null;
        }
        for (var i = 0; i < _attributeCount; i++)
        {
            var a = _attributes[i];
            if (Ascii.Equals(_buffer.AsSpan(a.NameStart, a.NameLength), name))
            {
                return _values.Get(_buffer.AsSpan(a.ValueStart, a.ValueLength));
            }
        }
        return null;
    }

    public override string GetAttribute(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, AttributeCount);
        return _values.Get(_buffer.AsSpan(_attributes[i].ValueStart, _attributes[i].ValueLength));
    }

    public override string? GetAttribute(string name, string? namespaceURI) => throw NotSupported();

    public override string? LookupNamespace(string prefix)
    {
        for (var i = _namespaces.Count - 1; i >= 0; i--)
        {
            if (_namespaces[i].Prefix == prefix)
            {
                return _namespaces[i].Uri;
            }
        }
        return prefix.Length == 0 ? "" : null;
    }

    public override bool MoveToAttribute(string name) => throw NotSupported();

    public override bool MoveToAttribute(string name, string? ns) => throw NotSupported();

    public override bool MoveToElement() => throw NotSupported();

    public override bool MoveToFirstAttribute() => throw NotSupported();

    public override bool MoveToNextAttribute() => throw NotSupported();

    public override bool ReadAttributeValue() => throw NotSupported();

    public override void ResolveEntity() => throw NotSupported();

    public override void Close() => _state = ReadState.Closed;

    private static NotSupportedException NotSupported() =>
        new("Utf8SubsetXmlReader supports what XmlElementCursor uses: Read, node type, names, depth, values, GetAttribute(name) and line info.");

    public override bool Read()
    {
        if (_state != ReadState.Interactive)
        {
            if (_state != ReadState.Initial)
            {
                return false;
            }
            _state = ReadState.Interactive;
            ReadProlog();
        }
        if (_depth <= _namespacesDeclaredAt && (_nodeType == XmlNodeType.EndElement || (_nodeType == XmlNodeType.Element && _isEmpty)))
        {
            PopNamespaces(_depth);
        }
        _value = null;
        _attributeCount = 0;
        while (true)
        {
            var pos = _pos;
            if (pos >= _end)
            {
                if (!Fill())
                {
                    return AtEnd();
                }
                continue;
            }
            var buffer = _buffer;
            var b = buffer[pos];
            if (b == (byte)'<')
            {
                var next = pos + 1 < _end ? buffer[pos + 1] : At(1);
                if (next == '/')
                {
                    ReadEndTag();
                    return true;
                }
                if (next == '!')
                {
                    SkipComment();
                    continue;
                }
                if (next == '?')
                {
                    throw Outside("a processing instruction");
                }
                ReadStartTag();
                return true;
            }
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' && SkipIndentation())
            {
                continue;
            }
            if (ReadText())
            {
                return true;
            }
        }
    }

    private bool AtEnd()
    {
        if ((!_sawRoot || _open > 0))
        {
            throw Outside(_sawRoot ? "the file ends inside an element" : "no root element");
        }
        CountLinesTo(_bufferStart + _end);
        _nodeAt = _bufferStart + _end;
        _state = ReadState.EndOfFile;
        _nodeType = XmlNodeType.None;
        _depth = 0;
        _localName = "";
        _prefix = "";
        return false;
    }

    private void PopNamespaces(int depth)
    {
        while (_namespaces.Count > 0 && _namespaces[^1].Depth >= depth)
        {
            _namespaces.RemoveAt(_namespaces.Count - 1);
        }
        _namespacesDeclaredAt = _namespaces.Count > 0 ? _namespaces[^1].Depth : -1;
    }

    /// <summary>Text as the framework's reader gives it: UTF-8 decoded, entities replaced, CR LF and lone CR made LF.</summary>
    private string DecodeText(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny((byte)'&', (byte)'\r') < 0)
        {
            return _values.Get(text);
        }
        var chars = Encoding.UTF8.GetString(text);
        var result = new StringBuilder(chars.Length);
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '\r')
            {
                result.Append('\n');
                if (i + 1 < chars.Length && chars[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c == '&')
            {
                var semicolon = chars.IndexOf(';', i + 1);
                var name = chars.AsSpan(i + 1, semicolon - i - 1);
                i = semicolon;
                switch (name)
                {
                    case "lt":
                        result.Append('<');
                        break;
                    case "gt":
                        result.Append('>');
                        break;
                    case "amp":
                        result.Append('&');
                        break;
                    case "apos":
                        result.Append('\'');
                        break;
                    case "quot":
                        result.Append('"');
                        break;
                    default:
                        TryCharacterReference(Encoding.ASCII.GetBytes(name.ToString()), out var value);
                        result.Append(char.ConvertFromUtf32(value));
                        break;
                }
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    private void CountLinesTo(long offset)
    {
        var from = checked((int)(_lines.CountedTo - _bufferStart));
        _lines.CountTo(offset, _buffer.AsSpan(from, _end - from));
    }
}
