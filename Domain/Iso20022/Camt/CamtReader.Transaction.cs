using Bankflow.Domain.Banking;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>TxDtls: references, amount, parties, remittance information, return reason.</summary>
public sealed partial class CamtReader
{
    private CamtTransactionDetails ReadTransaction(int index)
    {
        var depth = _cursor.Depth;
        var path = _cursor.Path;
        var (line, column) = Position;
        CamtAmount? amount = null;
        CamtAmount? amountFromDetails = null;
        CreditDebit? direction = null;
        string? servicerReference = null, messageId = null, paymentInformationId = null, instructionId = null, endToEndId = null, transactionId = null;
        List<CreditorReference>? references = null;
        List<string>? unstructured = null;
        CamtParty? debtor = null, creditor = null;
        string? returnReason = null, returnInformation = null, info = null;
        ChargesBuilder? charges = null;

        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.Refs))
            {
                var refsDepth = _cursor.Depth;
                while (_cursor.NextChild(refsDepth))
                {
                    var refName = _cursor.Name;
                    if (ReferenceEquals(refName, _n.AcctSvcrRef))
                    {
                        servicerReference = ReadOptionalIdentifier();
                    }
                    else if (ReferenceEquals(refName, _n.EndToEndId))
                    {
                        endToEndId = ReadOptionalIdentifier();
                    }
                    else if (ReferenceEquals(refName, _n.InstrId))
                    {
                        instructionId = ReadOptionalIdentifier();
                    }
                    else if (ReferenceEquals(refName, _n.MsgId))
                    {
                        messageId = ReadOptionalIdentifier();
                    }
                    else if (ReferenceEquals(refName, _n.PmtInfId))
                    {
                        paymentInformationId = ReadOptionalIdentifier();
                    }
                    else if (ReferenceEquals(refName, _n.TxId))
                    {
                        transactionId = ReadOptionalIdentifier();
                    }
                    else
                    {
                        _cursor.Skip();
                    }
                }
            }
            else if (ReferenceEquals(name, _n.Amt))
            {
                amount = ReadAmount();
            }
            else if (ReferenceEquals(name, _n.CdtDbtInd))
            {
                direction = ReadCreditDebit();
            }
            else if (ReferenceEquals(name, _n.AmtDtls))
            {
                amountFromDetails = ReadTransactionAmountDetails();
            }
            else if (ReferenceEquals(name, _n.RltdPties))
            {
                ReadRelatedParties(ref debtor, ref creditor);
            }
            else if (ReferenceEquals(name, _n.RmtInf))
            {
                ReadRemittance(ref references, ref unstructured);
            }
            else if (ReferenceEquals(name, _n.RtrInf))
            {
                ReadReturn(ref returnReason, ref returnInformation);
            }
            else if (ReferenceEquals(name, _n.AddtlTxInf))
            {
                info = ReadOptionalText();
            }
            else if (ReferenceEquals(name, _n.Chrgs))
            {
                ReadCharges(charges ??= new ChargesBuilder());
            }
            else
            {
                _cursor.Skip();
            }
        }
        return new CamtTransactionDetails(
            index,
            amount ?? amountFromDetails,
            direction,
            servicerReference,
            messageId,
            paymentInformationId,
            instructionId,
            endToEndId,
            transactionId,
            references is null ? CreditorReferenceList.Empty : new CreditorReferenceList(references),
            unstructured ?? (IReadOnlyList<string>)[],
            debtor,
            creditor,
            returnReason,
            returnInformation,
            info,
            charges?.Build(),
            path,
            line)
        {
            Column = column,
        };
    }

    /// <summary>AmtDtls/TxAmt/Amt: the amount booked on the account (InstdAmt and CntrValAmt are other currencies).</summary>
    private CamtAmount? ReadTransactionAmountDetails()
    {
        var depth = _cursor.Depth;
        CamtAmount? amount = null;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.TxAmt))
            {
                var txDepth = _cursor.Depth;
                while (_cursor.NextChild(txDepth))
                {
                    if (ReferenceEquals(_cursor.Name, _n.Amt))
                    {
                        amount = ReadAmount();
                    }
                    else
                    {
                        _cursor.Skip();
                    }
                }
            }
            else
            {
                _cursor.Skip();
            }
        }
        return amount;
    }

    private void ReadRelatedParties(ref CamtParty? debtor, ref CamtParty? creditor)
    {
        var depth = _cursor.Depth;
        string? debtorName = null, debtorAccount = null, creditorName = null, creditorAccount = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.Dbtr))
            {
                debtorName = ReadPartyName();
            }
            else if (ReferenceEquals(name, _n.DbtrAcct))
            {
                debtorAccount = ReadAccount(statementAccount: false).Identifier;
            }
            else if (ReferenceEquals(name, _n.Cdtr))
            {
                creditorName = ReadPartyName();
            }
            else if (ReferenceEquals(name, _n.CdtrAcct))
            {
                creditorAccount = ReadAccount(statementAccount: false).Identifier;
            }
            else
            {
                _cursor.Skip();
            }
        }
        if (debtorName is not null || debtorAccount is not null)
        {
            debtor = new CamtParty(debtorName, debtorAccount);
        }
        if (creditorName is not null || creditorAccount is not null)
        {
            creditor = new CamtParty(creditorName, creditorAccount);
        }
    }

    /// <summary>v02 Dbtr/Nm; v08 Dbtr/Pty/Nm (Party40Choice).</summary>
    private string? ReadPartyName()
    {
        var depth = _cursor.Depth;
        string? result = null;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.Nm))
            {
                result ??= ReadOptionalText();
            }
            else if (ReferenceEquals(_cursor.Name, _n.Pty))
            {
                result ??= ReadPartyName();
            }
            else
            {
                _cursor.Skip();
            }
        }
        return result;
    }

    /// <summary>
    /// Structured references kept per transaction at most: a payment of many invoices lists one each, but every one of
    /// them is stored with the entry, so a file with more is refused (naming the element) rather than cut short.
    /// </summary>
    public const int MaxCreditorReferences = 999;

    private void ReadRemittance(ref List<CreditorReference>? references, ref List<string>? unstructured)
    {
        var depth = _cursor.Depth;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.Ustrd))
            {
                if (ReadOptionalText() is { } text)
                {
                    (unstructured ??= []).Add(text);
                }
            }
            else if (ReferenceEquals(_cursor.Name, _n.Strd))
            {
                var strdDepth = _cursor.Depth;
                while (_cursor.NextChild(strdDepth))
                {
                    if (ReferenceEquals(_cursor.Name, _n.CdtrRefInf))
                    {
                        var path = _cursor.Path;
                        var at = Position;
                        if (ReadCreditorReference() is { } reference)
                        {
                            references ??= [];
                            if (references.Count == MaxCreditorReferences)
                            {
                                // Said once: the one over the limit is kept, so the count shows the error was given.
                                Error($"more than {MaxCreditorReferences} structured creditor references in one transaction", path,
                                    $"at most {MaxCreditorReferences} Strd/CdtrRefInf", null, at);
                                references.Add(reference);
                            }
                            else if (references.Count < MaxCreditorReferences)
                            {
                                references.Add(reference);
                            }
                        }
                    }
                    else
                    {
                        _cursor.Skip();
                    }
                }
            }
            else
            {
                _cursor.Skip();
            }
        }
    }

    /// <summary>
    /// CdtrRefInf: Ref with Tp/CdOrPrtry/Cd (ISO: SCOR …) or Tp/CdOrPrtry/Prtry (the bank's own type, e.g. the
    /// Swiss QR reference QRR) and Tp/Issr. Every reference is kept with its type, whatever the type.
    /// </summary>
    private CreditorReference? ReadCreditorReference()
    {
        var depth = _cursor.Depth;
        string? type = null, issuer = null, reference = null;
        var proprietary = false;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.Tp))
            {
                var tpDepth = _cursor.Depth;
                while (_cursor.NextChild(tpDepth))
                {
                    if (ReferenceEquals(_cursor.Name, _n.CdOrPrtry))
                    {
                        var choiceDepth = _cursor.Depth;
                        while (_cursor.NextChild(choiceDepth))
                        {
                            if (ReferenceEquals(_cursor.Name, _n.Cd))
                            {
                                type = ReadOptionalIdentifier();
                            }
                            else if (ReferenceEquals(_cursor.Name, _n.Prtry))
                            {
                                type = ReadOptionalIdentifier();
                                proprietary = true;
                            }
                            else
                            {
                                _cursor.Skip();
                            }
                        }
                    }
                    else if (ReferenceEquals(_cursor.Name, _n.Issr))
                    {
                        issuer = ReadOptionalIdentifier();
                    }
                    else
                    {
                        _cursor.Skip();
                    }
                }
            }
            else if (ReferenceEquals(_cursor.Name, _n.Ref))
            {
                // Max35Text, as every identifier: references are matched and stored with the entry.
                reference = ReadOptionalIdentifier();
            }
            else
            {
                _cursor.Skip();
            }
        }
        return reference is null ? null : new CreditorReference(reference, type, proprietary && type is not null, issuer);
    }

    private void ReadReturn(ref string? reason, ref string? information)
    {
        var depth = _cursor.Depth;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.Rsn))
            {
                reason = ReadCode();
            }
            else if (ReferenceEquals(_cursor.Name, _n.AddtlInf))
            {
                var text = ReadOptionalText();
                information = information is null ? text : text is null ? information : information + " " + text;
            }
            else
            {
                _cursor.Skip();
            }
        }
    }
}
