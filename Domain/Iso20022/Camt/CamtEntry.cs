using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>CdtDbtInd: CRDT (money in) or DBIT (money out).</summary>
public enum CreditDebit
{
    Credit,
    Debit,
}

/// <summary>An unsigned ISO amount with its currency (Amt + @Ccy), in hundredths of the currency unit.</summary>
public sealed record CamtAmount(Money Value, string Currency)
{
    /// <summary>The amount signed by direction: debit negative.</summary>
    public Money Signed(CreditDebit direction) => direction == CreditDebit.Debit ? -Value : Value;
}

/// <summary>BkTxCd: the ISO domain/family/sub-family code and/or the bank's proprietary code.</summary>
public sealed record CamtBankTransactionCode(string? Domain, string? Family, string? SubFamily, string? Proprietary, string? ProprietaryIssuer)
{
    /// <summary>"PMNT/RCDT/DMCT", or null without a domain code.</summary>
    public string? Iso => Domain is null ? null : $"{Domain}/{Family}/{SubFamily}";
}

/// <summary>One charge record (v02: each Chrgs; v08: each Chrgs/Rcrd).</summary>
/// <param name="Direction">CdtDbtInd of the charge when given.</param>
/// <param name="Type">Tp/Cd (or Tp/Prtry/Id).</param>
public sealed record CamtCharge(CamtAmount Amount, CreditDebit? Direction, string? Type);

/// <summary>Charges of an entry or transaction: TtlChrgsAndTaxAmt and the individual records.</summary>
public sealed record CamtCharges(CamtAmount? Total, IReadOnlyList<CamtCharge> Records);

/// <summary>NtryDtls/Btch: what the bank says about a batch booking.</summary>
/// <param name="Path">Element path of the Btch, for diagnostics.</param>
public sealed record CamtBatch(string? MessageId, string? PaymentInformationId, int? NumberOfTransactions, CamtAmount? TotalAmount, CreditDebit? Direction, string Path);

/// <summary>One Ntry.</summary>
/// <param name="Index">1-based position in its statement.</param>
/// <param name="Amount">Ntry/Amt, unsigned; see <see cref="SignedAmount"/>.</param>
/// <param name="Status">BOOK, PDNG or INFO (v02 Sts; v08 Sts/Cd or Sts/Prtry).</param>
/// <param name="BookingDate">BookgDt/Dt, or the date part of BookgDt/DtTm as written.</param>
/// <param name="AccountServicerReference">Ntry/AcctSvcrRef: the bank's id for the booking, links camt.053 and camt.054.</param>
/// <param name="Transactions">TxDtls of all NtryDtls, in order.</param>
public sealed record CamtEntry(
    int Index,
    CamtAmount Amount,
    CreditDebit Direction,
    string Status,
    bool Reversal,
    DateOnly? BookingDate,
    DateOnly? ValueDate,
    string? AccountServicerReference,
    string? EntryReference,
    CamtBankTransactionCode? BankTransactionCode,
    CamtCharges? Charges,
    CamtBatch? Batch,
    IReadOnlyList<CamtTransactionDetails> Transactions,
    string? AdditionalInformation,
    string Path,
    int Line)
{
    /// <summary>1-based column of the Ntry start tag on <see cref="Line"/>.</summary>
    public int Column { get; init; }

    public Money SignedAmount => Amount.Signed(Direction);

    /// <summary>
    /// The booking date Bankflow uses: BookgDt; for a booked entry without one (the schema makes it optional)
    /// its value date, else the statement's date (<see cref="CamtStatement.Date"/>). The reader warns when it
    /// falls back. Null only for an entry that is not booked and has no BookgDt, or a booked one without any date
    /// (an error).
    /// </summary>
    public DateOnly? EffectiveBookingDate(CamtStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return BookingDate ?? (IsBooked ? ValueDate ?? statement.Date : null);
    }

    /// <summary>Only booked entries move money; PDNG and INFO are left out of balances and bank entries.</summary>
    public bool IsBooked => Status == "BOOK";
}
