using Bankflow.Domain.Iso20022.Common;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Stmt / Ntfctn header: id, sequence number, account, balances.</summary>
public sealed partial class CamtReader
{
    private CamtStatement ReadStatementHeader()
    {
        var depth = _cursor.Depth;
        var index = ++_statementIndex;
        var path = _cursor.Path;
        var (line, column) = Position;
        _entryIndex = 0;
        _detailMismatches = 0;
        _transactionCount = 0;
        _bookedCredits = 0;
        _bookedDebits = 0;
        _creditCount = 0;
        _credits = 0;
        _debitCount = 0;
        _debits = 0;
        _statementHeaderEnded = true;

        string? id = null;
        string? created = null;
        long? sequence = null;
        CamtAccount? account = null;
        var balances = new List<CamtBalance>(4);
        var balanceElements = 0;
        DateOnly? periodEnd = null;
        CamtTransactionsSummary? summary = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.Ntry))
            {
                _pendingChild = true;
                _statementHeaderEnded = false;
                break;
            }
            if (ReferenceEquals(name, _n.Id))
            {
                id = ReadIdentifier();
            }
            else if (ReferenceEquals(name, _n.ElctrncSeqNb))
            {
                sequence = ReadNumber();
            }
            else if (ReferenceEquals(name, _n.CreDtTm))
            {
                created = ReadDateTimeText();
            }
            else if (ReferenceEquals(name, _n.Acct))
            {
                account = ReadAccount(statementAccount: true);
            }
            else if (ReferenceEquals(name, _n.FrToDt))
            {
                periodEnd = ReadPeriodEnd();
            }
            else if (ReferenceEquals(name, _n.Bal))
            {
                balanceElements++;
                if (ReadBalance() is { } balance)
                {
                    balances.Add(balance);
                }
            }
            else if (ReferenceEquals(name, _n.TxsSummry))
            {
                summary = ReadTransactionsSummary(account?.Currency);
            }
            else
            {
                _cursor.Skip();
            }
        }
        RequireText(id, depth, "Id");
        if (CamtVersions.StatementCreationDateTimeRequired(Version))
        {
            // CreDtTm became optional in 001.08.
            RequirePresent(created, depth, "CreDtTm");
        }
        RequirePresent(account, depth, "Acct");
        // Counted as elements: a balance dropped for a bad field is reported by that field, not as missing.
        if (Kind == CamtMessageKind.Statement && balanceElements == 0)
        {
            Error("missing mandatory element Bal (a statement has at least one balance)", _cursor.PathOf(depth) + "/Bal", "Bal", null);
        }
        DateOnly? createdDate = created is not null && IsoDate.TryParseDateTime(created, out var d) ? d : null;
        _statement = new CamtStatement(index, id ?? "", sequence, created, account ?? new CamtAccount(null, null, null, null), balances, path, line)
        {
            Summary = summary,
            Column = column,
            Date = periodEnd ?? createdDate ?? _messageDate,
        };
        return _statement;
    }

    /// <summary>FrToDt/ToDtTm: the end of the period the statement covers, as a date (as written).</summary>
    private DateOnly? ReadPeriodEnd()
    {
        var depth = _cursor.Depth;
        DateOnly? result = null;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.ToDtTm))
            {
                var text = ReadText();
                if (IsoDate.TryParseDateTime(text, out var date))
                {
                    result = date;
                }
                else
                {
                    Error("not an ISO date-time", _cursor.Path, "YYYY-MM-DDThh:mm:ss with optional fraction and offset", Clip(text));
                }
            }
            else
            {
                _cursor.Skip();
            }
        }
        return result;
    }

    /// <summary>Acct, DbtrAcct, CdtrAcct: Id/IBAN or Id/Othr/Id (+ SchmeNm), Ccy.</summary>
    private CamtAccount ReadAccount(bool statementAccount)
    {
        var depth = _cursor.Depth;
        string? iban = null;
        string? other = null;
        string? scheme = null;
        string? currency = null;
        var sawId = false;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.Id))
            {
                sawId = true;
                var idDepth = _cursor.Depth;
                while (_cursor.NextChild(idDepth))
                {
                    if (ReferenceEquals(_cursor.Name, _n.IBAN))
                    {
                        iban = ReadOptionalIdentifier(MaxAccountLength);
                    }
                    else if (ReferenceEquals(_cursor.Name, _n.Othr))
                    {
                        var otherDepth = _cursor.Depth;
                        while (_cursor.NextChild(otherDepth))
                        {
                            if (ReferenceEquals(_cursor.Name, _n.Id))
                            {
                                other = ReadOptionalIdentifier(MaxAccountLength);
                            }
                            else if (ReferenceEquals(_cursor.Name, _n.SchmeNm))
                            {
                                scheme = ReadCode();
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
            else if (ReferenceEquals(name, _n.Ccy))
            {
                currency = ReadOptionalText();
            }
            else
            {
                _cursor.Skip();
            }
        }
        if (statementAccount && (!sawId || (iban is null && other is null)))
        {
            Error("missing mandatory element Acct/Id (IBAN or Othr/Id)", _cursor.PathOf(depth) + "/Id", "IBAN or Othr/Id", null);
        }
        return new CamtAccount(iban, other, scheme, currency);
    }

    private CamtBalance? ReadBalance()
    {
        var depth = _cursor.Depth;
        string? type = null;
        CamtAmount? amount = null;
        CreditDebit? direction = null;
        DateOnly? date = null;
        bool sawTp = false, sawAmt = false, sawInd = false, sawDt = false;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.Tp))
            {
                sawTp = true;
                type = ReadCode();
            }
            else if (ReferenceEquals(name, _n.Amt))
            {
                sawAmt = true;
                amount = ReadAmount();
            }
            else if (ReferenceEquals(name, _n.CdtDbtInd))
            {
                sawInd = true;
                direction = ReadCreditDebit();
            }
            else if (ReferenceEquals(name, _n.Dt))
            {
                sawDt = true;
                date = ReadDateChoice();
            }
            else
            {
                _cursor.Skip();
            }
        }
        if (!sawTp || (sawTp && type is null))
        {
            Error("missing mandatory element Tp/CdOrPrtry/Cd (balance type)", _cursor.PathOf(depth) + "/Tp", "OPBD, PRCD, CLBD, CLAV, …", null);
        }
        MissingIf(!sawAmt, depth, "Amt");
        MissingIf(!sawInd, depth, "CdtDbtInd");
        MissingIf(!sawDt, depth, "Dt");
        if (type is null || amount is null || direction is null || date is null)
        {
            return null;
        }
        return new CamtBalance(type, amount.Signed(direction.Value), amount.Currency, date.Value);
    }

    private CamtTransactionsSummary ReadTransactionsSummary(string? currency)
    {
        var depth = _cursor.Depth;
        long? count = null, sum = null, net = null, creditCount = null, creditSum = null, debitCount = null, debitSum = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.TtlNtries))
            {
                (count, sum, net) = ReadSummaryBlock(currency);
            }
            else if (ReferenceEquals(name, _n.TtlCdtNtries))
            {
                (creditCount, creditSum, _) = ReadSummaryBlock(currency);
            }
            else if (ReferenceEquals(name, _n.TtlDbtNtries))
            {
                (debitCount, debitSum, _) = ReadSummaryBlock(currency);
            }
            else
            {
                _cursor.Skip();
            }
        }
        return new CamtTransactionsSummary(count, sum, net, creditCount, creditSum, debitCount, debitSum);
    }

    /// <summary>NbOfNtries, Sum and the net amount (v02 TtlNetNtryAmt + CdtDbtInd, v08 TtlNetNtry/{Amt, CdtDbtInd}).</summary>
    private (long? Count, long? Sum, long? Net) ReadSummaryBlock(string? currency)
    {
        var depth = _cursor.Depth;
        long? count = null, sum = null, net = null;
        CreditDebit? direction = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.NbOfNtries))
            {
                count = ReadNumber();
            }
            else if (ReferenceEquals(name, _n.Sum))
            {
                sum = ReadDecimal(currency);
            }
            else if (ReferenceEquals(name, _n.TtlNetNtryAmt))
            {
                net = ReadDecimal(currency);
            }
            else if (ReferenceEquals(name, _n.CdtDbtInd))
            {
                direction = ReadCreditDebit();
            }
            else if (ReferenceEquals(name, _n.TtlNetNtry))
            {
                var netDepth = _cursor.Depth;
                while (_cursor.NextChild(netDepth))
                {
                    if (ReferenceEquals(_cursor.Name, _n.Amt))
                    {
                        net = ReadDecimal(currency);
                    }
                    else if (ReferenceEquals(_cursor.Name, _n.CdtDbtInd))
                    {
                        direction = ReadCreditDebit();
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
        return (count, sum, direction == CreditDebit.Debit ? -net : net);
    }

    /// <summary>A DecimalNumber without its own currency (TxsSummry sums): the account currency's decimals apply.</summary>
    private long? ReadDecimal(string? currency)
    {
        var path = _cursor.Path;
        var text = ReadText();
        var maxDecimals = CurrencyMinorUnits.MaxDecimals(currency);
        if (IsoAmount.TryParseHundredths(text, maxDecimals, out var hundredths, out var error))
        {
            return hundredths;
        }
        Error($"invalid amount: {error}", path, $"a decimal amount with at most {maxDecimals} decimals", Clip(text));
        return null;
    }

    private void MissingIf(bool missing, int parentDepth, string element)
    {
        if (missing)
        {
            Error($"missing mandatory element {element}", _cursor.PathOf(parentDepth) + "/" + element, element, null);
        }
    }
}
