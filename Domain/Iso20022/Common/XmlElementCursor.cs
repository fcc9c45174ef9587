using System.Globalization;
using System.Text;
using System.Xml;

namespace Bankflow.Domain.Iso20022.Common;

/// <summary>Thrown when elements nest deeper than <see cref="SafeXmlReader.MaxDepth"/> (a nesting bomb keeps the reader's stack growing).</summary>
public sealed class XmlTooDeepException(int line)
    : XmlException($"elements nested deeper than {SafeXmlReader.MaxDepth} levels", null, line, 0);

/// <summary>
/// Walks an <see cref="XmlReader"/> element by element for a hand-written, streaming parser, and knows where it
/// is: the element path with sibling indices (<c>/Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt</c>) and the line.
/// Protocol: <see cref="NextChild"/> is called with the reader on the parent's start tag or on the end of the
/// previous child; every child must be consumed with <see cref="ReadText"/>, <see cref="Skip"/> or a nested
/// <see cref="NextChild"/> loop, which all leave the reader on the child's last node.
/// Element names come from the reader's name table, so a parser compares them by reference (fast, no allocation).
/// </summary>
public sealed class XmlElementCursor
{
    private readonly XmlReader _reader;
    private readonly IXmlLineInfo? _lineInfo;
    private readonly HashSet<string> _indexedNames;
    private readonly Frame[] _frames = new Frame[SafeXmlReader.MaxDepth + 2];

    /// <summary>Paths of the frames 0 … <see cref="_pathsValidTo"/> (see <see cref="PathOf"/>).</summary>
    private readonly string[] _paths = new string[SafeXmlReader.MaxDepth + 2];
    private int _pathsValidTo = -1;
    private int _current = -1;
    private bool _childPending;

    private struct Frame
    {
        public string Name;
        public int Index;
        public string? LastChild;
        public int LastChildCount;
    }

    /// <param name="reader">A reader from <see cref="SafeXmlReader.Create"/>.</param>
    /// <param name="indexedNames">Repeatable elements whose position is shown in paths, e.g. "Ntry" → <c>Ntry[3]</c>.</param>
    public XmlElementCursor(XmlReader reader, IEnumerable<string> indexedNames)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        _lineInfo = reader as IXmlLineInfo;
        _indexedNames = new HashSet<string>(indexedNames, StringComparer.Ordinal);
    }

    public XmlReader Reader => _reader;

    /// <summary>Local name of the element the cursor is on (atomized in the reader's name table).</summary>
    public string Name => _frames[_current].Name;

    /// <summary>Depth of the current element (the root is 0).</summary>
    public int Depth => _current;

    /// <summary>1-based position among consecutive same-named siblings.</summary>
    public int Index => _frames[_current].Index;

    public int Line => _lineInfo?.LineNumber ?? 0;

    /// <summary>1-based column of the reader's current node (for an element: its name, just after '&lt;').</summary>
    public int Column => _lineInfo?.LinePosition ?? 0;

    public string NamespaceUri => _reader.NamespaceURI;

    /// <summary>Moves to the document element; false when the document has none.</summary>
    public bool MoveToRoot()
    {
        while (_reader.Read())
        {
            if (_reader.NodeType == XmlNodeType.Element)
            {
                Enter();
                return true;
            }
        }
        return false;
    }

    /// <summary>Moves to the next child element of the element at <paramref name="parentDepth"/>; false at the parent's end.</summary>
    public bool NextChild(int parentDepth)
    {
        if (_childPending)
        {
            _childPending = false;
            Enter();
            return true;
        }
        if (_reader.Depth == parentDepth && _reader.NodeType == XmlNodeType.Element && _reader.IsEmptyElement)
        {
            _current = parentDepth;
            return false;
        }
        while (_reader.Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element when _reader.Depth == parentDepth + 1:
                    Enter();
                    return true;
                case XmlNodeType.EndElement when _reader.Depth == parentDepth:
                    _current = parentDepth;
                    return false;
                default:
                    // Text inside an element that should hold only elements: ignored, as a schema-lenient reader.
                    continue;
            }
        }
        _current = parentDepth;
        return false;
    }

    /// <summary>
    /// Text content of the current element ("" when empty). Child elements inside (not allowed by the schema for
    /// a simple value) are skipped and reported through <paramref name="hadChildElements"/>.
    /// </summary>
    public string ReadText(out bool hadChildElements)
    {
        hadChildElements = false;
        var depth = _current;
        if (_reader.IsEmptyElement)
        {
            return "";
        }
        string? text = null;
        StringBuilder? more = null;
        while (_reader.Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (text is null)
                    {
                        text = _reader.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(text)).Append(_reader.Value);
                    }
                    break;
                case XmlNodeType.Element:
                    hadChildElements = true;
                    Enter();
                    Skip();
                    break;
                case XmlNodeType.EndElement when _reader.Depth == depth:
                    _current = depth;
                    return more?.ToString() ?? text ?? "";
            }
        }
        _current = depth;
        return more?.ToString() ?? text ?? "";
    }

    /// <inheritdoc cref="ReadText(out bool)"/>
    public string ReadText() => ReadText(out _);

    /// <summary>
    /// For an element that holds either text or elements (a code in one version, a choice in another): returns the
    /// text ("" when empty), or null when the content begins with an element, which the next
    /// <see cref="NextChild"/> call for this element then returns.
    /// </summary>
    public string? ReadTextOrEnterChildren()
    {
        var depth = _current;
        if (_reader.IsEmptyElement)
        {
            return "";
        }
        string? text = null;
        while (_reader.Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    text = text is null ? _reader.Value : text + _reader.Value;
                    break;
                case XmlNodeType.Element:
                    // Mixed text before elements is ignored, as in NextChild.
                    _childPending = true;
                    return null;
                case XmlNodeType.EndElement when _reader.Depth == depth:
                    _current = depth;
                    return text ?? "";
            }
        }
        _current = depth;
        return text ?? "";
    }

    /// <summary>Skips the current element and everything in it.</summary>
    public void Skip()
    {
        var depth = _current;
        if (_reader.IsEmptyElement)
        {
            return;
        }
        while (_reader.Read())
        {
            if (_reader.NodeType == XmlNodeType.Element && _reader.Depth > SafeXmlReader.MaxDepth)
            {
                throw new XmlTooDeepException(Line);
            }
            if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth)
            {
                break;
            }
        }
        _current = depth;
    }

    /// <summary>Value of an attribute of the current element, or null.</summary>
    public string? Attribute(string localName) => _reader.GetAttribute(localName);

    /// <summary>Path of the current element.</summary>
    public string Path => PathOf(_current);

    /// <summary>
    /// Path of the current element's ancestor (or self) at <paramref name="depth"/>. The paths of the ancestors are kept
    /// until an element at their depth is entered, so a reader that asks for the path of every entry and its amount
    /// builds one step each time, not the whole path.
    /// </summary>
    public string PathOf(int depth)
    {
        depth = Math.Min(depth, _frames.Length - 1);
        for (var d = _pathsValidTo + 1; d <= depth; d++)
        {
            var parent = d == 0 ? "" : _paths[d - 1];
            var frame = _frames[d];
            _paths[d] = _indexedNames.Contains(frame.Name)
                ? string.Create(CultureInfo.InvariantCulture, $"{parent}/{frame.Name}[{frame.Index}]")
                : string.Concat(parent, "/", frame.Name);
        }
        _pathsValidTo = Math.Max(_pathsValidTo, depth);
        return depth < 0 ? "" : _paths[depth];
    }

    /// <summary>Path of the current element with one more step, for an element that is missing (<c>…/Ntry[3]/Amt</c>).</summary>
    public string PathWith(int depth, string child) => PathOf(depth) + "/" + child;

    private void Enter()
    {
        var depth = _reader.Depth;
        if (depth > SafeXmlReader.MaxDepth)
        {
            throw new XmlTooDeepException(Line);
        }
        var name = _reader.LocalName;
        var index = 1;
        if (depth > 0)
        {
            ref var parent = ref _frames[depth - 1];
            if (ReferenceEquals(parent.LastChild, name))
            {
                index = ++parent.LastChildCount;
            }
            else
            {
                parent.LastChild = name;
                parent.LastChildCount = 1;
            }
        }
        _frames[depth] = new Frame { Name = name, Index = index };
        _current = depth;
        if (_pathsValidTo >= depth)
        {
            _pathsValidTo = depth - 1;
        }
    }
}
