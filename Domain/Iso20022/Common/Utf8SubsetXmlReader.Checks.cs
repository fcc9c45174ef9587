using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>
/// What <see cref="IsInSubset"/> checks beyond reading: everything the framework's reader would refuse (it must never
/// be asked to read a file it would refuse), and the few things this reader does not read the same way.
/// </summary>
internal sealed partial class Utf8SubsetXmlReader
{
    /// <summary>Bytes a text must be looked at more closely for when checking: controls, '&amp;', ']' (of "]]&gt;") and anything not ASCII.</summary>
    private static readonly SearchValues<byte> TextAttention = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not (0x09 or 0x0A or 0x0D)).Select(b => (byte)b), (byte)'&', (byte)']', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    /// <summary>Bytes an attribute value must be looked at more closely for: controls and white space other than ' ' (normalised by XML), '&lt;', '&amp;', non-ASCII.</summary>
    private static readonly SearchValues<byte> AttributeAttention = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'<', (byte)'&', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

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

    /// <summary>The element's prefix and its attributes' prefixes are declared (xml and xmlns are not used as prefixes here).</summary>
    private void CheckPrefixes()
    {
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

    /// <summary>"&lt;/" + the open element's name + optional white space + "&gt;".</summary>
    private static void CheckEndTag(ReadOnlySpan<byte> inside, ReadOnlySpan<byte> openName)
    {
        if (!inside.StartsWith(openName) || inside[openName.Length..].IndexOfAnyExcept(XmlWhitespace) >= 0)
        {
            throw Outside("an end tag that does not match its start tag");
        }
    }

    private void CheckComment(ReadOnlySpan<byte> body, int length)
    {
        if (body.IndexOf("--"u8) >= 0 || (body.Length > 0 && body[^1] == (byte)'-') || length >= _maxTokenBytes || !IsValidText(body))
        {
            throw Outside("a malformed comment");
        }
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

}
