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
/// The ISO 20022 versions Bankflow reads. Between them only element shapes that the reader takes either way
/// change (checked against the official schemas):
/// <list type="bullet">
/// <item>Ntry/Sts is a code (BOOK) up to 001.06 and a choice (Sts/Cd) from 001.08;</item>
/// <item>TxDtls/Amt and TxDtls/CdtDbtInd exist from 001.03 (mandatory 001.03–001.06, optional from 001.08); 001.02 has only AmtDtls/TxAmt/Amt;</item>
/// <item>Chrgs is repeated, one Amt each, in 001.02 and one Chrgs with Rcrd children from 001.03;</item>
/// <item>TxsSummry nets as TtlNetNtryAmt + CdtDbtInd up to 001.03 and as TtlNetNtry/{Amt, CdtDbtInd} from 001.04;</item>
/// <item>a party is Dbtr/Nm up to 001.06 and Dbtr/Pty/Nm from 001.08;</item>
/// <item>Stmt/CreDtTm (Ntfctn/CreDtTm) is mandatory up to 001.06 and optional from 001.08.</item>
/// </list>
/// Balances, entry dates, Btch, Refs, RltdPties accounts, RmtInf/Strd/CdtrRefInf and RtrInf keep their names.
/// </summary>
public static class CamtVersions
{
    public const string V02 = "001.02";
    public const string V03 = "001.03";
    public const string V04 = "001.04";
    public const string V06 = "001.06";
    public const string V08 = "001.08";
    public const string V10 = "001.10";

    /// <summary>The versions read, oldest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V02, V03, V04, V06, V08, V10];

    /// <summary>"001.02, 001.03, 001.04, 001.06, 001.08 or 001.10", for messages.</summary>
    public static string SupportedText { get; } = string.Join(", ", Supported.Take(Supported.Count - 1)) + " or " + Supported[^1];

    public static bool IsSupported(string? version) => version is V02 or V03 or V04 or V06 or V08 or V10;

    /// <summary>True where the schema makes Stmt/CreDtTm (Ntfctn/CreDtTm) mandatory: up to 001.06.</summary>
    public static bool StatementCreationDateTimeRequired(string? version) => version is V02 or V03 or V04 or V06;
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
