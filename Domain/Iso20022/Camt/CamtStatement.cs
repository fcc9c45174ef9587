using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>The account a statement or notification is for (Acct).</summary>
/// <param name="Iban">Acct/Id/IBAN.</param>
/// <param name="OtherId">Acct/Id/Othr/Id (a BBAN when <paramref name="OtherScheme"/> is "BBAN").</param>
/// <param name="Currency">Acct/Ccy (optional in the schema).</param>
public sealed record CamtAccount(string? Iban, string? OtherId, string? OtherScheme, string? Currency)
{
    /// <summary>The identifier as the bank wrote it: IBAN, else Othr/Id.</summary>
    public string? Identifier => Iban ?? OtherId;

    /// <summary>
    /// The account as Bankflow stores it (<see cref="Banking.BankEntry.Account"/>): a Norwegian IBAN becomes its 11-digit
    /// BBAN (NO + 2 check digits + BBAN), so the same account given as IBAN in one file and BBAN in another is one account.
    /// </summary>
    public string? Normalised => CamtAccountNumbers.Normalise(Identifier);
}

/// <summary>A balance (Bal) of a camt.053 statement.</summary>
/// <param name="Type">Tp/CdOrPrtry/Cd (or Prtry): OPBD, PRCD, CLBD, CLAV, ITBD, …</param>
/// <param name="Amount">Signed: a DBIT balance (overdrawn) is negative. Hundredths of <paramref name="Currency"/>.</param>
public sealed record CamtBalance(string Type, Money Amount, string Currency, DateOnly Date);

/// <summary>
/// TxsSummry, the bank's control totals (all unsigned hundredths except <paramref name="Net"/>):
/// TtlNtries/{NbOfNtries, Sum, TtlNetNtryAmt + CdtDbtInd (v02) or TtlNetNtry/{Amt, CdtDbtInd} (v08)},
/// TtlCdtNtries/{NbOfNtries, Sum}, TtlDbtNtries/{NbOfNtries, Sum}.
/// </summary>
public sealed record CamtTransactionsSummary(
    long? Count, long? Sum, long? Net, long? CreditCount, long? CreditSum, long? DebitCount, long? DebitSum);

/// <summary>Header of one Stmt (camt.053) or Ntfctn (camt.054).</summary>
/// <param name="Index">1-based position in the message.</param>
/// <param name="ElectronicSequenceNumber">ElctrncSeqNb: counts statements per account, used for the continuity check.</param>
/// <param name="Path">Element path, e.g. <c>/Document/BkToCstmrStmt/Stmt[1]</c>.</param>
public sealed record CamtStatement(
    int Index,
    string Id,
    long? ElectronicSequenceNumber,
    string? CreationDateTime,
    CamtAccount Account,
    IReadOnlyList<CamtBalance> Balances,
    string Path,
    int Line)
{
    /// <summary>TxsSummry: the bank's own totals of the entries, when given.</summary>
    public CamtTransactionsSummary? Summary { get; init; }

    /// <summary>1-based column of the Stmt / Ntfctn start tag on <see cref="Line"/>.</summary>
    public int Column { get; init; }

    /// <summary>
    /// The statement's date, for a booked entry that has neither BookgDt nor ValDt: the date of FrToDt/ToDtTm
    /// (the end of the period it covers), else of its CreDtTm, else of the message's GrpHdr/CreDtTm; as written.
    /// </summary>
    public DateOnly? Date { get; init; }

    /// <summary>The statement's currency: Acct/Ccy, else the first balance's; null for a notification without Acct/Ccy.</summary>
    public string? Currency => Account.Currency ?? (Balances.Count > 0 ? Balances[0].Currency : null);

    /// <summary>First balance of the given type, or null.</summary>
    public CamtBalance? Balance(string type)
    {
        foreach (var balance in Balances)
        {
            if (balance.Type == type)
            {
                return balance;
            }
        }
        return null;
    }

    /// <summary>The opening balance for the balance check: OPBD, else PRCD (previous closing booked).</summary>
    public CamtBalance? Opening => Balance("OPBD") ?? Balance("PRCD");

    /// <summary>The closing booked balance (CLBD).</summary>
    public CamtBalance? Closing => Balance("CLBD");
}

/// <summary>Account number normalisation shared by statements and counterparties.</summary>
public static class CamtAccountNumbers
{
    /// <summary>Norwegian IBAN (15 characters, "NO") → 11-digit BBAN; anything else unchanged (spaces removed).</summary>
    public static string? Normalise(string? account)
    {
        if (string.IsNullOrWhiteSpace(account))
        {
            return null;
        }
        var compact = account.Contains(' ', StringComparison.Ordinal) ? account.Replace(" ", "", StringComparison.Ordinal) : account;
        if (compact.Length == 15 && compact.StartsWith("NO", StringComparison.OrdinalIgnoreCase) && CheckDigits.AllDigits(compact.AsSpan(2)))
        {
            return compact[4..];
        }
        return compact;
    }
}
