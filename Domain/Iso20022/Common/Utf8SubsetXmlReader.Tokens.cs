using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// Tokens: tags, text, comments, and the buffer they are read from. Offsets named <c>rel</c> count from <c>_pos</c>
/// (the start of the token being read): reading more input may move the unread bytes to the front of the buffer,
/// which changes buffer indices but not offsets from <c>_pos</c>.
/// </summary>
internal sealed partial class Utf8SubsetXmlReader
{
    /// <summary>Reads from the input are at least this large (the buffer is compacted or grown first).</summary>
    private const int MinRead = 1 << 14;

    /// <summary>Per byte: 1 a name's first character (ASCII letter, '_'), 2 a later one (digit, '.', '-'), 4 the prefix colon.</summary>
    private static ReadOnlySpan<byte> NameChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

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
        CheckDeclaration(_buffer.AsSpan(_pos + 5, close - 5));
        _pos += close + 2;
    }

    private void ReadStartTag()
    {
        if (_sawRoot && _open == 0)
        {
            throw Outside("a second root element");
        }
        if (_open > MaxElementDepth)
        {
            throw Outside("elements nested too deep");
        }
        // Usually the whole tag is in the buffer already: the name is scanned up to _end, and only a tag cut off by the
        // buffer's end costs a search for its '>' (which reads more input; a '>' inside a quoted value is handled below).
        var buffer = _buffer;
        var tagStart = _pos;
        var nameStart = tagStart + 1;
        var i = nameStart;
        var colon = -1;
        var names = NameChars;
        var scanEnd = _end;
        var needStart = true;
        while (true)
        {
            if (i >= scanEnd - 1)
            {
                if (IndexOf((byte)'>', i - tagStart) < 0)
                {
                    throw Outside("the file ends inside a start tag");
                }
                buffer = _buffer;
                i += _pos - tagStart;
                tagStart = _pos;
                nameStart = tagStart + 1;
                scanEnd = int.MaxValue;
            }
            var kind = names[buffer[i]];
            if (needStart ? kind == 1 : (kind & 3) != 0)
            {
                i++;
                needStart = false;
            }
            else if (kind == 4 && colon < 0 && !needStart)
            {
                colon = i - nameStart;
                i++;
                needStart = true;
            }
            else
            {
                break;
            }
        }
        if (needStart)
        {
            throw Outside("a malformed or non-ASCII name");
        }
        var nameLength = i - nameStart;
        SetName(buffer.AsSpan(nameStart, nameLength), colon);
        KeepNameBytes(buffer.AsSpan(nameStart, nameLength));
        int tagLength;
        var empty = false;
        var c = buffer[i];
        if (c == (byte)'>')
        {
            tagLength = i + 1 - tagStart;
        }
        else if (c == (byte)'/' && buffer[i + 1] == (byte)'>')
        {
            tagLength = i + 2 - tagStart;
            empty = true;
        }
        else
        {
            tagLength = ReadAttributes(i - tagStart, out empty);
            tagStart = _pos;
            for (var a = 0; a < _attributeCount; a++)
            {
                // Attribute offsets were taken from the tag's start: make them buffer indices.
                _attributes[a].NameStart += tagStart;
                _attributes[a].ValueStart += tagStart;
            }
        }
        if (tagLength >= _maxTokenBytes)
        {
            throw Outside("a start tag longer than the token guard allows");
        }
        _pos = tagStart + tagLength;
        _nodeAt = _bufferStart + tagStart + 1;
        _nodeType = XmlNodeType.Element;
        _depth = _open;
        _isEmpty = empty;
        _sawRoot = true;
        if (_attributeCount > 0)
        {
            DeclareNamespaces();
        }
        else if (_prefix.Length > 0)
        {
            CheckPrefixes();
        }
        if (!empty)
        {
            if (_open == _elements.Length)
            {
                Array.Resize(ref _elements, _elements.Length * 2);
            }
            _elements[_open] = (_localName, _prefix, nameLength, _nameBytesLength - nameLength);
            _open++;
        }
        else
        {
            _nameBytesLength -= nameLength;
        }
    }

    private void SetName(ReadOnlySpan<byte> name, int colon)
    {
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

    /// <summary>Checking: the open elements' names, to match their end tags.</summary>
    private void KeepNameBytes(ReadOnlySpan<byte> name)
    {
        if (_nameBytesLength + name.Length > _nameBytes.Length)
        {
            Array.Resize(ref _nameBytes, Math.Max(_nameBytes.Length * 2, _nameBytesLength + name.Length));
        }
        name.CopyTo(_nameBytes.AsSpan(_nameBytesLength));
        _nameBytesLength += name.Length;
    }

    /// <summary>The attributes from <paramref name="rel"/> to the tag's end; returns the offset after the tag.</summary>
    private int ReadAttributes(int rel, out bool empty)
    {
        _attributeCount = 0;
        empty = false;
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
                return rel + 1;
            }
            if (c == '/')
            {
                if (At(rel + 1) != '>')
                {
                    throw Outside("a malformed start tag");
                }
                empty = true;
                return rel + 2;
            }
            if (rel == spaceStart || c < 0)
            {
                throw Outside("a malformed start tag");
            }
            rel = ReadAttribute(rel);
        }
    }

    /// <summary>Name="value" at <paramref name="rel"/>; returns the offset after it.</summary>
    private int ReadAttribute(int rel)
    {
        var nameStart = rel;
        var names = NameChars;
        var colon = -1;
        int c = At(rel);
        if (c < 0 || (names[c] & 1) == 0)
        {
            throw Outside("a malformed or non-ASCII attribute name");
        }
        rel++;
        while ((c = At(rel)) >= 0)
        {
            var kind = names[c];
            if ((kind & 3) != 0)
            {
                rel++;
            }
            else if (kind == 4 && colon < 0)
            {
                colon = rel;
                rel++;
                if (At(rel) is var first && (first < 0 || (names[first] & 1) == 0))
                {
                    throw Outside("a malformed qualified name");
                }
            }
            else
            {
                break;
            }
        }
        var nameLength = rel - nameStart;
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
        CheckAttribute(nameStart, nameLength, valueStart, valueEnd - valueStart);
        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributes.Length * 2);
        }
        _attributes[_attributeCount++] = (nameStart, nameLength, valueStart, valueEnd - valueStart);
        return valueEnd + 1;
    }

    /// <summary>xmlns and xmlns:p attributes of the element just read; every prefix used must be declared.</summary>
    private void DeclareNamespaces()
    {
        for (var i = 0; i < _attributeCount; i++)
        {
            var a = _attributes[i];
            var name = _buffer.AsSpan(a.NameStart, a.NameLength);
            if (name.StartsWith("xmlns"u8))
            {
                var uri = _nameTable.Add(Encoding.UTF8.GetString(_buffer, a.ValueStart, a.ValueLength));
                if (name.Length == 5)
                {
                    _namespaces.Add(("", uri, _depth));
                    _namespacesDeclaredAt = _depth;
                }
                else if (name[5] == (byte)':')
                {
                    _namespaces.Add((_atoms.Get(name[6..]), uri, _depth));
                    _namespacesDeclaredAt = _depth;
                }
            }
        }
        CheckPrefixes();
    }

    private void ReadEndTag()
    {
        if (_open == 0)
        {
            throw Outside("an end tag without a start tag");
        }
        var element = _elements[_open - 1];
        var after = _pos + 2 + element.NameLength;
        int end;
        if (after < _end && _buffer[after] == (byte)'>'
            && (_buffer.AsSpan(_pos + 2, element.NameLength).SequenceEqual(_nameBytes.AsSpan(element.NameBytesStart, element.NameLength))))
        {
            // The usual "</Name>" (when reading a checked document, the name is known to match).
            end = after + 1 - _pos;
        }
        else
        {
            var gt = IndexOf((byte)'>', 2);
            if (gt < 0)
            {
                throw Outside("the file ends inside an end tag");
            }
            CheckEndTag(_buffer.AsSpan(_pos + 2, gt - 2), _nameBytes.AsSpan(element.NameBytesStart, element.NameLength));
            end = gt + 1;
        }
        _nameBytesLength = element.NameBytesStart;
        _nodeAt = _bufferStart + _pos + 2;
        _pos += end;
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
        if (_open > 0 || At(2) != '-' || At(3) != '-')
        {
            throw Outside(_open > 0 ? "a comment, CDATA section or DOCTYPE inside the root element" : "a DOCTYPE or CDATA section");
        }
        var close = IndexOf("-->"u8, 4);
        if (close < 0)
        {
            throw Outside("an unterminated comment");
        }
        CheckComment(_buffer.AsSpan(_pos + 4, close - 4), close + 3);
        _pos += close + 3;
    }

    /// <summary>
    /// White space up to the next '&lt;' (the indentation between tags), skipped without a search. False when the
    /// run holds anything else or reaches the end of the buffer: <see cref="ReadText"/> takes it then.
    /// </summary>
    private bool SkipIndentation()
    {
        var buffer = _buffer;
        var end = _end;
        var i = _pos;
        while (i < end)
        {
            var b = buffer[i];
            if (b == (byte)'<')
            {
                if (i - _pos >= _maxTokenBytes)
                {
                    throw Outside("a text longer than the token guard allows");
                }
                _pos = i;
                return true;
            }
            if (b == (byte)' ')
            {
                // Indentation is mostly spaces: skip them in one search.
                var spaces = buffer.AsSpan(i, end - i).IndexOfAnyExcept((byte)' ');
                if (spaces < 0)
                {
                    return false;
                }
                i += spaces;
                continue;
            }
            if (b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
            i++;
        }
        return false;
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
        CheckText(text, whitespace);
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
                throw Outside("the file ends inside markup");
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
        // The unread tail moves to the front only when the space after it runs low, so it is copied rarely.
        if (_buffer.Length - _end < MinRead)
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
            if (_buffer.Length - _end < MinRead)
            {
                if (_buffer.Length > _maxTokenBytes)
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
}
