using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// A forward-only <see cref="XmlReader"/> straight over UTF-8 bytes, for the plain XML that ISO 20022 files are
/// made of: elements, attributes, text with the five predefined entities and character references, comments
/// outside the root element, an XML declaration. It reads such a file several times faster than the framework's
/// reader, which decodes every byte to UTF-16 and keeps far more state than <see cref="XmlElementCursor"/> needs.
/// <para>It never decides alone what is well-formed. <see cref="IsInSubset"/> reads the whole file first and says
/// whether it is well-formed XML inside that subset, checking everything the framework's reader would refuse;
/// only then is the file read with this reader, which reports the same nodes, names, values, depths, lines and
/// columns as the framework's reader with <see cref="SafeXmlReader.Settings"/> (whitespace-only text, comments and
/// processing instructions skipped). Any file outside the subset — a DOCTYPE, CDATA, another encoding, a comment
/// inside the root, an entity in an attribute value, a token longer than the guard allows, any error at all — is
/// read by the framework's reader as before, so errors and their messages are unchanged. No DTD is ever read and
/// nothing outside the stream is ever fetched: this reader knows no entities but the five predefined ones.</para>
/// Only the members <see cref="XmlElementCursor"/> uses are supported; attribute navigation throws.
/// </summary>
internal sealed class Utf8SubsetXmlReader : XmlReader, IXmlLineInfo
{
    private const int InitialBufferSize = 1 << 16;

    /// <summary>Elements deeper than this (root = 0) are left to the framework's reader (<see cref="SafeXmlReader.MaxDepth"/> guards it there).</summary>
    private const int MaxElementDepth = SafeXmlReader.MaxDepth - 1;

    private static readonly SearchValues<byte> XmlWhitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>Bytes a text must be looked at more closely for when checking: controls, '&amp;', ']' (of "]]&gt;") and anything not ASCII.</summary>
    private static readonly SearchValues<byte> TextAttention = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not (0x09 or 0x0A or 0x0D)).Select(b => (byte)b), (byte)'&', (byte)']', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    /// <summary>Bytes an attribute value must be looked at more closely for: controls and white space other than ' ' (normalised by XML), '&lt;', '&amp;', non-ASCII.</summary>
    private static readonly SearchValues<byte> AttributeAttention = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'<', (byte)'&', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    private readonly Stream _input;
    private readonly bool _checking;
    private readonly int _maxTokenBytes;
    private readonly XmlNameTable _nameTable;
    private readonly Utf8NameAtoms _atoms;

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

    /// <summary>Open elements: local name and prefix atoms, and (when checking) the qualified name bytes.</summary>
    private (string LocalName, string Prefix, int NameBytesStart, int NameBytesLength)[] _elements = new (string, string, int, int)[16];
    private byte[] _nameBytes = new byte[256];
    private int _nameBytesLength;

    /// <summary>In-scope namespace declarations: prefix ("" for the default), URI, depth of the declaring element.</summary>
    private readonly List<(string Prefix, string Uri, int Depth)> _namespaces = [];

    private Utf8SubsetXmlReader(Stream input, XmlNameTable nameTable, int maxTokenBytes, bool checking)
    {
        _input = input;
        _nameTable = nameTable;
        _atoms = new Utf8NameAtoms(nameTable);
        _maxTokenBytes = maxTokenBytes;
        _checking = checking;
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end and says whether it is well-formed XML within the subset this reader
    /// reads exactly as the framework's reader does; <paramref name="reason"/> says what is outside it (for tests).
    /// </summary>
    public static bool IsInSubset(Stream input, int maxTokenBytes, out string? reason)
    {
        var checker = new Utf8SubsetXmlReader(input, new NameTable(), maxTokenBytes, checking: true);
        try
        {
            while (checker.Read())
            {
            }
            reason = null;
            return true;
        }
        catch (OutsideSubsetException ex)
        {
            reason = ex.Message;
            return false;
        }
    }

    /// <summary>A reader for a stream that <see cref="IsInSubset"/> accepted, from the same position.</summary>
    public static Utf8SubsetXmlReader ForCheckedDocument(Stream input, XmlNameTable nameTable) =>
        new(input, nameTable, int.MaxValue, checking: false);

    private sealed class OutsideSubsetException(string reason) : Exception(reason);

    private static OutsideSubsetException Outside(string reason) => new(reason);

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
                return Encoding.UTF8.GetString(_buffer, a.ValueStart, a.ValueLength);
            }
        }
        return null;
    }

    public override string GetAttribute(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, AttributeCount);
        return Encoding.UTF8.GetString(_buffer, _attributes[i].ValueStart, _attributes[i].ValueLength);
    }

    public override string? GetAttribute(string name, string? namespaceURI) => throw NotSupported();

    public override string? LookupNamespace(string prefix)
    {
        for (var i = _namespaces.Count - 1; i >= 0; i--)
        {
            if (_namespaces[i].Prefix == prefix)
            {
                return _namespaces[i].Uri.Length == 0 && prefix.Length == 0 ? "" : _namespaces[i].Uri;
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
        switch (_state)
        {
            case ReadState.Initial:
                _state = ReadState.Interactive;
                ReadProlog();
                break;
            case ReadState.Interactive:
                break;
            default:
                return false;
        }
        if ((_nodeType == XmlNodeType.EndElement || (_nodeType == XmlNodeType.Element && _isEmpty)) && _namespaces.Count > 0)
        {
            PopNamespaces(_depth);
        }
        _value = null;
        _attributeCount = 0;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                return AtEnd();
            }
            if (_buffer[_pos] == (byte)'<')
            {
                var next = At(1);
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
            if (ReadText())
            {
                return true;
            }
        }
    }

    private bool AtEnd()
    {
        if (_checking && (!_sawRoot || _open > 0))
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

    /// <summary>The byte order mark and the XML declaration (<c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c>), neither reported as a node.</summary>
    private void ReadProlog()
    {
        Fill();
        if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _pos = 3;
        }
        _lines = new Utf8LineCounter(_pos);
        var head = _buffer.AsSpan(_pos, _end - _pos);
        if (!head.StartsWith("<?xml"u8) || head.Length < 6 || !XmlWhitespace.Contains(head[5]))
        {
            return;
        }
        var close = IndexOf("?>"u8, 0);
        if (close < 0)
        {
            throw Outside("an unterminated XML declaration");
        }
        if (_checking)
        {
            CheckDeclaration(_buffer.AsSpan(_pos + 5, close - 5));
        }
        _pos += close + 2;
    }

    /// <summary>version="1.0", then optionally encoding UTF-8 and standalone yes/no, in this order (XML 1.0, production 23).</summary>
    private static void CheckDeclaration(ReadOnlySpan<byte> content)
    {
        var rest = content;
        var first = true;
        ReadOnlySpan<byte> expected = "version"u8;
        var step = 0;
        while (true)
        {
            var trimmed = rest.TrimStart(" \t\r\n"u8);
            if (trimmed.IsEmpty)
            {
                break;
            }
            if (trimmed.Length == rest.Length && !first)
            {
                throw Outside("an XML declaration without space between its attributes");
            }
            first = false;
            var eq = trimmed.IndexOf((byte)'=');
            if (eq < 0)
            {
                throw Outside("a malformed XML declaration");
            }
            var name = trimmed[..eq].TrimEnd(" \t\r\n"u8);
            var afterEq = trimmed[(eq + 1)..].TrimStart(" \t\r\n"u8);
            if (afterEq.IsEmpty || afterEq[0] is not ((byte)'"' or (byte)'\''))
            {
                throw Outside("a malformed XML declaration");
            }
            var quote = afterEq[0];
            var endQuote = afterEq[1..].IndexOf(quote);
            if (endQuote < 0)
            {
                throw Outside("a malformed XML declaration");
            }
            var value = afterEq.Slice(1, endQuote);
            rest = afterEq[(endQuote + 2)..];
            if (step == 0 && name.SequenceEqual(expected) && value.SequenceEqual("1.0"u8))
            {
                step = 1;
            }
            else if (step == 1 && name.SequenceEqual("encoding"u8) && Ascii.EqualsIgnoreCase(value, "UTF-8"u8))
            {
                step = 2;
            }
            else if (step is 1 or 2 && name.SequenceEqual("standalone"u8) && (value.SequenceEqual("yes"u8) || value.SequenceEqual("no"u8)))
            {
                step = 3;
            }
            else
            {
                throw Outside("an XML declaration other than version 1.0 in UTF-8");
            }
        }
        if (step == 0)
        {
            throw Outside("an XML declaration without version");
        }
    }

    private void ReadStartTag()
    {
        if (_checking)
        {
            if (_sawRoot && _open == 0)
            {
                throw Outside("a second root element");
            }
            if (_open > MaxElementDepth)
            {
                throw Outside("elements nested too deep");
            }
        }
        var rel = 1;
        var (nameLength, colon) = ScanName(rel);
        var nameStart = rel;
        rel += nameLength;
        _attributeCount = 0;
        var empty = false;
        while (true)
        {
            var spaceStart = rel;
            int c;
            while ((c = At(rel)) is ' ' or '\t' or '\n' or '\r')
            {
                rel++;
            }
            if (c == '>')
            {
                rel++;
                break;
            }
            if (c == '/')
            {
                if (At(rel + 1) != '>')
                {
                    throw Outside("a malformed start tag");
                }
                rel += 2;
                empty = true;
                break;
            }
            if (_checking && (rel == spaceStart || c < 0))
            {
                throw Outside("a malformed start tag");
            }
            rel = ReadAttribute(rel);
        }
        if (_checking && rel >= _maxTokenBytes)
        {
            throw Outside("a start tag longer than the token guard allows");
        }
        var tagStart = _pos;
        _pos += rel;
        _nodeAt = _bufferStart + tagStart + 1;
        _nodeType = XmlNodeType.Element;
        _depth = _open;
        _isEmpty = empty;
        _sawRoot = true;
        SetName(tagStart + nameStart, nameLength, colon);
        for (var i = 0; i < _attributeCount; i++)
        {
            // Attribute offsets were taken relative to the tag: make them buffer indices.
            _attributes[i].NameStart += tagStart;
            _attributes[i].ValueStart += tagStart;
        }
        DeclareNamespaces();
        if (!empty)
        {
            PushElement(tagStart + nameStart, nameLength);
            _open++;
        }
    }

    private void SetName(int start, int length, int colon)
    {
        var name = _buffer.AsSpan(start, length);
        if (colon < 0)
        {
            _localName = _atoms.Get(name);
            _prefix = "";
        }
        else
        {
            _localName = _atoms.Get(name[(colon + 1)..]);
            _prefix = _atoms.Get(name[..colon]);
        }
    }

    /// <summary>Name="value" at <paramref name="rel"/>; returns the offset after it.</summary>
    private int ReadAttribute(int rel)
    {
        var (nameLength, _) = ScanName(rel);
        var nameStart = rel;
        rel += nameLength;
        int c;
        while ((c = At(rel)) is ' ' or '\t' or '\n' or '\r')
        {
            rel++;
        }
        if (c != '=')
        {
            throw Outside("an attribute without a value");
        }
        rel++;
        while ((c = At(rel)) is ' ' or '\t' or '\n' or '\r')
        {
            rel++;
        }
        if (c is not ('"' or '\''))
        {
            throw Outside("an attribute value without quotes");
        }
        var valueStart = rel + 1;
        var valueEnd = IndexOf((byte)c, valueStart);
        if (valueEnd < 0)
        {
            throw Outside("an unterminated attribute value");
        }
        if (_checking)
        {
            CheckAttribute(nameStart, nameLength, valueStart, valueEnd - valueStart);
        }
        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributes.Length * 2);
        }
        _attributes[_attributeCount++] = (nameStart, nameLength, valueStart, valueEnd - valueStart);
        return valueEnd + 1;
    }

    private void CheckAttribute(int nameStart, int nameLength, int valueStart, int valueLength)
    {
        var name = _buffer.AsSpan(_pos + nameStart, nameLength);
        var value = _buffer.AsSpan(_pos + valueStart, valueLength);
        // Non-ASCII is fine when it is valid UTF-8; entities, '<' and the white space XML normalises are left to the framework.
        if (value.IndexOfAny(AttributeAttention) >= 0 && (value.IndexOfAnyInRange((byte)0x00, (byte)0x1F) >= 0 || value.IndexOfAny((byte)'<', (byte)'&') >= 0 || !IsValidText(value)))
        {
            throw Outside("an attribute value with an entity, markup or a character XML normalises");
        }
        if (name.StartsWith("xml"u8) && !(name.SequenceEqual("xmlns"u8) || name.StartsWith("xmlns:"u8)))
        {
            throw Outside("an xml: attribute");
        }
        if (name.StartsWith("xmlns:"u8) && (value.IsEmpty || name[6..].StartsWith("xml"u8)))
        {
            throw Outside("a reserved or empty namespace declaration");
        }
        if (name.StartsWith("xmlns"u8) && (value.SequenceEqual("http://www.w3.org/XML/1998/namespace"u8) || value.SequenceEqual("http://www.w3.org/2000/xmlns/"u8)))
        {
            throw Outside("a reserved namespace");
        }
        var colon = name.IndexOf((byte)':');
        var local = colon < 0 ? name : name[(colon + 1)..];
        for (var i = 0; i < _attributeCount; i++)
        {
            var other = _buffer.AsSpan(_pos + _attributes[i].NameStart, _attributes[i].NameLength);
            var otherColon = other.IndexOf((byte)':');
            if ((otherColon < 0 ? other : other[(otherColon + 1)..]).SequenceEqual(local))
            {
                throw Outside("two attributes with the same local name");
            }
        }
    }

    /// <summary>xmlns and xmlns:p attributes of the element just read; when checking, every prefix used must be declared.</summary>
    private void DeclareNamespaces()
    {
        for (var i = 0; i < _attributeCount; i++)
        {
            var a = _attributes[i];
            var name = _buffer.AsSpan(a.NameStart, a.NameLength);
            if (name.SequenceEqual("xmlns"u8))
            {
                _namespaces.Add(("", _nameTable.Add(Encoding.UTF8.GetString(_buffer, a.ValueStart, a.ValueLength)), _depth));
            }
            else if (name.StartsWith("xmlns:"u8))
            {
                _namespaces.Add((_atoms.Get(name[6..]), _nameTable.Add(Encoding.UTF8.GetString(_buffer, a.ValueStart, a.ValueLength)), _depth));
            }
        }
        if (!_checking)
        {
            return;
        }
        if (_prefix.Length > 0 && (_prefix is "xml" or "xmlns" || LookupNamespace(_prefix) is null))
        {
            throw Outside("an element prefix that is not declared");
        }
        for (var i = 0; i < _attributeCount; i++)
        {
            var name = _buffer.AsSpan(_attributes[i].NameStart, _attributes[i].NameLength);
            var colon = name.IndexOf((byte)':');
            if (colon > 0 && !name.StartsWith("xmlns:"u8) && LookupNamespace(_atoms.Get(name[..colon])) is null)
            {
                throw Outside("an attribute prefix that is not declared");
            }
        }
    }

    private void PopNamespaces(int depth)
    {
        while (_namespaces.Count > 0 && _namespaces[^1].Depth >= depth)
        {
            _namespaces.RemoveAt(_namespaces.Count - 1);
        }
    }

    private void PushElement(int nameStart, int nameLength)
    {
        if (_open == _elements.Length)
        {
            Array.Resize(ref _elements, _elements.Length * 2);
        }
        var bytesStart = _nameBytesLength;
        if (_checking)
        {
            if (_nameBytesLength + nameLength > _nameBytes.Length)
            {
                Array.Resize(ref _nameBytes, Math.Max(_nameBytes.Length * 2, _nameBytesLength + nameLength));
            }
            _buffer.AsSpan(nameStart, nameLength).CopyTo(_nameBytes.AsSpan(_nameBytesLength));
            _nameBytesLength += nameLength;
        }
        _elements[_open] = (_localName, _prefix, bytesStart, nameLength);
        _depth = _open;
    }

    private void ReadEndTag()
    {
        if (_open == 0)
        {
            throw Outside("an end tag without a start tag");
        }
        var element = _elements[_open - 1];
        int rel;
        if (_checking)
        {
            var (nameLength, _) = ScanName(2);
            if (!_buffer.AsSpan(_pos + 2, nameLength).SequenceEqual(_nameBytes.AsSpan(element.NameBytesStart, element.NameBytesLength)))
            {
                throw Outside("an end tag that does not match its start tag");
            }
            rel = 2 + nameLength;
            int c;
            while ((c = At(rel)) is ' ' or '\t' or '\n' or '\r')
            {
                rel++;
            }
            if (c != '>')
            {
                throw Outside("a malformed end tag");
            }
            if (rel >= _maxTokenBytes)
            {
                throw Outside("an end tag longer than the token guard allows");
            }
            _nameBytesLength = element.NameBytesStart;
        }
        else
        {
            rel = IndexOf((byte)'>', 2);
        }
        _nodeAt = _bufferStart + _pos + 2;
        _pos += rel + 1;
        _open--;
        _nodeType = XmlNodeType.EndElement;
        _depth = _open;
        _isEmpty = false;
        _localName = element.LocalName;
        _prefix = element.Prefix;
    }

    /// <summary>A comment, allowed before and after the root element only ("--" not inside).</summary>
    private void SkipComment()
    {
        if (_checking && (_open > 0 || At(2) != '-' || At(3) != '-'))
        {
            throw Outside(_open > 0 ? "a comment, CDATA section or DOCTYPE inside the root element" : "a DOCTYPE or CDATA section");
        }
        var close = IndexOf("-->"u8, 4);
        if (close < 0)
        {
            throw Outside("an unterminated comment");
        }
        if (_checking)
        {
            var body = _buffer.AsSpan(_pos + 4, close - 4);
            if (body.IndexOf("--"u8) >= 0 || (body.Length > 0 && body[^1] == (byte)'-') || close + 3 >= _maxTokenBytes || !IsValidText(body))
            {
                throw Outside("a malformed comment");
            }
        }
        _pos += close + 3;
    }

    /// <summary>Text up to the next '&lt;'; false when it is only white space (skipped, as with IgnoreWhitespace).</summary>
    private bool ReadText()
    {
        var length = IndexOf((byte)'<', 0);
        if (length < 0)
        {
            length = _end - _pos;
        }
        var text = _buffer.AsSpan(_pos, length);
        var whitespace = text.IndexOfAnyExcept(XmlWhitespace) < 0;
        if (_checking)
        {
            CheckText(text, whitespace);
        }
        var start = _pos;
        _pos += length;
        if (whitespace)
        {
            return false;
        }
        _valueStart = start;
        _valueLength = length;
        if (text.IndexOf((byte)'&') >= 0)
        {
            // Character references to white space make a whitespace node too (the framework's reader skips it).
            _value = DecodeText(text);
            if (_value.AsSpan().IndexOfAnyExcept(" \t\r\n") < 0)
            {
                return false;
            }
        }
        _nodeAt = _bufferStart + start;
        _nodeType = XmlNodeType.Text;
        _depth = _open;
        _isEmpty = false;
        _localName = "";
        _prefix = "";
        return true;
    }

    private void CheckText(ReadOnlySpan<byte> text, bool whitespace)
    {
        if (text.Length >= _maxTokenBytes)
        {
            throw Outside("a text longer than the token guard allows");
        }
        if (_open == 0 && !whitespace)
        {
            throw Outside("text outside the root element");
        }
        if (text.IndexOfAny(TextAttention) < 0)
        {
            return;
        }
        if (text.IndexOf("]]>"u8) >= 0)
        {
            throw Outside("']]>' in text");
        }
        if (!IsValidText(text))
        {
            throw Outside("a character XML does not allow, or bytes that are not UTF-8");
        }
        var rest = text;
        while (rest.IndexOf((byte)'&') is var amp and >= 0)
        {
            rest = rest[(amp + 1)..];
            var semicolon = rest.IndexOf((byte)';');
            if (semicolon < 0 || !IsKnownReference(rest[..semicolon]))
            {
                throw Outside("an entity reference other than the predefined ones or a valid character reference");
            }
            rest = rest[(semicolon + 1)..];
        }
    }

    /// <summary>UTF-8, and no character XML 1.0 excludes: controls but tab, LF and CR; U+FFFE and U+FFFF (UTF-8 has no surrogates).</summary>
    private static bool IsValidText(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D))
            {
                return false;
            }
        }
        return Ascii.IsValid(text) || (Utf8.IsValid(text) && text.IndexOf("\uFFFE"u8) < 0 && text.IndexOf("\uFFFF"u8) < 0);
    }

    private static bool IsKnownReference(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("lt"u8) || name.SequenceEqual("gt"u8) || name.SequenceEqual("amp"u8) || name.SequenceEqual("apos"u8) || name.SequenceEqual("quot"u8))
        {
            return true;
        }
        return TryCharacterReference(name, out var value) && IsXmlChar(value);
    }

    private static bool TryCharacterReference(ReadOnlySpan<byte> name, out int value)
    {
        value = 0;
        if (name.Length < 2 || name[0] != (byte)'#')
        {
            return false;
        }
        var hex = name[1] == (byte)'x';
        var digits = name[(hex ? 2 : 1)..];
        if (digits.IsEmpty || digits.Length > 8)
        {
            return false;
        }
        foreach (var d in digits)
        {
            int digit;
            if (d is >= (byte)'0' and <= (byte)'9')
            {
                digit = d - '0';
            }
            else if (hex && d is >= (byte)'a' and <= (byte)'f')
            {
                digit = d - 'a' + 10;
            }
            else if (hex && d is >= (byte)'A' and <= (byte)'F')
            {
                digit = d - 'A' + 10;
            }
            else
            {
                return false;
            }
            value = (value * (hex ? 16 : 10)) + digit;
            if (value > 0x10FFFF)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    /// <summary>Text as the framework's reader gives it: UTF-8 decoded, entities replaced, CR LF and lone CR made LF.</summary>
    private static string DecodeText(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny((byte)'&', (byte)'\r') < 0)
        {
            return Encoding.UTF8.GetString(text);
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

    /// <summary>A qualified name at <paramref name="rel"/>: its length and the offset of its colon (-1 without a prefix).</summary>
    private (int Length, int Colon) ScanName(int rel)
    {
        var start = rel;
        var colon = -1;
        while (true)
        {
            var c = At(rel);
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (rel > start && c is (>= '0' and <= '9') or '.' or '-'))
            {
                rel++;
                continue;
            }
            if (c == ':' && colon < 0 && rel > start)
            {
                colon = rel - start;
                rel++;
                // The local part must start like a name, too.
                var first = At(rel);
                if (first is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_'))
                {
                    throw Outside("a malformed qualified name");
                }
                continue;
            }
            break;
        }
        if (rel == start)
        {
            throw Outside("a malformed or non-ASCII name");
        }
        return (rel - start, colon);
    }

    /// <summary>The byte at <c>_pos + rel</c>, reading more input when needed; -1 at the end of the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int At(int rel)
    {
        var i = _pos + rel;
        return i < _end ? _buffer[i] : AtAfterFill(rel);
    }

    private int AtAfterFill(int rel)
    {
        while (_pos + rel >= _end)
        {
            if (!Fill())
            {
                if (_checking)
                {
                    throw Outside("the file ends inside markup");
                }
                return -1;
            }
        }
        return _buffer[_pos + rel];
    }

    /// <summary>Offset from <c>_pos</c> of <paramref name="value"/> at or after <paramref name="rel"/>, reading more input as needed; -1 when not found.</summary>
    private int IndexOf(byte value, int rel)
    {
        var from = rel;
        while (true)
        {
            if (_pos + from < _end)
            {
                var i = _buffer.AsSpan(_pos + from, _end - _pos - from).IndexOf(value);
                if (i >= 0)
                {
                    return from + i;
                }
                from = _end - _pos;
            }
            if (!Fill())
            {
                return -1;
            }
        }
    }

    private int IndexOf(ReadOnlySpan<byte> value, int rel)
    {
        var from = rel;
        while (true)
        {
            if (_pos + from < _end)
            {
                var i = _buffer.AsSpan(_pos + from, _end - _pos - from).IndexOf(value);
                if (i >= 0)
                {
                    return from + i;
                }
                // A match may start in the last bytes read.
                from = Math.Max(from, _end - _pos - value.Length + 1);
            }
            if (!Fill())
            {
                return -1;
            }
        }
    }

    /// <summary>
    /// Reads more input after <c>_end</c>, first moving the unread bytes to the front (or growing the buffer when
    /// one token fills it). False at the end of the input.
    /// </summary>
    private bool Fill()
    {
        if (_inputEnded)
        {
            return false;
        }
        if (_end == _buffer.Length || _pos > _buffer.Length / 2)
        {
            if (_pos > 0)
            {
                CountLinesTo(_bufferStart + _pos);
                Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
                _bufferStart += _pos;
                _end -= _pos;
                _valueStart -= _pos;
                _pos = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_checking && _buffer.Length > _maxTokenBytes)
                {
                    throw Outside("a token longer than the token guard allows");
                }
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        var read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _inputEnded = true;
            return false;
        }
        _end += read;
        return true;
    }

    private void CountLinesTo(long offset)
    {
        var from = checked((int)(_lines.CountedTo - _bufferStart));
        _lines.CountTo(offset, _buffer.AsSpan(from, _end - from));
    }
}
