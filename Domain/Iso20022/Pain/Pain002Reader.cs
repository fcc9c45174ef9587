using System.Globalization;
using Bankflow.Domain.Diagnostics;

namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// Reads a pain.002 status report: pain.002.001.03 and .001.10, and bank variants in their own namespace
/// (e.g. SIX/PostFinance "pain.002.001.03.ch.02"), recognised by the message element CstmrPmtStsRpt.
/// Never throws on bad input: problems come back as diagnostics.
/// </summary>
public static class Pain002Reader
{
    private const string IsoNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:pain.002.";

    /// <summary>
    /// Reasons kept per status (group, payment information, transaction) and additional-information lines per reason.
    /// The schema sets no maximum, but banks give one or two; the cap bounds what a status report can make Bankflow
    /// store per payment and put in a notification (a report with thousands of reasons filled a table property).
    /// </summary>
    public const int MaxReasons = 10;

    /// <summary>StsRsnInf/AddtlInf is Max105Text; Rsn/Prtry is Max35Text. Longer values are cut to these, with a warning.</summary>
    public const int MaxAdditionalInfoLength = 105;

    public const int MaxProprietaryLength = 35;

    public static Pain002ReadResult Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diagnostics = new List<Diagnostic>();
        var handler = new Handler(diagnostics);
        var ok = PainXmlWalker.Walk(input, "CstmrPmtStsRpt", "pain.002", handler, diagnostics);
        if (!ok)
        {
            return new Pain002ReadResult(null, diagnostics);
        }
        if (handler.Namespace is { } ns && !ns.StartsWith(IsoNamespacePrefix, StringComparison.Ordinal))
        {
            diagnostics.Insert(0, new Diagnostic(Severity.Warning,
                $"bank-specific namespace '{ns}'; read as ISO pain.002 (same structure)") { Path = "/Document", Field = "xmlns" });
        }
        if (!handler.SawGroup)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "the report has no OrgnlGrpInfAndSts: it cannot be linked to a payment file")
            {
                Path = "/Document/CstmrPmtStsRpt/OrgnlGrpInfAndSts",
            });
        }
        else if (string.IsNullOrEmpty(handler.OriginalMessageId))
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "OrgnlMsgId is missing: the report cannot be linked to a payment file")
            {
                Path = "/Document/CstmrPmtStsRpt/OrgnlGrpInfAndSts/OrgnlMsgId",
            });
        }
        var report = new Pain002Report
        {
            Version = handler.Version,
            Namespace = handler.Namespace,
            MessageId = handler.MessageId,
            CreationDateTime = handler.CreationDateTime,
            OriginalMessageId = handler.OriginalMessageId,
            OriginalMessageNameId = handler.OriginalMessageNameId,
            OriginalNumberOfTransactions = handler.OriginalNumberOfTransactions,
            OriginalControlSum = handler.OriginalControlSum,
            GroupStatus = handler.GroupStatus,
            GroupReasons = handler.GroupReasons,
            PaymentInformations = handler.PaymentInformations,
        };
        return new Pain002ReadResult(report, diagnostics);
    }

    private sealed class Handler(List<Diagnostic> diagnostics) : PainXmlHandler
    {
        private const string Group = "OrgnlGrpInfAndSts";
        private const string PmtInf = "OrgnlPmtInfAndSts";
        private const string Tx = "OrgnlPmtInfAndSts/TxInfAndSts";

        private Pain002PaymentInformation? _pmtInf;
        private List<StatusReason>? _pmtInfReasons;
        private List<Pain002Transaction>? _transactions;
        private Pain002Transaction? _tx;
        private List<StatusReason>? _txReasons;
        private ReasonBuilder? _reason;
        /// <summary>Reason lists that reached <see cref="MaxReasons"/> and had one more (warned about once each).</summary>
        private readonly HashSet<List<StatusReason>> _capped = new(ReferenceEqualityComparer.Instance);

        public string? Namespace { get; private set; }
        public string? Version { get; private set; }
        public string? MessageId { get; private set; }
        public string? CreationDateTime { get; private set; }
        public bool SawGroup { get; private set; }
        public string? OriginalMessageId { get; private set; }
        public string? OriginalMessageNameId { get; private set; }
        public int? OriginalNumberOfTransactions { get; private set; }
        public decimal? OriginalControlSum { get; private set; }
        public PaymentStatusCode? GroupStatus { get; private set; }
        public List<StatusReason> GroupReasons { get; } = [];
        public List<Pain002PaymentInformation> PaymentInformations { get; } = [];

        public override void Start(string path, PainXmlWalker walker)
        {
            switch (path)
            {
                case "":
                    Namespace = walker.Namespace;
                    Version = walker.Version;
                    break;
                case Group:
                    SawGroup = true;
                    break;
                case PmtInf:
                    _pmtInf = new Pain002PaymentInformation();
                    _pmtInfReasons = [];
                    _transactions = [];
                    break;
                case Tx:
                    _tx = new Pain002Transaction();
                    _txReasons = [];
                    break;
                // Past the cap (and its one warning) a reason is not read at all: its lines would only be dropped.
                case Group + "/StsRsnInf":
                    _reason = new ReasonBuilder { Discard = _capped.Contains(GroupReasons) };
                    break;
                case PmtInf + "/StsRsnInf":
                    _reason = new ReasonBuilder { Discard = _capped.Contains(_pmtInfReasons!) };
                    break;
                case Tx + "/StsRsnInf":
                    _reason = new ReasonBuilder { Discard = _capped.Contains(_txReasons!) };
                    break;
            }
        }

        public override void End(string path, string? text, PainXmlWalker walker)
        {
            switch (path)
            {
                case "GrpHdr/MsgId":
                    MessageId = text;
                    break;
                case "GrpHdr/CreDtTm":
                    CreationDateTime = text;
                    break;
                case Group + "/OrgnlMsgId":
                    OriginalMessageId = text;
                    break;
                case Group + "/OrgnlMsgNmId":
                    OriginalMessageNameId = text;
                    break;
                case Group + "/OrgnlNbOfTxs":
                    OriginalNumberOfTransactions = ParseCount(text, walker);
                    break;
                case Group + "/OrgnlCtrlSum":
                    OriginalControlSum = ParseSum(text, walker);
                    break;
                case Group + "/GrpSts":
                    GroupStatus = ParseStatus(text, walker, "GrpSts");
                    break;
                case PmtInf + "/OrgnlPmtInfId":
                    _pmtInf = _pmtInf! with { OriginalPaymentInformationId = text };
                    break;
                case PmtInf + "/PmtInfSts":
                    _pmtInf = _pmtInf! with { Status = ParseStatus(text, walker, "PmtInfSts") };
                    break;
                case Tx + "/OrgnlInstrId":
                    _tx = _tx! with { OriginalInstructionId = text };
                    break;
                case Tx + "/OrgnlEndToEndId":
                    _tx = _tx! with { OriginalEndToEndId = text };
                    break;
                case Tx + "/TxSts":
                    _tx = _tx! with { Status = ParseStatus(text, walker, "TxSts") };
                    break;
                case Group + "/StsRsnInf/Rsn/Cd" or PmtInf + "/StsRsnInf/Rsn/Cd" or Tx + "/StsRsnInf/Rsn/Cd"
                    or Group + "/StsRsnInf/Rsn/Prtry" or PmtInf + "/StsRsnInf/Rsn/Prtry" or Tx + "/StsRsnInf/Rsn/Prtry"
                    or Group + "/StsRsnInf/AddtlInf" or PmtInf + "/StsRsnInf/AddtlInf" or Tx + "/StsRsnInf/AddtlInf" when _reason!.Discard:
                    break;
                case Group + "/StsRsnInf/Rsn/Cd":
                case PmtInf + "/StsRsnInf/Rsn/Cd":
                case Tx + "/StsRsnInf/Rsn/Cd":
                    if (text is null or { Length: > 4 })
                    {
                        diagnostics.Add(walker.Diagnose(Severity.Warning, "a reason code has 1–4 characters", "Cd", "1–4 characters", text ?? "(empty)"));
                    }
                    if (text is not null)
                    {
                        _reason!.Code = new StatusReasonCode(text);
                    }
                    break;
                case Group + "/StsRsnInf/Rsn/Prtry":
                case PmtInf + "/StsRsnInf/Rsn/Prtry":
                case Tx + "/StsRsnInf/Rsn/Prtry":
                    _reason!.Proprietary = Cut(text, MaxProprietaryLength, "Prtry", walker);
                    break;
                case Group + "/StsRsnInf/AddtlInf":
                case PmtInf + "/StsRsnInf/AddtlInf":
                case Tx + "/StsRsnInf/AddtlInf":
                    if (text is null)
                    {
                        break;
                    }
                    if (_reason!.AdditionalInfo.Count < MaxReasons)
                    {
                        _reason.AdditionalInfo.Add(_reason.AdditionalInfo.Count == 0
                            ? Cut(text, MaxAdditionalInfoLength, "AddtlInf", walker)!
                            : text[..Math.Min(text.Length, MaxAdditionalInfoLength)]); // warned about once per reason
                    }
                    else if (_reason.AdditionalInfo.Count == MaxReasons && !_reason.Capped)
                    {
                        _reason.Capped = true;
                        diagnostics.Add(walker.Diagnose(Severity.Warning, $"more than {MaxReasons} AddtlInf lines in one reason: only the first {MaxReasons} are kept", "AddtlInf"));
                    }
                    break;
                case Group + "/StsRsnInf":
                    Keep(GroupReasons, walker);
                    break;
                case PmtInf + "/StsRsnInf":
                    Keep(_pmtInfReasons!, walker);
                    break;
                case Tx + "/StsRsnInf":
                    Keep(_txReasons!, walker);
                    break;
                case Tx:
                    if (_tx!.Status is null)
                    {
                        diagnostics.Add(walker.Diagnose(Severity.Warning, "transaction without TxSts: it inherits the payment-information status", "TxSts"));
                    }
                    if (_tx.OriginalEndToEndId is null && _tx.OriginalInstructionId is null)
                    {
                        diagnostics.Add(walker.Diagnose(Severity.Error,
                            "transaction status without OrgnlEndToEndId or OrgnlInstrId cannot be linked to a payment", "OrgnlEndToEndId"));
                    }
                    _transactions!.Add(_tx with { Reasons = _txReasons! });
                    _tx = null;
                    break;
                case PmtInf:
                    if (_pmtInf!.OriginalPaymentInformationId is null)
                    {
                        diagnostics.Add(walker.Diagnose(Severity.Warning, "OrgnlPmtInfAndSts without OrgnlPmtInfId", "OrgnlPmtInfId"));
                    }
                    PaymentInformations.Add(_pmtInf with { Reasons = _pmtInfReasons!, Transactions = _transactions! });
                    _pmtInf = null;
                    break;
            }
        }

        /// <summary>Adds the reason just read, unless <paramref name="reasons"/> is full (then the first reason left out is a warning).</summary>
        private void Keep(List<StatusReason> reasons, PainXmlWalker walker)
        {
            if (_reason!.Discard)
            {
                // Past the cap: already warned about.
            }
            else if (reasons.Count < MaxReasons)
            {
                reasons.Add(_reason.Build());
            }
            else if (_capped.Add(reasons))
            {
                diagnostics.Add(walker.Diagnose(Severity.Warning, $"more than {MaxReasons} StsRsnInf for one status: only the first {MaxReasons} are kept", "StsRsnInf"));
            }
            _reason = null;
        }

        private string? Cut(string? text, int length, string field, PainXmlWalker walker)
        {
            if (text is null || text.Length <= length)
            {
                return text;
            }
            diagnostics.Add(walker.Diagnose(Severity.Warning, $"{field} has more than {length} characters: cut to {length}", field, $"at most {length} characters", $"{text.Length} characters"));
            return text[..length];
        }

        private PaymentStatusCode? ParseStatus(string? text, PainXmlWalker walker, string field)
        {
            if (text is null || text.Length > 4)
            {
                diagnostics.Add(walker.Diagnose(Severity.Error, "a status code has 1–4 characters", field, "1–4 characters", text ?? "(empty)"));
                return null;
            }
            var code = new PaymentStatusCode(text);
            if (!code.IsKnown)
            {
                diagnostics.Add(walker.Diagnose(Severity.Warning, $"unknown status code {text}; kept as is", field, null, text));
            }
            return code;
        }

        private int? ParseCount(string? text, PainXmlWalker walker)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
            diagnostics.Add(walker.Diagnose(Severity.Warning, "not a number of transactions", "OrgnlNbOfTxs", "digits", text ?? "(empty)"));
            return null;
        }

        private decimal? ParseSum(string? text, PainXmlWalker walker)
        {
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var sum))
            {
                return sum;
            }
            diagnostics.Add(walker.Diagnose(Severity.Warning, "not a decimal control sum", "OrgnlCtrlSum", "a decimal such as 1234.50", text ?? "(empty)"));
            return null;
        }
    }

    private sealed class ReasonBuilder
    {
        public StatusReasonCode? Code { get; set; }
        public string? Proprietary { get; set; }
        public List<string> AdditionalInfo { get; } = [];

        /// <summary>True once an AddtlInf beyond the cap was left out (warned about once per reason).</summary>
        public bool Capped { get; set; }

        /// <summary>A reason beyond <see cref="MaxReasons"/>: read past, nothing kept, nothing reported.</summary>
        public bool Discard { get; init; }

        public StatusReason Build() => new(Code, Proprietary, AdditionalInfo);
    }
}
