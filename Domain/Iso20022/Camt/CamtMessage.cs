namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>Which camt message a document holds.</summary>
public enum CamtMessageKind
{
    /// <summary>camt.053 BankToCustomerStatement: end-of-day statement with balances.</summary>
    Statement,

    /// <summary>camt.054 BankToCustomerDebitCreditNotification: booked credits/debits, no balances.</summary>
    Notification,
}

/// <summary>The ISO 20022 versions Bankflow reads.</summary>
public static class CamtVersions
{
    public const string V02 = "001.02";
    public const string V08 = "001.08";

    public static bool IsSupported(string? version) => version is V02 or V08;
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
    int EntryCount, int TransactionCount, long BookedCredits, long BookedDebits, int CreditCount, long Credits, int DebitCount, long Debits);
