namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Ntry and its NtryDtls/TxDtls.</summary>
public sealed partial class CamtReader
{
    private CamtEntry? ReadEntry()
    {
        var depth = _cursor.Depth;
        var index = ++_entryIndex;
        var path = _cursor.Path;
        var (line, column) = Position;

        CamtAmount? amount = null;
        CreditDebit? direction = null;
        string? status = null;
        var reversal = false;
        DateOnly? booking = null;
        DateOnly? value = null;
        string? servicerReference = null;
        string? entryReference = null;
        CamtBankTransactionCode? code = null;
        ChargesBuilder? charges = null;
        CamtBatch? batch = null;
        string? info = null;
        var transactions = new List<CamtTransactionDetails>();
        bool sawAmt = false, sawInd = false, sawSts = false, sawBkTxCd = false, sawBookgDt = false;

        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.Amt))
            {
                sawAmt = true;
                amount = ReadAmount();
            }
            else if (ReferenceEquals(name, _n.CdtDbtInd))
            {
                sawInd = true;
                direction = ReadCreditDebit();
            }
            else if (ReferenceEquals(name, _n.Sts))
            {
                sawSts = true;
                status = ReadCode();
            }
            else if (ReferenceEquals(name, _n.RvslInd))
            {
                reversal = ReadBoolean();
            }
            else if (ReferenceEquals(name, _n.BookgDt))
            {
                sawBookgDt = true;
                booking = ReadDateChoice();
            }
            else if (ReferenceEquals(name, _n.ValDt))
            {
                value = ReadDateChoice();
            }
            else if (ReferenceEquals(name, _n.AcctSvcrRef))
            {
                servicerReference = ReadOptionalIdentifier();
            }
            else if (ReferenceEquals(name, _n.NtryRef))
            {
                entryReference = ReadOptionalIdentifier();
            }
            else if (ReferenceEquals(name, _n.BkTxCd))
            {
                sawBkTxCd = true;
                code = ReadBankTransactionCode();
            }
            else if (ReferenceEquals(name, _n.Chrgs))
            {
                ReadCharges(charges ??= new ChargesBuilder());
            }
            else if (ReferenceEquals(name, _n.NtryDtls))
            {
                ReadEntryDetails(transactions, ref batch);
            }
            else if (ReferenceEquals(name, _n.AddtlNtryInf))
            {
                info = ReadOptionalText();
            }
            else
            {
                _cursor.Skip();
            }
        }
        MissingIf(!sawAmt, depth, "Amt");
        MissingIf(!sawInd, depth, "CdtDbtInd");
        MissingIf(!sawSts, depth, "Sts");
        MissingIf(!sawBkTxCd, depth, "BkTxCd");
        if (sawSts && status is null)
        {
            Error("entry status is empty", _cursor.PathOf(depth) + "/Sts", "BOOK, PDNG or INFO", "empty");
        }
        if (status is not (null or "BOOK" or "PDNG" or "INFO" or "FUTR"))
        {
            Warning("unknown entry status: the entry is not treated as booked", _cursor.PathOf(depth) + "/Sts", "BOOK, PDNG, INFO or FUTR", Clip(status));
        }
        if (amount is not null && _statement?.Account.Currency is { } accountCurrency && amount.Currency != accountCurrency)
        {
            Warning("entry currency differs from the account currency", _cursor.PathOf(depth) + "/Amt", accountCurrency, amount.Currency);
        }
        if (status == "BOOK" && !sawBookgDt)
        {
            MissingBookingDate(depth, value, (line, column));
        }
        if (amount is null || direction is null)
        {
            return null;
        }
        var entry = new CamtEntry(
            index,
            amount,
            direction.Value,
            status ?? "",
            reversal,
            booking,
            value,
            servicerReference,
            entryReference,
            code,
            charges?.Build(),
            batch,
            transactions,
            info,
            path,
            line)
        {
            Column = column,
        };
        if (direction == CreditDebit.Credit)
        {
            _creditCount++;
            _credits = checked(_credits + amount.Value.Ore);
        }
        else
        {
            _debitCount++;
            _debits = checked(_debits + amount.Value.Ore);
        }
        if (entry.IsBooked)
        {
            if (direction == CreditDebit.Credit)
            {
                _bookedCredits = checked(_bookedCredits + amount.Value.Ore);
            }
            else
            {
                _bookedDebits = checked(_bookedDebits + amount.Value.Ore);
            }
        }
        _transactionCount += Math.Max(1, transactions.Count);
        if (CamtChecks.CheckEntry(entry, Diagnostics) == EntryCheck.DetailDisagrees && entry.IsBooked)
        {
            _detailMismatches++;
        }
        return entry;
    }

    /// <summary>
    /// BookgDt is optional in the schema. A booked entry without one is still money on the account: it takes its
    /// value date, else the statement's date (<see cref="CamtStatement.Date"/>), with a warning saying which, at
    /// the entry's start tag. Only when there is no date at all can it not be imported.
    /// </summary>
    private void MissingBookingDate(int depth, DateOnly? valueDate, (int Line, int Column) entryStart)
    {
        var path = _cursor.PathOf(depth) + "/BookgDt";
        if (valueDate is { } value)
        {
            Warning("booked entry without BookgDt: its value date (ValDt) is taken as the booking date", path, "BookgDt/Dt or BookgDt/DtTm", $"none; ValDt {Text(value)} used", entryStart);
        }
        else if (_statement?.Date is { } statementDate)
        {
            Warning("booked entry without BookgDt or ValDt: the statement's date (FrToDt/ToDtTm, else CreDtTm) is taken as the booking date", path, "BookgDt/Dt or BookgDt/DtTm", $"none; statement date {Text(statementDate)} used", entryStart);
        }
        else
        {
            Error("missing BookgDt on a booked entry, and neither a value date nor a statement date to take instead: the booking date is needed to import it", path, "BookgDt/Dt or BookgDt/DtTm", null, entryStart);
        }
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private CamtBankTransactionCode ReadBankTransactionCode()
    {
        var depth = _cursor.Depth;
        string? domain = null, family = null, subFamily = null, proprietary = null, issuer = null;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.Domn))
            {
                var domnDepth = _cursor.Depth;
                while (_cursor.NextChild(domnDepth))
                {
                    if (ReferenceEquals(_cursor.Name, _n.Cd))
                    {
                        domain = ReadOptionalText();
                    }
                    else if (ReferenceEquals(_cursor.Name, _n.Fmly))
                    {
                        var fmlyDepth = _cursor.Depth;
                        while (_cursor.NextChild(fmlyDepth))
                        {
                            if (ReferenceEquals(_cursor.Name, _n.Cd))
                            {
                                family = ReadOptionalText();
                            }
                            else if (ReferenceEquals(_cursor.Name, _n.SubFmlyCd))
                            {
                                subFamily = ReadOptionalText();
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
            else if (ReferenceEquals(_cursor.Name, _n.Prtry))
            {
                var prtryDepth = _cursor.Depth;
                while (_cursor.NextChild(prtryDepth))
                {
                    if (ReferenceEquals(_cursor.Name, _n.Cd))
                    {
                        proprietary = ReadOptionalText();
                    }
                    else if (ReferenceEquals(_cursor.Name, _n.Issr))
                    {
                        issuer = ReadOptionalText();
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
        return new CamtBankTransactionCode(domain, family, subFamily, proprietary, issuer);
    }

    /// <summary>Collects charges: v02 has one Chrgs per charge (with Amt), v08 one Chrgs with Rcrd children.</summary>
    private sealed class ChargesBuilder
    {
        public CamtAmount? Total;
        public readonly List<CamtCharge> Records = [];

        public CamtCharges Build() => new(Total, Records);
    }

    private void ReadCharges(ChargesBuilder into)
    {
        var depth = _cursor.Depth;
        CamtAmount? amount = null;
        CreditDebit? direction = null;
        string? type = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.TtlChrgsAndTaxAmt))
            {
                into.Total = ReadAmount();
            }
            else if (ReferenceEquals(name, _n.Amt))
            {
                amount = ReadAmount();
            }
            else if (ReferenceEquals(name, _n.CdtDbtInd))
            {
                direction = ReadCreditDebit();
            }
            else if (ReferenceEquals(name, _n.Tp))
            {
                type = ReadCode();
            }
            else if (ReferenceEquals(name, _n.Rcrd))
            {
                ReadCharges(into);
            }
            else
            {
                _cursor.Skip();
            }
        }
        if (amount is not null)
        {
            into.Records.Add(new CamtCharge(amount, direction, type));
        }
    }

    private void ReadEntryDetails(List<CamtTransactionDetails> transactions, ref CamtBatch? batch)
    {
        var depth = _cursor.Depth;
        while (_cursor.NextChild(depth))
        {
            if (ReferenceEquals(_cursor.Name, _n.Btch))
            {
                batch = ReadBatch();
            }
            else if (ReferenceEquals(_cursor.Name, _n.TxDtls))
            {
                transactions.Add(ReadTransaction(transactions.Count + 1));
            }
            else
            {
                _cursor.Skip();
            }
        }
    }

    private CamtBatch ReadBatch()
    {
        var depth = _cursor.Depth;
        var path = _cursor.Path;
        string? messageId = null, paymentInformationId = null;
        int? count = null;
        CamtAmount? total = null;
        CreditDebit? direction = null;
        while (_cursor.NextChild(depth))
        {
            var name = _cursor.Name;
            if (ReferenceEquals(name, _n.MsgId))
            {
                messageId = ReadOptionalIdentifier();
            }
            else if (ReferenceEquals(name, _n.PmtInfId))
            {
                paymentInformationId = ReadOptionalIdentifier();
            }
            else if (ReferenceEquals(name, _n.NbOfTxs))
            {
                count = ReadCount();
            }
            else if (ReferenceEquals(name, _n.TtlAmt))
            {
                total = ReadAmount();
            }
            else if (ReferenceEquals(name, _n.CdtDbtInd))
            {
                direction = ReadCreditDebit();
            }
            else
            {
                _cursor.Skip();
            }
        }
        return new CamtBatch(messageId, paymentInformationId, count, total, direction, path);
    }
}
