using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Common;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>
/// Streaming reader for camt.053 (statement) and camt.054 (notification), versions 001.02 to 001.13 (see
/// <see cref="CamtVersions"/>), told apart by the root namespace. <see cref="Read"/> yields the group header, then per statement its start
/// (header and balances), its entries one at a time (each with its transaction details) and its end. Memory
/// does not grow with the number of entries: no DOM is built, only the current entry is held.
/// Every finding goes to <see cref="Diagnostics"/>; a malformed or hostile document ends the reading with an
/// error there, never with an exception.
/// </summary>
public sealed partial class CamtReader
{
    private enum State
    {
        Start,
        InMessage,
        InStatement,
        Done,
    }

    private const int MessageDepth = 1;
    private const int StatementDepth = 2;

    private readonly Stream _input;
    private readonly int _maxTokenBytes;
    private readonly NameTable _nameTable = new();
    private readonly CamtNames _n;
    private XmlReader? _xml;
    private XmlElementCursor _cursor = null!;
    private State _state;

    /// <summary>Where the last node after the message was read (set once the message has been read).</summary>
    private (int Line, int Column)? _afterRoot;

    private string _statementName = "";
    private bool _pendingChild;
    private bool _statementHeaderEnded;

    private CamtStatement? _statement;
    private int _statementIndex;
    private int _entryIndex;
    private int _transactionCount;
    private long _bookedCredits;
    private long _bookedDebits;
    private int _creditCount;
    private long _credits;
    private int _debitCount;
    private long _debits;
    private int _detailMismatches;
    private DateOnly? _messageDate;

    /// <param name="input">The file, read once from its current position; not closed by the reader.</param>
    /// <param name="diagnostics">Where findings go; a new collector when null.</param>
    /// <param name="maxTokenBytes">Most bytes without markup (see <see cref="MarkupGapGuardStream"/>).</param>
    public CamtReader(Stream input, DiagnosticCollector? diagnostics = null, int maxTokenBytes = SafeXmlReader.DefaultMaxTokenBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _maxTokenBytes = maxTokenBytes;
        _n = new CamtNames(_nameTable);
        Diagnostics = diagnostics ?? new DiagnosticCollector();
    }

    public DiagnosticCollector Diagnostics { get; }

    /// <summary>The message kind once the root was read.</summary>
    public CamtMessageKind? Kind { get; private set; }

    /// <summary>The version (e.g. "001.02", see <see cref="CamtVersions"/>) once the root was read.</summary>
    public string? Version { get; private set; }

    /// <summary>Reads the document once, front to back. Enumerate it only once.</summary>
    public IEnumerable<CamtItem> Read()
    {
        try
        {
            while (true)
            {
                var item = Step();
                if (item is null)
                {
                    yield break;
                }
                yield return item;
            }
        }
        finally
        {
            _xml?.Dispose();
        }
    }

    /// <summary>Reads up to the next item; null at the end or after a fatal error (which is in <see cref="Diagnostics"/>).</summary>
    private CamtItem? Step()
    {
        try
        {
            return _state switch
            {
                State.Start => ReadStart(),
                State.InMessage => ReadNextStatement(),
                State.InStatement => ReadNextEntryOrEnd(),
                _ => null,
            };
        }
        catch (XmlException ex)
        {
            if (ex.LineNumber > 0 || _afterRoot is not { Line: > 0 } after)
            {
                Fatal(Describe(ex), ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : null);
            }
            else
            {
                Fatal($"after the root element ended (line {after.Line}, column {after.Column}): {Describe(ex)}", after);
            }
        }
        catch (XmlTokenTooLongException ex)
        {
            Fatal(ex.Message, null);
        }
        catch (DecoderFallbackException)
        {
            Fatal("the file contains bytes that are not valid in its declared encoding", null);
        }
        _state = State.Done;
        return null;
    }

    [GeneratedRegex(@"^urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\.(\d{3}\.\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CamtNamespace();

    private CamtItem? ReadStart()
    {
        _xml = SafeXmlReader.Create(_input, _nameTable, _maxTokenBytes);
        _cursor = new XmlElementCursor(_xml, _n.Indexed);
        _state = State.Done;
        if (!_cursor.MoveToRoot())
        {
            Fatal("the document has no root element", null);
            return null;
        }
        if (!ReferenceEquals(_cursor.Name, _n.Document))
        {
            Error("the root element must be <Document>", _cursor.Path, "Document", _cursor.Name);
            return null;
        }
        var ns = _cursor.NamespaceUri;
        var match = CamtNamespace().Match(ns);
        if (!match.Success)
        {
            Error(
                "the namespace is not an ISO 20022 camt.053 or camt.054 namespace",
                _cursor.Path,
                $"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 (or camt.054; version {CamtVersions.SupportedText})",
                ns.Length == 0 ? "(no namespace)" : ns.Length <= 200 ? ns : Clip(ns));
            return null;
        }
        Kind = match.Groups[1].Value == "053" ? CamtMessageKind.Statement : CamtMessageKind.Notification;
        Version = match.Groups[2].Value;
        if (!CamtVersions.IsSupported(Version))
        {
            Error(
                $"camt.{match.Groups[1].Value} version {Version} is not supported: Bankflow reads versions {CamtVersions.SupportedText}",
                _cursor.Path,
                CamtVersions.SupportedText,
                Version);
            return null;
        }
        var messageName = Kind == CamtMessageKind.Statement ? _n.BkToCstmrStmt : _n.BkToCstmrDbtCdtNtfctn;
        _statementName = Kind == CamtMessageKind.Statement ? _n.Stmt : _n.Ntfctn;
        if (!_cursor.NextChild(0) || !ReferenceEquals(_cursor.Name, messageName))
        {
            Error($"missing mandatory element {messageName}", _cursor.PathWith(0, messageName), messageName, FoundName(0));
            return null;
        }
        string? messageId = null;
        string? created = null;
        if (_cursor.NextChild(MessageDepth))
        {
            if (ReferenceEquals(_cursor.Name, _n.GrpHdr))
            {
                (messageId, created) = ReadGroupHeader();
            }
            else
            {
                Error("missing mandatory element GrpHdr", _cursor.PathWith(MessageDepth, "GrpHdr"), "GrpHdr", _cursor.Name);
                _pendingChild = true;
            }
        }
        else
        {
            Error("missing mandatory element GrpHdr", _cursor.PathWith(MessageDepth, "GrpHdr"), "GrpHdr", null);
        }
        _state = State.InMessage;
        return new CamtGroupHeader(Kind.Value, Version, messageId ?? "", created);
    }

    private (string? MessageId, string? Created) ReadGroupHeader()
    {
        var depth = _cursor.Depth;
        string? messageId = null;
        string? created = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.MsgId))
            {
                messageId = ReadIdentifier();
            }
            else if (ReferenceEquals(name, _n.CreDtTm))
            {
                created = ReadDateTimeText();
            }
            else
            {
                _cursor.Skip();
            }
        }
        RequireText(messageId, depth, "MsgId");
        RequirePresent(created, depth, "CreDtTm");
        if (created is not null && IsoDate.TryParseDateTime(created, out var date))
        {
            _messageDate = date;
        }
        return (messageId, created);
    }

    private CamtItem? ReadNextStatement()
    {
        var has = _pendingChild || _cursor.NextChild(MessageDepth);
        _pendingChild = false;
        while (has)
        {
            if (ReferenceEquals(_cursor.Name, _statementName))
            {
                var statement = ReadStatementHeader();
                _state = State.InStatement;
                return new CamtStatementStart(statement);
            }
            if (ReferenceEquals(_cursor.Name, _n.Stmt) || ReferenceEquals(_cursor.Name, _n.Ntfctn))
            {
                Error($"<{_cursor.Name}> does not belong in this message", _cursor.Path, _statementName, _cursor.Name);
            }
            _cursor.Skip();
            has = _cursor.NextChild(MessageDepth);
        }
        if (_statementIndex == 0)
        {
            Error($"missing mandatory element {_statementName}", _cursor.PathWith(MessageDepth, _statementName), _statementName, null);
        }
        // Read to the end so that anything malformed after the message is still reported. A DOCTYPE there is refused
        // by the framework without a position (it stops before moving onto it): the last node read before it stands in.
        var lineInfo = _xml as IXmlLineInfo;
        _afterRoot = (lineInfo?.LineNumber ?? 0, lineInfo?.LinePosition ?? 0);
        while (_xml!.Read())
        {
            _afterRoot = (lineInfo?.LineNumber ?? 0, lineInfo?.LinePosition ?? 0);
        }
        _state = State.Done;
        return null;
    }

    private CamtItem ReadNextEntryOrEnd()
    {
        var has = !_statementHeaderEnded && (_pendingChild || _cursor.NextChild(StatementDepth));
        _pendingChild = false;
        while (has)
        {
            if (ReferenceEquals(_cursor.Name, _n.Ntry))
            {
                var entry = ReadEntry();
                if (entry is not null)
                {
                    return new CamtEntryItem(_statement!, entry);
                }
            }
            else
            {
                _cursor.Skip();
            }
            has = _cursor.NextChild(StatementDepth);
        }
        _state = State.InMessage;
        var totals = new CamtStatementTotals(_entryIndex, _transactionCount, _bookedCredits, _bookedDebits, _creditCount, _credits, _debitCount, _debits)
        {
            DetailMismatches = _detailMismatches,
        };
        CamtChecks.CheckBalances(_statement!, totals, Kind == CamtMessageKind.Statement, Diagnostics);
        CamtChecks.CheckSummary(_statement!, totals, Diagnostics);
        return new CamtStatementEnd(_statement!, totals);
    }

    private void Fatal(string message, (int Line, int Column)? at)
    {
        var (line, column) = at ?? (_cursor?.Line ?? 0, _cursor?.Column ?? 0);
        Diagnostics.Add(new Diagnostic(Severity.Error, message) { Line = NullIfZero(line), Column = line == 0 ? null : NullIfZero(column) });
        _state = State.Done;
    }

    private static string Describe(XmlException ex)
    {
        if (ex is XmlTooDeepException)
        {
            return ex.Message;
        }
        // The framework's DTD message tells the user to turn DTD processing on: exactly what must not happen.
        if (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return "the document has a DOCTYPE: document type definitions are not accepted (they can pull in other files or expand entities)";
        }
        return "not well-formed XML: " + ex.Message;
    }

    private string? FoundName(int parentDepth) => _cursor.Depth > parentDepth ? _cursor.Name : null;

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}
