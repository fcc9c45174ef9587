using System.Globalization;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Pain;

/// <summary>
/// Reads a pain.001 credit transfer initiation (.03, .09, or a bank variant recognised by CstmrCdtTrfInitn) and
/// checks what a bank checks first: NbOfTxs and CtrlSum at group and PmtInf level (errors, the bank would reject
/// the file with AM18/AM10), amounts with at most two decimals. Account and KID check digits are warnings:
/// validate what you create, warn on what you receive.
/// </summary>
public static class Pain001Reader
{
    public static Pain001ReadResult Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diagnostics = new List<Diagnostic>();
        var handler = new Handler(diagnostics);
        if (!PainXmlWalker.Walk(input, "CstmrCdtTrfInitn", "pain.001", handler, diagnostics))
        {
            return new Pain001ReadResult(null, diagnostics);
        }
        var document = handler.Document with { PaymentInformations = handler.PaymentInformations };
        const string group = "/Document/CstmrCdtTrfInitn/GrpHdr";
        var count = document.PaymentInformations.Sum(p => p.Transactions.Count);
        if (document.MessageId is null)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "GrpHdr/MsgId is missing") { Path = group + "/MsgId", Field = "MsgId" });
        }
        if (document.NumberOfTransactions is null)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "GrpHdr/NbOfTxs is missing or not a number") { Path = group + "/NbOfTxs", Field = "NbOfTxs" });
        }
        else if (document.NumberOfTransactions != count)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "NbOfTxs does not match the number of CdtTrfTxInf in the file")
            {
                Path = group + "/NbOfTxs", Field = "NbOfTxs",
                Expected = count.ToString(CultureInfo.InvariantCulture),
                Found = document.NumberOfTransactions.Value.ToString(CultureInfo.InvariantCulture),
            });
        }
        if (document.ControlSum is { } controlSum && handler.AllAmountsRead)
        {
            var sum = document.PaymentInformations.SelectMany(p => p.Transactions).Sum(t => t.Amount ?? 0m);
            if (sum != controlSum)
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "CtrlSum does not match the sum of InstdAmt in the file")
                {
                    Path = group + "/CtrlSum", Field = "CtrlSum",
                    Expected = sum.ToString(CultureInfo.InvariantCulture),
                    Found = controlSum.ToString(CultureInfo.InvariantCulture),
                });
            }
        }
        if (document.PaymentInformations.Count == 0)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "the file has no PmtInf") { Path = "/Document/CstmrCdtTrfInitn/PmtInf" });
        }
        return new Pain001ReadResult(document, diagnostics);
    }

    private sealed class Handler(List<Diagnostic> diagnostics) : PainXmlHandler
    {
        private const string Info = "PmtInf";
        private const string Tx = "PmtInf/CdtTrfTxInf";

        private Pain001PaymentInformation? _info;
        private List<Pain001Transaction>? _transactions;
        private bool _infoAmountsRead;
        private Pain001Transaction? _tx;
        private string? _referenceType;

        public Pain001Document Document { get; private set; } = new();
        public List<Pain001PaymentInformation> PaymentInformations { get; } = [];
        public bool AllAmountsRead { get; private set; } = true;

        public override void Start(string path, PainXmlWalker walker)
        {
            switch (path)
            {
                case "":
                    Document = Document with { Namespace = walker.Namespace, Version = walker.Version };
                    break;
                case Info:
                    _info = new Pain001PaymentInformation();
                    _transactions = [];
                    _infoAmountsRead = true;
                    break;
                case Tx:
                    _tx = new Pain001Transaction();
                    break;
                case Tx + "/RmtInf/Strd/CdtrRefInf":
                    _referenceType = null;
                    break;
                case Tx + "/Amt/InstdAmt":
                    _tx = _tx! with { Currency = walker.Attribute("Ccy") };
                    break;
            }
        }

        public override void End(string path, string? text, PainXmlWalker walker)
        {
            switch (path)
            {
                case "GrpHdr/MsgId":
                    Document = Document with { MessageId = text };
                    break;
                case "GrpHdr/CreDtTm":
                    Document = Document with { CreationDateTime = text };
                    break;
                case "GrpHdr/NbOfTxs":
                    Document = Document with { NumberOfTransactions = Count(text, walker) };
                    break;
                case "GrpHdr/CtrlSum":
                    Document = Document with { ControlSum = Sum(text, walker, "CtrlSum") };
                    break;
                case "GrpHdr/InitgPty/Nm":
                    Document = Document with { InitiatingPartyName = text };
                    break;
                case Info + "/PmtInfId":
                    _info = _info! with { PaymentInformationId = text };
                    break;
                case Info + "/PmtMtd":
                    _info = _info! with { PaymentMethod = text };
                    break;
                case Info + "/NbOfTxs":
                    _info = _info! with { NumberOfTransactions = Count(text, walker) };
                    break;
                case Info + "/CtrlSum":
                    _info = _info! with { ControlSum = Sum(text, walker, "CtrlSum") };
                    break;
                case Info + "/ReqdExctnDt":
                    _info = _info! with { RequestedExecutionDate = _info.RequestedExecutionDate ?? text };
                    break;
                case Info + "/ReqdExctnDt/Dt":
                case Info + "/ReqdExctnDt/DtTm":
                    _info = _info! with { RequestedExecutionDate = text };
                    break;
                case Info + "/Dbtr/Nm":
                    _info = _info! with { DebtorName = text };
                    break;
                case Info + "/DbtrAcct/Id/IBAN":
                case Info + "/DbtrAcct/Id/Othr/Id":
                    _info = _info! with { DebtorAccount = text };
                    break;
                case Tx + "/PmtId/InstrId":
                    _tx = _tx! with { InstructionId = text };
                    break;
                case Tx + "/PmtId/EndToEndId":
                    _tx = _tx! with { EndToEndId = text };
                    break;
                case Tx + "/Amt/InstdAmt":
                    var amount = Sum(text, walker, "InstdAmt");
                    if (amount is null)
                    {
                        _infoAmountsRead = AllAmountsRead = false;
                    }
                    else if (amount <= 0)
                    {
                        diagnostics.Add(walker.Diagnose(Severity.Error, "the amount must be positive", "InstdAmt", "> 0", text));
                    }
                    _tx = _tx! with { Amount = amount };
                    break;
                case Tx + "/Cdtr/Nm":
                    _tx = _tx! with { CreditorName = text };
                    break;
                case Tx + "/CdtrAcct/Id/IBAN":
                case Tx + "/CdtrAcct/Id/Othr/Id":
                    _tx = _tx! with { CreditorAccount = text };
                    break;
                case Tx + "/RmtInf/Ustrd":
                    _tx = _tx! with { Text = _tx.Text is null ? text : $"{_tx.Text} {text}" };
                    break;
                case Tx + "/RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd":
                    _referenceType = text;
                    break;
                case Tx + "/RmtInf/Strd/CdtrRefInf/Ref":
                    _tx = _tx! with { CreditorReference = text };
                    if (_referenceType == "SCOR" && text is not null && !text.StartsWith("RF", StringComparison.Ordinal)
                        && !Kid.TryParse(text, out _, out var kidError))
                    {
                        diagnostics.Add(walker.Diagnose(Severity.Warning, $"the creditor reference is not a valid KID: {kidError}", "Ref", null, text));
                    }
                    break;
                case Tx + "/RmtInf/Strd/RfrdDocInf/Nb":
                    _tx = _tx! with { InvoiceNumber = text };
                    break;
                case Tx:
                    FinishTransaction(walker);
                    break;
                case Info:
                    FinishPaymentInformation(walker);
                    break;
            }
        }

        private void FinishTransaction(PainXmlWalker walker)
        {
            var tx = _tx!;
            if (tx.EndToEndId is null)
            {
                diagnostics.Add(walker.Diagnose(Severity.Error, "PmtId/EndToEndId is missing", "EndToEndId"));
            }
            if (tx.Amount is null)
            {
                diagnostics.Add(walker.Diagnose(Severity.Error, "Amt/InstdAmt is missing or not an amount", "InstdAmt"));
                _infoAmountsRead = AllAmountsRead = false;
            }
            if (tx.CreditorAccount is { Length: 11 } bban && bban.All(char.IsAsciiDigit) && !AccountNumber.TryParse(bban, out _, out var accountError))
            {
                diagnostics.Add(walker.Diagnose(Severity.Warning, $"the creditor account fails the check: {accountError}", "CdtrAcct", null, bban));
            }
            if (tx.CreditorReference is not null && tx.Text is not null)
            {
                diagnostics.Add(walker.Diagnose(Severity.Warning, "a KID payment should carry no free text: Norwegian banks reject or drop it", "Ustrd"));
            }
            _transactions!.Add(tx);
            _tx = null;
        }

        private void FinishPaymentInformation(PainXmlWalker walker)
        {
            var info = _info! with { Transactions = _transactions! };
            var path = walker.DiagnosticPath();
            if (info.NumberOfTransactions is { } n && n != info.Transactions.Count)
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "PmtInf/NbOfTxs does not match the number of CdtTrfTxInf in it")
                {
                    Line = walker.Line, Path = path + "/NbOfTxs", Field = "NbOfTxs",
                    Expected = info.Transactions.Count.ToString(CultureInfo.InvariantCulture),
                    Found = n.ToString(CultureInfo.InvariantCulture),
                });
            }
            if (info.ControlSum is { } controlSum && _infoAmountsRead)
            {
                var sum = info.Transactions.Sum(t => t.Amount ?? 0m);
                if (sum != controlSum)
                {
                    diagnostics.Add(new Diagnostic(Severity.Error, "PmtInf/CtrlSum does not match the sum of InstdAmt in it")
                    {
                        Line = walker.Line, Path = path + "/CtrlSum", Field = "CtrlSum",
                        Expected = sum.ToString(CultureInfo.InvariantCulture),
                        Found = controlSum.ToString(CultureInfo.InvariantCulture),
                    });
                }
            }
            if (info.Transactions.Count == 0)
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "PmtInf holds no CdtTrfTxInf") { Line = walker.Line, Path = path });
            }
            PaymentInformations.Add(info);
            _info = null;
        }

        private int? Count(string? text, PainXmlWalker walker)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
            diagnostics.Add(walker.Diagnose(Severity.Error, "not a number of transactions", "NbOfTxs", "digits", text ?? "(empty)"));
            return null;
        }

        private decimal? Sum(string? text, PainXmlWalker walker, string field)
        {
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                diagnostics.Add(walker.Diagnose(Severity.Error, "not a decimal amount", field, "a decimal such as 1234.50", text ?? "(empty)"));
                return null;
            }
            if (value != decimal.Round(value, 2))
            {
                diagnostics.Add(walker.Diagnose(Severity.Error, "an amount has at most two decimals", field, "at most two decimals", text));
                return null;
            }
            return value;
        }
    }
}
