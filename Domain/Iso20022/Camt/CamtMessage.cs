namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Which camt message a document holds.</summary>
public enum CamtMessageKind
{
    /// <summary>camt.053 BankToCustomerStatement: end-of-day statement with balances.</summary>
    Statement,

    /// <summary>camt.054 BankToCustomerDebitCreditNotification: booked credits/debits, no balances.</summary>
    Notification,
}

/// <summary>
/// The ISO 20022 versions Bankflow reads: every published camt.053/054 version from 001.02 to 001.13 (banks move
/// versions on their own schedule, and a reader that refuses the next one stops a client's bookkeeping). Between them
/// only element shapes that the reader takes either way change (checked against the official schemas, or models
/// generated from them for 001.05, .07 and .09–.13):
/// <list type="bullet">
/// <item>Ntry/Sts is a code (BOOK) up to 001.06 and a choice (Sts/Cd) from 001.07;</item>
/// <item>TxDtls/Amt and TxDtls/CdtDbtInd exist from 001.03 (mandatory 001.03–001.06, optional from 001.07); 001.02 has only AmtDtls/TxAmt/Amt;</item>
/// <item>Chrgs is repeated, one Amt each, in 001.02 and one Chrgs with Rcrd children from 001.03;</item>
/// <item>TxsSummry nets as TtlNetNtryAmt + CdtDbtInd up to 001.03 and as TtlNetNtry/{Amt, CdtDbtInd} from 001.04;</item>
/// <item>a party is Dbtr/Nm up to 001.06 and Dbtr/Pty/Nm from 001.07;</item>
/// <item>Stmt/CreDtTm (Ntfctn/CreDtTm) is mandatory up to 001.06 and optional from 001.07.</item>
/// </list>
/// Balances, entry dates, Btch, Refs, RltdPties accounts, RmtInf/Strd/CdtrRefInf and RtrInf keep their names.
/// </summary>
public static class CamtVersions
{
    public const string V02 = "001.02";
    public const string V03 = "001.03";
    public const string V04 = "001.04";
    public const string V05 = "001.05";
    public const string V06 = "001.06";
    public const string V07 = "001.07";
    public const string V08 = "001.08";
    public const string V09 = "001.09";
    public const string V10 = "001.10";
    public const string V11 = "001.11";
    public const string V12 = "001.12";
    public const string V13 = "001.13";

    /// <summary>The versions read, oldest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V02, V03, V04, V05, V06, V07, V08, V09, V10, V11, V12, V13];

    /// <summary>"001.02 to 001.13", for messages.</summary>
    public static string SupportedText { get; } = $"{Supported[0]} to {Supported[^1]}";

    public static bool IsSupported(string? version) => version is not null && Supported.Contains(version, StringComparer.Ordinal);

    /// <summary>True where the schema makes Stmt/CreDtTm (Ntfctn/CreDtTm) mandatory: up to 001.06.</summary>
    public static bool StatementCreationDateTimeRequired(string? version) => version is V02 or V03 or V04 or V05 or V06;
}

/// <summary>One thing the streaming <see cref="CamtReader"/> yields, in document order.</summary>
public abstract record CamtItem;

/// <summary>The group header: always the first item.</summary>
/// <param name="CreationDateTime">CreDtTm as written (validated as an ISO date-time).</param>
public sealed record CamtGroupHeader(CamtMessageKind Kind, string Version, string MessageId, string? CreationDateTime) : CamtItem;

/// <summary>A statement (053) or notification (054) begins: its header and balances, before its entries.</summary>
public sealed record CamtStatementStart(CamtStatement Statement) : CamtItem;

/// <summary>One entry (Ntry) with its transaction details.</summary>
public sealed record CamtEntryItem(CamtStatement Statement, CamtEntry Entry) : CamtItem;

/// <summary>A statement ends: the totals of its entries, for the JSON summary and the balance check.</summary>
public sealed record CamtStatementEnd(CamtStatement Statement, CamtStatementTotals Totals) : CamtItem;

/// <summary>Running totals of a statement's entries.</summary>
/// <param name="BookedCredits">Sum of booked (BOOK) credit entries, hundredths.</param>
/// <param name="BookedDebits">Sum of booked (BOOK) debit entries, hundredths, positive.</param>
/// <param name="CreditCount">Credit entries of any status (for TxsSummry).</param>
/// <param name="Credits">Sum of credit entries of any status, hundredths.</param>
/// <param name="DebitCount">Debit entries of any status.</param>
/// <param name="Debits">Sum of debit entries of any status, hundredths, positive.</param>
public sealed record CamtStatementTotals(
    int EntryCount, int TransactionCount, long BookedCredits, long BookedDebits, int CreditCount, long Credits, int DebitCount, long Debits)
{
    /// <summary>Booked entries whose single TxDtls disagrees with them (amount or credit/debit), entry amount kept: see <see cref="CamtChecks.CheckEntry"/>.</summary>
    public int DetailMismatches { get; init; }
}
